import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The viewer side of bench/sse-fanout. Signs in once through the login form (the session cookie is
 * shared by every viewer, as tabs of one browser share it; {@code --auth basic} sends HTTP Basic on
 * every stream instead, which costs the panel a bcrypt check per connection), starts the bench
 * step's run, then at once opens N SSE streams on it with {@code Last-Event-ID: 0} (the panel
 * replays what a viewer missed, then follows live), one platform thread per stream: a plain
 * blocking socket, the HTTP/1.1 response (chunked) decoded and the events parsed as bytes, so that
 * the client stays cheap next to the panel (java.net.http's one selector thread per client copied
 * every viewer's bytes and held up the later connections behind the streams already open). The
 * API calls use HttpClient.
 *
 * <p>Per viewer it counts the lines of the {@code lines} events (a JSON array per batch) carrying a
 * generator line ({@code seq=S t=T ...}),
 * checks that S arrives in order without gaps or doubles, and records three latencies per line:
 * end-to-end = receive time - generator time T, ingest = panel time ("t" of the event, when the
 * panel read the line) - T, fan-out = receive time - panel time, and behind-schedule = receive
 * time - when the line was due (first line's T + (S-1)/RATE), which also counts the time a
 * generator spent blocked on a full pipe before it could write the line. A viewer whose stream ends
 * without the {@code end} event reconnects with the last id it saw, as a browser would.
 *
 * <p>Prints {@code key=value} lines for the bench script. Usage:
 *
 * <pre>java SseViewers.java --base http://127.0.0.1:PORT --migration ID --step STEP
 *     --operator user:pass --viewer user:pass --viewers N --rate R --timeout SECONDS [--auth session|basic]</pre>
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
        String operatorAuth = basic(opt.get("operator"));
        String viewerAuth = basic(opt.get("viewer"));
        String authMode = opt.getOrDefault("auth", "session");
        if (!authMode.equals("session") && !authMode.equals("basic")) {
            throw new IllegalArgumentException("--auth must be session or basic, not " + authMode);
        }

        HttpClient api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        // Warm up the client (class loading, a connection) before the clock starts.
        HttpResponse<String> warm = api.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/0")).header("Authorization", viewerAuth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (warm.statusCode() == 401) {
            throw new IllegalStateException("viewer credentials refused: " + warm.body());
        }

        // The stream's credentials: one session cookie for all (the browser's path), or Basic on each.
        String[] streamAuth = authMode.equals("session")
                ? new String[] { "Cookie", signIn(base, opt.get("viewer")) }
                : new String[] { "Authorization", viewerAuth };
        String eventsPath = authMode.equals("session") ? "/runs/" : "/api/runs/";

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
        connectStart = System.currentTimeMillis();

        long deadline = t0 + timeoutMs;
        int buckets = (int) (timeoutMs / 1000) + 60;
        ExecutorService pool = Executors.newFixedThreadPool(viewers, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(viewers);
        List<Viewer> all = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            Viewer v = new Viewer(i, URI.create(base + eventsPath + runId + "/events"), streamAuth, t0,
                    deadline, buckets, rate);
            all.add(v);
            pool.execute(() -> {
                try {
                    v.run();
                } finally {
                    done.countDown();
                }
            });
        }
        boolean finished = done.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        long wallMs = System.currentTimeMillis() - t0;
        if (!finished) {
            all.forEach(Viewer::abort);
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
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
        long endMsMax = 0;
        long perfect = 0;
        List<String> errors = new ArrayList<>();
        StringBuilder distinctList = new StringBuilder();
        long[] secSum = new long[buckets];
        long[] secCount = new long[buckets];
        long[] secMax = new long[buckets];
        for (Viewer v : all) {
            e2e.add(v.e2e);
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

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    /** One SSE stream, parsed byte by byte. */
    static final class Viewer {

        private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LINES = "lines".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] LINE_START = "{\"q\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "end".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PANEL_T = "\"t\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TEXT_SEQ = "\"x\":\"seq=".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TEXT_DONE = "\"x\":\"done ".getBytes(StandardCharsets.US_ASCII);

        final int index;
        private final URI uri;
        private final String[] auth;
        private final long t0;
        private final long deadline;
        private volatile java.net.Socket open;
        private volatile boolean aborted;

        final BitSet seen = new BitSet();
        final Histogram e2e = new Histogram();
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
        long endMs = -1;
        boolean endSeen;
        String error;

        private long lastId;
        private int event; // 0 none, 1 line, 2 end, 3 other
        private final long rate;
        private long genStart = -1;
        long genFirst = -1;
        long genLast;

        Viewer(int index, URI uri, String[] auth, long t0, long deadline, int buckets, long rate) {
            this.rate = rate;
            this.index = index;
            this.uri = uri;
            this.auth = auth;
            this.t0 = t0;
            this.deadline = deadline;
            this.secSum = new long[buckets];
            this.secCount = new long[buckets];
            this.secMax = new long[buckets];
        }

        void abort() {
            aborted = true;
            java.net.Socket socket = open;
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing only to stop the reader
                }
            }
        }

        void run() {
            boolean first = true;
            while (!endSeen && !aborted && System.currentTimeMillis() < deadline) {
                if (!first) {
                    reconnects++;
                }
                first = false;
                try (java.net.Socket socket = new java.net.Socket()) {
                    open = socket;
                    socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
                    socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\n" + auth[0] + ": " + auth[1] + "\r\nAccept: text/event-stream\r\nLast-Event-ID: " + lastId
                            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
                    String statusLine = headerLine(in);
                    int status = statusLine.length() >= 12 ? Integer.parseInt(statusLine.substring(9, 12)) : -1;
                    boolean chunked = false;
                    for (String h = headerLine(in); !h.isEmpty(); h = headerLine(in)) {
                        chunked |= h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && h.toLowerCase(Locale.ROOT).contains("chunked");
                    }
                    if (status == 503) {
                        rejected++;
                        Thread.sleep(1000);
                        continue;
                    }
                    if (status != 200) {
                        error = statusLine;
                        return;
                    }
                    if (connectMs < 0) {
                        connectedAt = System.currentTimeMillis();
                        connectMs = connectedAt - t0;
                    }
                    read(chunked ? new Chunked(in) : in);
                } catch (IOException e) {
                    if (!aborted) {
                        error = e.toString();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        static String headerLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the connection closed in the response headers");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        private void read(InputStream in) throws IOException {
            byte[] buf = new byte[1 << 16];
            int len = 0;
            try (in) {
                while (true) {
                    if (len == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, len, buf.length - len);
                    if (n < 0) {
                        return;
                    }
                    long now = System.currentTimeMillis();
                    int end = len + n;
                    int start = 0;
                    for (int i = len; i < end; i++) {
                        if (buf[i] == '\n') {
                            line(buf, start, i, now);
                            start = i + 1;
                        }
                    }
                    len = end - start;
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, len);
                    }
                }
            }
        }

        private void line(byte[] b, int from, int to, long now) {
            if (from == to) {
                event = 0;
                return;
            }
            if (startsWith(b, from, to, ID)) {
                long id = number(b, from + ID.length, to);
                if (id <= lastId) {
                    idRegressions++;
                }
                lastId = id;
            } else if (startsWith(b, from, to, EVENT)) {
                int at = from + EVENT.length;
                event = equals(b, at, to, LINES) ? 1 : equals(b, at, to, END) ? 2 : 3;
                if (event == 2) {
                    endSeen = true;
                    endMs = now - t0;
                }
            } else if (startsWith(b, from, to, DATA) && event == 1) {
                // A JSON array of line objects; {"q": cannot occur inside a JSON string (its quote is escaped).
                int at = indexOf(b, from + DATA.length, to, LINE_START);
                while (at >= 0) {
                    int next = indexOf(b, at + LINE_START.length, to, LINE_START);
                    data(b, at, next < 0 ? to : next, now);
                    at = next;
                }
            }
        }

        private void data(byte[] b, int from, int to, long now) {
            int p = indexOf(b, from, to, PANEL_T);
            long panelT = p < 0 ? -1 : number(b, p + PANEL_T.length, to);
            int x = indexOf(b, from, to, TEXT_SEQ);
            if (x < 0) {
                int d = indexOf(b, from, to, TEXT_DONE);
                if (d >= 0 && produced < 0) {
                    String text = new String(b, d, to - d, StandardCharsets.US_ASCII);
                    produced = field(text, "produced=");
                    genElapsedMs = field(text, "elapsed_ms=");
                    genMaxBehindMs = field(text, "max_behind_ms=");
                }
                return;
            }
            int at = x + TEXT_SEQ.length;
            long seq = 0;
            while (at < to && b[at] >= '0' && b[at] <= '9') {
                seq = seq * 10 + (b[at++] - '0');
            }
            long genT = at + 3 < to && b[at] == ' ' && b[at + 1] == 't' && b[at + 2] == '=' ? number(b, at + 3, to) : -1;
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

    /** An HTTP/1.1 chunked body, decoded: each read returns bytes of the current chunk. */
    static final class Chunked extends InputStream {

        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = Viewer.headerLine(in);
                if (size.isEmpty()) {
                    size = Viewer.headerLine(in); // the CRLF that ends the previous chunk
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new java.io.EOFException("the connection closed inside a chunk");
            }
            left -= n;
            return n;
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
