import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The viewer side of bench/sse-fanout. Signs in once through the login form (the session cookie is
 * shared by every viewer, as tabs of one browser share it; {@code --auth basic} sends HTTP Basic on
 * every stream instead, which costs the panel a bcrypt check per connection), starts the bench
 * step's run, then at once opens N SSE streams on it with {@code Last-Event-ID: 0} (the panel
 * replays what a viewer missed, then follows live). The streams are served by a few event-loop
 * threads ({@code --threads}, default min(4, cores)) over non-blocking sockets, each decoding the
 * HTTP/1.1 response (chunked) and the SSE events as bytes, so that the client stays cheap next to
 * the panel on the same machine: one blocking thread per viewer (two hundred runnable threads)
 * used ten times the panel's CPU, and java.net.http's selector thread per client copied every
 * viewer's bytes. The API calls use HttpClient.
 *
 * <p>Per viewer it counts the lines of the {@code lines} events (a JSON array per batch) carrying a
 * generator line ({@code seq=S t=T ...}),
 * checks that S arrives in order without gaps or doubles, and records three latencies per line:
 * end-to-end = receive time - generator time T, ingest = panel time ("t" of the event, when the
 * panel read the line) - T, fan-out = receive time - panel time, and behind-schedule = receive
 * time - when the line was due (first line's T + (S-1)/RATE), which also counts the time a
 * generator spent blocked on a full pipe before it could write the line. A viewer whose stream ends
 * without the {@code end} event reconnects with the id of the last whole event it received, as a
 * browser's EventSource does (the lines of an event cut off in the middle are dropped and come
 * again).
 *
 * <p>Prints {@code key=value} lines for the bench script. Usage:
 *
 * <pre>java SseViewers.java --base http://127.0.0.1:PORT --migration ID --step STEP
 *     --viewers N --rate R --timeout SECONDS [--auth session|basic] [--threads T]</pre>
 *
 * <p>The operator's and the viewer's credentials ({@code user:password}) come in the environment
 * variables {@code BENCH_OPERATOR} and {@code BENCH_VIEWER}, never on the command line, which any
 * local user can read.
 */
public class SseViewers {

    static volatile long produced = -1;
    static volatile long genElapsedMs = -1;
    static volatile long genMaxBehindMs = -1;
    /** When the viewers started to connect (after the run had started). */
    static volatile long connectStart;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = opt.get("base");
        int viewers = Integer.parseInt(opt.getOrDefault("viewers", "200"));
        long timeoutMs = Long.parseLong(opt.getOrDefault("timeout", "180")) * 1000L;
        long rate = Long.parseLong(opt.getOrDefault("rate", "0"));
        String operator = credentials("BENCH_OPERATOR");
        String viewer = credentials("BENCH_VIEWER");
        String operatorAuth = basic(operator);
        String viewerAuth = basic(viewer);
        String authMode = opt.getOrDefault("auth", "session");
        if (!authMode.equals("session") && !authMode.equals("basic")) {
            throw new IllegalArgumentException("--auth must be session or basic, not " + authMode);
        }

        HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        // Warm up the client (class loading, the decoder's JIT, a connection) before the clock starts.
        Viewer.warmUp();
        HttpResponse<String> warm = api.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/0")).header("Authorization", viewerAuth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (warm.statusCode() == 401) {
            throw new IllegalStateException("viewer credentials refused: " + warm.body());
        }

        // The stream's credentials: one session cookie for all (the browser's path), or Basic on each.
        String[] streamAuth = authMode.equals("session")
                ? new String[] { "Cookie", signIn(base, viewer) }
                : new String[] { "Authorization", viewerAuth };
        String eventsPath = authMode.equals("session") ? "/runs/" : "/api/runs/";

        long deadline = System.currentTimeMillis() + timeoutMs;
        int buckets = (int) (timeoutMs / 1000) + 60;
        int threads = Integer.parseInt(opt.getOrDefault("threads", String.valueOf(Math.min(4, Runtime.getRuntime().availableProcessors()))));
        CountDownLatch done = new CountDownLatch(viewers);
        // Every viewer (its buffers are half a megabyte each) is made and handed to its loop before
        // the run starts, and each loop opens all of its sockets before it reads anything: made one
        // by one while the first streams already poured in, the last sockets opened 0.8 s late, and
        // that counted as the panel's connect time.
        List<Loop> loops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            loops.add(new Loop(done));
        }
        List<Viewer> all = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            Viewer v = new Viewer(i, streamAuth, deadline, buckets, rate);
            all.add(v);
            loops.get(i % threads).start(v);
        }
        long t0 = System.currentTimeMillis();
        HttpResponse<String> started = api.send(
                HttpRequest.newBuilder(URI.create(base + "/api/migrations/" + opt.get("migration") + "/steps/" + opt.get("step") + "/runs"))
                        .header("Authorization", operatorAuth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 201) {
            throw new IllegalStateException("starting the run answered " + started.statusCode() + ": " + started.body());
        }
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(started.body());
        if (!m.find()) {
            throw new IllegalStateException("no run id in " + started.body());
        }
        long runId = Long.parseLong(m.group(1));
        System.out.println("run_id=" + runId);
        System.out.println("auth=" + authMode);
        System.out.flush();

        URI events = URI.create(base + eventsPath + runId + "/events");
        all.forEach(v -> v.follow(events, t0));
        connectStart = System.currentTimeMillis();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(loops.get(i), "viewers-" + i);
            t.setDaemon(true);
            t.start();
        }
        boolean finished = done.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        long wallMs = System.currentTimeMillis() - t0;
        loops.forEach(Loop::stop);
        for (Loop loop : loops) {
            loop.stopped.await(5, TimeUnit.SECONDS);
        }

        for (Viewer v : all) {
            if (v.connectMs < 0) {
                System.err.println("viewer " + v.index + " never got its response head: socket at " + (v.socketAt > 0 ? v.socketAt - connectStart : -1)
                        + " ms, request written at " + (v.requestAt > 0 ? v.requestAt - connectStart : -1) + " ms, request bytes left "
                        + (v.request == null ? -1 : v.request.remaining()) + ", head so far " + v.head.length() + " chars, error " + v.error);
            }
        }
        String runStatus = "?";
        try {
            HttpResponse<String> r = api.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId)).header("Authorization", viewerAuth).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher s = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(r.body());
            runStatus = s.find() ? s.group(1) : "HTTP " + r.statusCode();
        } catch (IOException e) {
            runStatus = "unknown (" + e + ")";
        }

        report(all, runStatus, wallMs, !finished, buckets);
    }

    private static void report(List<Viewer> all, String runStatus, long wallMs, boolean timedOut, int buckets) {
        long expected = produced;
        Histogram e2e = new Histogram();
        Histogram live = new Histogram();
        Histogram ingest = new Histogram();
        Histogram fanout = new Histogram();
        Histogram schedule = new Histogram();
        long genFirst = Long.MAX_VALUE;
        long genLast = 0;
        long minDelivered = Long.MAX_VALUE;
        long maxDelivered = 0;
        long sumDelivered = 0;
        long lost = 0;
        long lostViewers = 0;
        long distinctSum = 0;
        long distinctMin = Long.MAX_VALUE;
        long maxSeqSeen = 0;
        long outOfOrder = 0;
        long duplicates = 0;
        long idRegressions = 0;
        long reconnects = 0;
        long rejected = 0;
        long ended = 0;
        long connected = 0;
        long connectMsMax = 0;
        long connectedAtMax = 0;
        long socketAtMax = 0;
        long openedAtMax = 0;
        long requestAtMax = 0;
        long endMsMax = 0;
        long perfect = 0;
        List<String> errors = new ArrayList<>();
        StringBuilder distinctList = new StringBuilder();
        long[] secSum = new long[buckets];
        long[] secCount = new long[buckets];
        long[] secMax = new long[buckets];
        for (Viewer v : all) {
            e2e.add(v.e2e);
            live.add(v.live);
            ingest.add(v.ingest);
            fanout.add(v.fanout);
            schedule.add(v.schedule);
            if (v.genFirst > 0) {
                genFirst = Math.min(genFirst, v.genFirst);
            }
            genLast = Math.max(genLast, v.genLast);
            minDelivered = Math.min(minDelivered, v.delivered);
            maxDelivered = Math.max(maxDelivered, v.delivered);
            sumDelivered += v.delivered;
            long distinct = v.seen.cardinality();
            distinctSum += distinct;
            distinctList.append(distinctList.length() == 0 ? "" : ",").append(distinct);
            distinctMin = Math.min(distinctMin, distinct);
            maxSeqSeen = Math.max(maxSeqSeen, v.maxSeq);
            long missing = expected >= 0 ? Math.max(0, expected - distinct) : 0;
            lost += missing;
            if (missing > 0) {
                lostViewers++;
            }
            outOfOrder += v.outOfOrder;
            duplicates += v.duplicates;
            idRegressions += v.idRegressions;
            reconnects += v.reconnects;
            rejected += v.rejected;
            if (v.endSeen) {
                ended++;
                endMsMax = Math.max(endMsMax, v.endMs);
            }
            if (v.connectMs >= 0) {
                connected++;
                connectMsMax = Math.max(connectMsMax, v.connectMs);
                connectedAtMax = Math.max(connectedAtMax, v.connectedAt);
                socketAtMax = Math.max(socketAtMax, v.socketAt);
                openedAtMax = Math.max(openedAtMax, v.openedAt);
                requestAtMax = Math.max(requestAtMax, v.requestAt);
            }
            if (v.error != null && errors.size() < 5) {
                errors.add("viewer " + v.index + ": " + v.error);
            }
            if (expected >= 0 && missing == 0 && v.delivered == expected && v.outOfOrder == 0 && v.duplicates == 0 && v.idRegressions == 0
                    && v.endSeen) {
                perfect++;
            }
            for (int s = 0; s < buckets; s++) {
                secSum[s] += v.secSum[s];
                secCount[s] += v.secCount[s];
                secMax[s] = Math.max(secMax[s], v.secMax[s]);
            }
        }
        int n = all.size();
        System.out.println("viewers=" + n);
        System.out.println("connected=" + connected);
        System.out.println("connect_ms_max=" + connectMsMax);
        System.out.println("connect_span_ms=" + (connectedAtMax > 0 ? connectedAtMax - connectStart : -1));
        System.out.println("open_span_ms=" + (openedAtMax > 0 ? openedAtMax - connectStart : -1));
        System.out.println("socket_span_ms=" + (socketAtMax > 0 ? socketAtMax - connectStart : -1));
        System.out.println("request_span_ms=" + (requestAtMax > 0 ? requestAtMax - connectStart : -1));
        System.out.println("rejected_503=" + rejected);
        System.out.println("reconnects=" + reconnects);
        System.out.println("ended=" + ended);
        System.out.println("end_ms_max=" + endMsMax);
        System.out.println("timed_out=" + timedOut);
        System.out.println("wall_ms=" + wallMs);
        System.out.println("run_status=" + runStatus);
        System.out.println("produced=" + expected);
        System.out.println("gen_elapsed_ms=" + genElapsedMs);
        System.out.println("gen_max_behind_ms=" + genMaxBehindMs);
        System.out.println("delivered_min=" + (n == 0 ? 0 : minDelivered));
        System.out.println("delivered_avg=" + (n == 0 ? 0 : Math.round((double) sumDelivered / n)));
        System.out.println("delivered_max=" + maxDelivered);
        System.out.println("distinct_sum=" + distinctSum);
        System.out.println("distinct_min=" + (n == 0 ? 0 : distinctMin));
        System.out.println("max_seq_seen=" + maxSeqSeen);
        System.out.println("distinct_list=" + distinctList);
        System.out.println("lost=" + lost);
        System.out.println("lost_viewers=" + lostViewers);
        System.out.println("out_of_order=" + outOfOrder);
        System.out.println("duplicates=" + duplicates);
        System.out.println("id_regressions=" + idRegressions);
        System.out.println("perfect_viewers=" + perfect);
        System.out.println("p50_ms=" + e2e.percentile(0.50));
        System.out.println("p99_ms=" + e2e.percentile(0.99));
        System.out.println("p999_ms=" + e2e.percentile(0.999));
        System.out.println("max_ms=" + e2e.max);
        System.out.println("live_p50_ms=" + live.percentile(0.50));
        System.out.println("live_p99_ms=" + live.percentile(0.99));
        System.out.println("live_max_ms=" + live.max);
        System.out.println("ingest_p50_ms=" + ingest.percentile(0.50));
        System.out.println("ingest_p99_ms=" + ingest.percentile(0.99));
        System.out.println("ingest_max_ms=" + ingest.max);
        System.out.println("fanout_p50_ms=" + fanout.percentile(0.50));
        System.out.println("fanout_p99_ms=" + fanout.percentile(0.99));
        System.out.println("fanout_max_ms=" + fanout.max);
        System.out.println("schedule_p50_ms=" + schedule.percentile(0.50));
        System.out.println("schedule_p99_ms=" + schedule.percentile(0.99));
        System.out.println("schedule_max_ms=" + schedule.max);
        System.out.println("emission_span_ms=" + (genLast >= genFirst ? genLast - genFirst : -1));
        System.out.println("latency_by_second=" + profile(secSum, secCount, secMax));
        System.out.println("errors=" + String.join("; ", errors));
    }

    /** Mean/max end-to-end latency by window of emission time (seconds after the run started), at most ~15 windows. */
    private static String profile(long[] sum, long[] count, long[] max) {
        int first = -1;
        int last = -1;
        for (int s = 0; s < count.length; s++) {
            if (count[s] > 0) {
                first = first < 0 ? s : first;
                last = s;
            }
        }
        if (first < 0) {
            return "";
        }
        int w = Math.max(1, (last - first + 15) / 15);
        StringBuilder out = new StringBuilder();
        for (int from = first; from <= last; from += w) {
            long c = 0;
            long total = 0;
            long m = 0;
            for (int s = from; s < Math.min(last + 1, from + w); s++) {
                c += count[s];
                total += sum[s];
                m = Math.max(m, max[s]);
            }
            if (c > 0) {
                out.append(out.length() == 0 ? "" : " ").append(w == 1 ? from + "s" : from + "-" + (from + w) + "s").append(':')
                        .append(total / c).append('/').append(m);
            }
        }
        return out.toString();
    }

    /**
     * Signs in through the login form as a browser does and returns the session cookie
     * ({@code JSESSIONID=...}): GET /login for the CSRF token, POST the form, keep the cookie of
     * the redirect.
     */
    private static String signIn(String base, String userPass) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the login page (HTTP " + form.statusCode() + ")");
        }
        String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
        int colon = userPass.indexOf(':');
        String body = "username=" + enc(userPass.substring(0, colon)) + "&password=" + enc(userPass.substring(colon + 1)) + "&_csrf="
                + enc(token);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("signing in answered " + login.statusCode() + " to " + location);
        }
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst()
                .map(c -> c.getName() + "=" + c.getValue()).orElseThrow(() -> new IllegalStateException("no session cookie after signing in"));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String credentials(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.indexOf(':') < 1) {
            throw new IllegalArgumentException("set " + variable + " to user:password");
        }
        return value;
    }

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One event loop: a Selector thread that serves its share of the viewers over non-blocking
     * sockets. A few of these replace a thread per viewer, whose two hundred runnable threads took
     * far more CPU than the panel they were measuring. One read buffer per loop; each viewer keeps
     * only the bytes of an event object not yet complete, and the lines of its current event until
     * the event is dispatched.
     */
    static final class Loop implements Runnable {

        private final Selector selector;
        private final ByteBuffer net = ByteBuffer.allocate(1 << 18);
        private final java.util.concurrent.ConcurrentLinkedQueue<Viewer> toStart = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final List<Viewer> delayed = new ArrayList<>();
        private final List<Viewer> mine = new ArrayList<>();
        private final CountDownLatch done;
        final CountDownLatch stopped = new CountDownLatch(1);
        private volatile boolean stopping;

        Loop(CountDownLatch done) throws IOException {
            this.selector = Selector.open();
            this.done = done;
        }

        void start(Viewer v) {
            toStart.add(v);
            selector.wakeup();
        }

        void stop() {
            stopping = true;
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    for (Viewer v = toStart.poll(); v != null; v = toStart.poll()) {
                        mine.add(v);
                        v.loop = this;
                        v.open(selector);
                    }
                    long now = System.currentTimeMillis();
                    long wait = 250;
                    List<Viewer> due = new ArrayList<>();
                    for (java.util.Iterator<Viewer> it = delayed.iterator(); it.hasNext();) {
                        Viewer d = it.next();
                        if (d.retryAt <= now) {
                            it.remove();
                            due.add(d);
                        } else {
                            wait = Math.min(wait, d.retryAt - now);
                        }
                    }
                    due.forEach(d -> d.open(selector));
                    selector.select(Math.max(1, wait));
                    for (SelectionKey key : selector.selectedKeys()) {
                        Viewer v = (Viewer) key.attachment();
                        try {
                            if (key.isValid() && key.isConnectable()) {
                                v.connected(key);
                            }
                            if (key.isValid() && key.isWritable()) {
                                v.writeRequest(key);
                            }
                            if (key.isValid() && key.isReadable()) {
                                net.clear();
                                int n = v.channel.read(net);
                                if (n < 0) {
                                    v.closed(null);
                                } else if (n > 0) {
                                    v.feed(net.array(), 0, n, System.currentTimeMillis());
                                }
                            }
                        } catch (IOException e) {
                            v.closed(e);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                mine.forEach(v -> v.error = v.error != null ? v.error : "event loop: " + e);
            } finally {
                mine.forEach(Viewer::abort);
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // stopping anyway
                }
                stopped.countDown();
            }
        }

        void retryLater(Viewer v) {
            delayed.add(v);
        }

        void finished() {
            done.countDown();
        }
    }

    /**
     * One SSE stream, decoded incrementally from whatever bytes each read brings: the HTTP/1.1
     * response head, the chunked framing, the SSE fields, and in a {@code lines} event's JSON
     * array only what the checks need: the panel's {@code "t"} and, in the text, the generator's
     * {@code seq=S t=T}; the generator's padding is jumped over once its length is known (checked
     * by the closing quote, scanned when it does not match). No String is made per line.
     *
     * <p>As a browser's EventSource, a viewer takes an event's id, and counts its lines, only when
     * the event is complete (its blank line): a stream cut in the middle of a batch reconnects with
     * the id of the last whole event, and the part it had received is dropped.
     */
    static final class Viewer {

        private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LINES = "lines".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LINES_DATA = "data:[".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LINE_START = "{\"q\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "end".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PANEL_T = "\"t\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TEXT = ",\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] SEQ = "seq=".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DONE = "done ".getBytes(StandardCharsets.US_ASCII);
        private static final int HEAD = 0, SIZE = 1, DATA = 2, DATA_END = 3, IDENTITY = 4;
        private static final int MALFORMED = -2, INCOMPLETE = -1;

        final int index;
        /** Set once the run exists (the viewers are made before it starts). */
        URI uri;
        private final String[] auth;
        /** When the run was started (the POST was sent); set with {@link #uri}. */
        private long t0;
        private final long deadline;
        Loop loop;
        SocketChannel channel;
        private ByteBuffer request;
        long retryAt;
        private boolean opened;
        private boolean finished;
        private boolean warming;

        final BitSet seen = new BitSet();
        final Histogram e2e = new Histogram();
        /** Lines emitted after this viewer's stream opened: delivery, not the replay of what it missed. */
        final Histogram live = new Histogram();
        final Histogram ingest = new Histogram();
        final Histogram fanout = new Histogram();
        final Histogram schedule = new Histogram();
        final long[] secSum;
        final long[] secCount;
        final long[] secMax;
        long delivered;
        long maxSeq;
        long outOfOrder;
        long duplicates;
        long idRegressions;
        long reconnects;
        long rejected;
        long connectMs = -1;
        long connectedAt;
        /** When the first connection's TCP handshake finished and its request was written (0: not yet). */
        long socketAt;
        long requestAt;
        long openedAt;
        long endMs = -1;
        boolean endSeen;
        String error;

        private final long rate;
        private long genStart = -1;
        long genFirst = -1;
        long genLast;

        // The connection's decoding state.
        private int phase;
        private final StringBuilder head = new StringBuilder();
        private long chunkLeft;
        private long chunkSize;
        private boolean chunkExt;
        private byte[] sse = new byte[1 << 19];
        private int sseLen;
        private boolean inArray;
        private int textLen = -1;

        // The current SSE event, not yet dispatched.
        private int event; // 0 none, 1 lines, 2 end, 3 other
        private long pendingId = -1;
        private long lastId;
        private long lastSeenId;
        private int pending;
        private long[] pSeq = new long[4096];
        private long[] pGenT = new long[4096];
        private long[] pPanelT = new long[4096];
        private long[] pNow = new long[4096];

        Viewer(int index, String[] auth, long deadline, int buckets, long rate) {
            this.rate = rate;
            this.index = index;
            this.auth = auth;
            this.deadline = deadline;
            this.secSum = new long[buckets];
            this.secCount = new long[buckets];
            this.secMax = new long[buckets];
        }

        /** The run to follow, and when it started: before its loop opens the stream. */
        void follow(URI events, long started) {
            this.uri = events;
            this.t0 = started;
        }

        /**
         * Runs the decoder over a made-up stream until the JIT has compiled it, so that the
         * viewers' first seconds are not spent interpreting (they would show as the panel's
         * latency). Lines with seq 0 are not the generator's and count nowhere.
         */
        static void warmUp() throws IOException {
            StringBuilder event = new StringBuilder("id:500\nevent:lines\ndata:[");
            for (int i = 0; i < 500; i++) {
                event.append(i == 0 ? "" : ",").append("{\"q\":").append(i + 1).append(",\"s\":\"out\",\"t\":1,\"x\":\"seq=0 t=1 ")
                        .append("x".repeat(80)).append("\"}");
            }
            byte[] body = event.append("]\n\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            Viewer v = new Viewer(-1, new String[] { "X", "y" }, 0, 1, 0);
            v.follow(URI.create("http://127.0.0.1:1/"), 0);
            v.warming = true;
            v.feed(head, 0, head.length, 1);
            for (int i = 0; i < 400; i++) {
                v.feed(chunk, 0, chunk.length, 1);
                for (int at = 0; at < body.length; at += 8192) {
                    v.feed(body, at, Math.min(8192, body.length - at), 1);
                }
                v.feed(new byte[] { '\r', '\n' }, 0, 2, 1);
            }
        }

        /** Opens a connection (a reconnect after the first), or finishes once the deadline passed. */
        void open(Selector selector) {
            if (endSeen || System.currentTimeMillis() >= deadline) {
                finish();
                return;
            }
            if (opened) {
                reconnects++;
            } else {
                openedAt = System.currentTimeMillis();
            }
            opened = true;
            phase = HEAD;
            head.setLength(0);
            chunkLeft = 0;
            chunkSize = 0;
            chunkExt = false;
            sseLen = 0;
            inArray = false;
            event = 0;
            pendingId = -1;
            pending = 0;
            lastSeenId = lastId;
            request = ByteBuffer.wrap(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + auth[0] + ": " + auth[1] + "\r\nAccept: text/event-stream\r\nLast-Event-ID: " + lastId
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (channel.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()))) {
                    channel.register(selector, SelectionKey.OP_WRITE, this);
                } else {
                    channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                closed(e);
            }
        }

        void connected(SelectionKey key) throws IOException {
            if (channel.finishConnect()) {
                if (socketAt == 0) {
                    socketAt = System.currentTimeMillis();
                }
                key.interestOps(SelectionKey.OP_WRITE);
            }
        }

        void writeRequest(SelectionKey key) throws IOException {
            if (socketAt == 0) {
                socketAt = System.currentTimeMillis();
            }
            channel.write(request);
            if (!request.hasRemaining()) {
                if (requestAt == 0) {
                    requestAt = System.currentTimeMillis();
                }
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** The stream ended (cause null: closed by the panel); reconnect with the last whole event's id unless done. */
        void closed(IOException cause) {
            if (cause != null && loop != null && !finished) {
                error = cause.toString();
            }
            closeChannel();
            if (finished) {
                return;
            }
            if (endSeen || System.currentTimeMillis() >= deadline) {
                finish();
            } else {
                retryAt = System.currentTimeMillis();
                loop.retryLater(this);
            }
        }

        void abort() {
            closeChannel();
        }

        private void closeChannel() {
            SocketChannel c = channel;
            channel = null;
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing only to stop reading
                }
            }
        }

        private void finish() {
            closeChannel();
            if (!finished) {
                finished = true;
                loop.finished();
            }
        }

        /** Decodes the bytes of one read: head, then chunked framing into the SSE buffer, then SSE. */
        void feed(byte[] b, int off, int len, long now) throws IOException {
            int end = off + len;
            while (off < end && (channel != null || warming)) {
                switch (phase) {
                    case HEAD -> off = head(b, off, end, now);
                    case SIZE -> {
                        byte c = b[off++];
                        if (c == '\n') {
                            if (chunkSize == 0) {
                                parse(now);
                                closed(null); // the last chunk: the panel completed the stream
                                return;
                            }
                            chunkLeft = chunkSize;
                            chunkSize = 0;
                            chunkExt = false;
                            phase = DATA;
                        } else if (c == ';') {
                            chunkExt = true;
                        } else if (!chunkExt && c != '\r') {
                            chunkSize = chunkSize * 16 + Character.digit(c, 16);
                        }
                    }
                    case DATA -> {
                        int n = (int) Math.min(chunkLeft, end - off);
                        append(b, off, n);
                        off += n;
                        chunkLeft -= n;
                        if (chunkLeft == 0) {
                            phase = DATA_END;
                        }
                    }
                    case DATA_END -> {
                        if (b[off++] == '\n') {
                            phase = SIZE;
                        }
                    }
                    default -> {
                        append(b, off, end - off);
                        off = end;
                    }
                }
            }
            if (channel != null || warming) {
                parse(now);
            }
        }

        private int head(byte[] b, int off, int end, long now) {
            while (off < end) {
                head.append((char) (b[off++] & 0xff));
                int n = head.length();
                if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                    String[] lines = head.toString().split("\r\n");
                    String statusLine = lines[0];
                    int status = statusLine.length() >= 12 ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
                    boolean chunked = false;
                    for (String h : lines) {
                        String l = h.toLowerCase(Locale.ROOT);
                        chunked |= l.startsWith("transfer-encoding:") && l.contains("chunked");
                    }
                    if (status == 503) {
                        rejected++;
                        closeChannel();
                        retryAt = now + 1000;
                        loop.retryLater(this);
                        return end;
                    }
                    if (status != 200) {
                        error = statusLine;
                        finish();
                        return end;
                    }
                    if (connectMs < 0) {
                        connectedAt = now;
                        connectMs = connectedAt - t0;
                    }
                    phase = chunked ? SIZE : IDENTITY;
                    return off;
                }
            }
            return off;
        }

        private void append(byte[] b, int off, int n) {
            if (sseLen + n > sse.length) {
                sse = java.util.Arrays.copyOf(sse, Math.max(sse.length * 2, sseLen + n));
            }
            System.arraycopy(b, off, sse, sseLen, n);
            sseLen += n;
        }

        /** Parses as many whole SSE lines and line objects as the buffer holds; keeps the rest. */
        private void parse(long now) {
            int p = 0;
            while (p < sseLen) {
                if (inArray) {
                    byte c = sse[p];
                    if (c == ',') {
                        p++;
                        continue;
                    }
                    if (c == ']') {
                        if (p + 1 >= sseLen) {
                            break;
                        }
                        p += 2; // the array's end and its line's newline
                        inArray = false;
                        continue;
                    }
                    int next = object(p, now);
                    if (next == INCOMPLETE) {
                        break;
                    }
                    if (next == MALFORMED) {
                        error = error != null ? error : "malformed line object at " + new String(sse, p, Math.min(80, sseLen - p), StandardCharsets.UTF_8);
                        inArray = false;
                        int nl = indexOf(sse, p, sseLen, (byte) '\n');
                        if (nl < 0) {
                            break;
                        }
                        p = nl + 1;
                        continue;
                    }
                    p = next;
                    continue;
                }
                if (sse[p] == '\n') {
                    dispatch();
                    p++;
                    continue;
                }
                if (event == 1 && sseLen - p >= LINES_DATA.length && startsWith(sse, p, sseLen, LINES_DATA)) {
                    p += LINES_DATA.length;
                    inArray = true;
                    continue;
                }
                int nl = indexOf(sse, p, sseLen, (byte) '\n');
                if (nl < 0) {
                    break;
                }
                field(p, nl, now);
                p = nl + 1;
            }
            sseLen -= p;
            if (p > 0 && sseLen > 0) {
                System.arraycopy(sse, p, sse, 0, sseLen);
            }
        }

        private void field(int from, int to, long now) {
            if (startsWith(sse, from, to, ID)) {
                long id = number(sse, from + ID.length, to);
                if (id <= lastSeenId) {
                    idRegressions++;
                }
                lastSeenId = id;
                pendingId = id;
            } else if (startsWith(sse, from, to, EVENT)) {
                int at = from + EVENT.length;
                event = equals(sse, at, to, LINES) ? 1 : equals(sse, at, to, END) ? 2 : 3;
                if (event == 2) {
                    endSeen = true;
                    endMs = now - t0;
                }
            }
        }

        /** The blank line: the event is complete; its id becomes the one to reconnect with, its lines count. */
        private void dispatch() {
            if (pendingId >= 0) {
                lastId = pendingId;
                pendingId = -1;
            }
            for (int i = 0; i < pending; i++) {
                record(pSeq[i], pGenT[i], pPanelT[i], pNow[i]);
            }
            pending = 0;
            if (event == 2) {
                event = 0;
                finish();
            }
            event = 0;
        }

        /**
         * One {@code {"q":N,"s":"out","t":T,"x":"text"}} from {@code p}: the index after it,
         * INCOMPLETE when the buffer ends inside it, MALFORMED when it is not such an object.
         */
        private int object(int p, long now) {
            byte[] b = sse;
            int end = sseLen;
            if (end - p < LINE_START.length) {
                return INCOMPLETE;
            }
            if (!startsWith(b, p, end, LINE_START)) {
                return MALFORMED;
            }
            int limit = Math.min(end, p + 96);
            int t = indexOf(b, p + LINE_START.length, limit, PANEL_T);
            if (t < 0) {
                return limit == end ? INCOMPLETE : MALFORMED;
            }
            int at = t + PANEL_T.length;
            long panelT = 0;
            while (at < end && b[at] >= '0' && b[at] <= '9') {
                panelT = panelT * 10 + (b[at++] - '0');
            }
            if (end - at < TEXT.length) {
                return INCOMPLETE;
            }
            if (!startsWith(b, at, end, TEXT)) {
                return MALFORMED;
            }
            int text = at + TEXT.length;
            long seq = -1;
            long genT = -1;
            at = text;
            if (end - text >= SEQ.length && startsWith(b, text, end, SEQ)) {
                at += SEQ.length;
                seq = 0;
                while (at < end && b[at] >= '0' && b[at] <= '9') {
                    seq = seq * 10 + (b[at++] - '0');
                }
                if (end - at < 3) {
                    return INCOMPLETE;
                }
                if (b[at] == ' ' && b[at + 1] == 't' && b[at + 2] == '=') {
                    at += 3;
                    genT = 0;
                    while (at < end && b[at] >= '0' && b[at] <= '9') {
                        genT = genT * 10 + (b[at++] - '0');
                    }
                }
            }
            int close = -1;
            if (seq >= 0 && textLen > 0) {
                // The generator pads every line to one length: jump over the padding.
                int c = text + textLen;
                if (c > at && c + 1 < end && b[c] == '"' && b[c + 1] == '}' && b[c - 1] != '\\') {
                    close = c;
                }
            }
            if (close < 0) {
                for (int i = at; i < end; i++) {
                    if (b[i] == '\\') {
                        i++;
                    } else if (b[i] == '"') {
                        close = i;
                        break;
                    }
                }
                if (close < 0 || close + 1 >= end) {
                    return INCOMPLETE;
                }
                if (b[close + 1] != '}') {
                    return MALFORMED;
                }
                if (seq >= 0) {
                    textLen = close - text;
                }
            }
            if (seq < 0) {
                if (produced < 0 && close - text > DONE.length && startsWith(b, text, close, DONE)) {
                    String done = new String(b, text, close - text, StandardCharsets.US_ASCII);
                    genElapsedMs = field(done, "elapsed_ms=");
                    genMaxBehindMs = field(done, "max_behind_ms=");
                    produced = field(done, "produced=");
                }
                return close + 2;
            }
            if (pending == pSeq.length) {
                int n = pending * 2;
                pSeq = java.util.Arrays.copyOf(pSeq, n);
                pGenT = java.util.Arrays.copyOf(pGenT, n);
                pPanelT = java.util.Arrays.copyOf(pPanelT, n);
                pNow = java.util.Arrays.copyOf(pNow, n);
            }
            pSeq[pending] = seq;
            pGenT[pending] = genT;
            pPanelT[pending] = panelT;
            pNow[pending++] = now;
            return close + 2;
        }

        private void record(long seq, long genT, long panelT, long now) {
            delivered++;
            if (seq <= maxSeq) {
                outOfOrder++;
            } else {
                maxSeq = seq;
            }
            if (seq <= Integer.MAX_VALUE) {
                if (seen.get((int) seq)) {
                    duplicates++;
                } else {
                    seen.set((int) seq);
                }
            }
            if (genT > 0) {
                long latency = now - genT;
                e2e.record(latency);
                if (connectedAt > 0 && genT >= connectedAt) {
                    live.record(latency);
                }
                if (panelT > 0) {
                    fanout.record(now - panelT);
                    if (index == 0) {
                        ingest.record(panelT - genT);
                    }
                }
                if (seq == 1) {
                    genStart = genT;
                }
                if (genStart > 0 && rate > 0) {
                    // When the line was due by the generator's schedule: a panel that blocks the
                    // child's pipe delays the writes themselves, which T alone cannot show.
                    schedule.record(now - (genStart + (seq - 1) * 1000 / rate));
                }
                if (genFirst < 0 || genT < genFirst) {
                    genFirst = genT;
                }
                genLast = Math.max(genLast, genT);
                int s = (int) ((genT - t0) / 1000);
                if (s >= 0 && s < secSum.length) {
                    secSum[s] += Math.max(0, latency);
                    secCount[s]++;
                    secMax[s] = Math.max(secMax[s], latency);
                }
            }
        }

        private static long field(String text, String key) {
            int i = text.indexOf(key);
            if (i < 0) {
                return -1;
            }
            long v = 0;
            for (int j = i + key.length(); j < text.length() && Character.isDigit(text.charAt(j)); j++) {
                v = v * 10 + (text.charAt(j) - '0');
            }
            return v;
        }

        private static long number(byte[] b, int at, int to) {
            long v = 0;
            while (at < to && b[at] >= '0' && b[at] <= '9') {
                v = v * 10 + (b[at++] - '0');
            }
            return v;
        }

        private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
            if (to - from < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[from + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean equals(byte[] b, int from, int to, byte[] word) {
            return to - from == word.length && startsWith(b, from, to, word);
        }

        private static int indexOf(byte[] b, int from, int to, byte c) {
            for (int i = from; i < to; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        private static int indexOf(byte[] b, int from, int to, byte[] needle) {
            outer:
            for (int i = from; i <= to - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (b[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /**
     * Log-linear latency histogram in milliseconds: exact below 256 ms, then 128 buckets per power
     * of two (under 0.8 % error); percentiles report the bucket's lower bound, the maximum is exact.
     */
    static final class Histogram {

        private static final int SIZE = 256 + 56 * 128;
        final long[] counts = new long[SIZE];
        long total;
        long max;

        void record(long v) {
            if (v < 0) {
                v = 0;
            }
            counts[index(v)]++;
            total++;
            max = Math.max(max, v);
        }

        void add(Histogram other) {
            for (int i = 0; i < SIZE; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
            max = Math.max(max, other.max);
        }

        long percentile(double p) {
            if (total == 0) {
                return -1;
            }
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int i = 0; i < SIZE; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(lowerBound(i), max);
                }
            }
            return max;
        }

        static int index(long v) {
            if (v < 256) {
                return (int) v;
            }
            int msb = 63 - Long.numberOfLeadingZeros(v);
            int sub = (int) ((v >> (msb - 7)) & 127);
            return 256 + (msb - 8) * 128 + sub;
        }

        static long lowerBound(int i) {
            if (i < 256) {
                return i;
            }
            int msb = (i - 256) / 128 + 8;
            int sub = (i - 256) % 128;
            return (128L + sub) << (msb - 7);
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
