import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints RATE lines per second for SECONDS seconds on stdout, paced against an absolute schedule
 * (line i is due at start + (i-1)/RATE, so a late wake-up is caught up, never lost):
 *
 * <pre>seq=123 t=1700000000123 xxxxxxxx...   (padded to 100 bytes)</pre>
 *
 * {@code t} is the epoch millisecond at which the line was written. Lines due together are written
 * with one write and flushed at once. The last line is a summary the bench reads:
 *
 * <pre>done produced=N elapsed_ms=E max_behind_ms=B</pre>
 *
 * where {@code max_behind_ms} is how late, against its schedule, the generator ever handed a line to
 * the pipe (a reader that does not drain the pipe blocks the writes, which shows up here).
 *
 * <p>Usage (JDK 11+ single-file launch): {@code java LineGenerator.java RATE SECONDS}
 */
public class LineGenerator {

    private static final int LINE_BYTES = 100;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java LineGenerator.java RATE SECONDS");
            System.exit(2);
        }
        long rate = Long.parseLong(args[0]);
        long seconds = Long.parseLong(args[1]);
        if (rate < 1 || seconds < 1) {
            System.err.println("RATE and SECONDS must be at least 1");
            System.exit(2);
        }
        long total = rate * seconds;
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        byte[] buf = new byte[1 << 16];
        int len = 0;
        long seq = 0;
        long maxBehindNanos = 0;
        long start = System.nanoTime();
        while (seq < total) {
            long now = System.nanoTime();
            // Lines whose due time has come: line i (1-based) is due at start + (i-1) * 1e9 / rate.
            long due = Math.min(total, (now - start) * rate / 1_000_000_000L + 1);
            if (seq >= due) {
                long next = start + seq * 1_000_000_000L / rate;
                LockSupport.parkNanos(next - now);
                continue;
            }
            long firstInBuf = seq + 1;
            while (seq < due) {
                if (len + LINE_BYTES + 1 > buf.length) {
                    maxBehindNanos = Math.max(maxBehindNanos, System.nanoTime() - dueAt(start, firstInBuf, rate));
                    out.write(buf, 0, len);
                    len = 0;
                    firstInBuf = seq + 1;
                }
                seq++;
                len = line(buf, len, seq, System.currentTimeMillis());
            }
            maxBehindNanos = Math.max(maxBehindNanos, System.nanoTime() - dueAt(start, firstInBuf, rate));
            out.write(buf, 0, len);
            out.flush();
            len = 0;
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000L;
        String done = "done produced=" + seq + " elapsed_ms=" + elapsedMs + " max_behind_ms=" + maxBehindNanos / 1_000_000L + "\n";
        out.write(done.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** When line {@code seq} (1-based) is due, in System.nanoTime() terms. */
    private static long dueAt(long start, long seq, long rate) {
        return start + (seq - 1) * 1_000_000_000L / rate;
    }

    /** Writes "seq=S t=T " padded with 'x' to LINE_BYTES, then '\n'; returns the new length. */
    private static int line(byte[] buf, int at, long seq, long millis) {
        int start = at;
        at = ascii(buf, at, "seq=");
        at = digits(buf, at, seq);
        at = ascii(buf, at, " t=");
        at = digits(buf, at, millis);
        buf[at++] = ' ';
        while (at - start < LINE_BYTES) {
            buf[at++] = 'x';
        }
        buf[at++] = '\n';
        return at;
    }

    private static int ascii(byte[] buf, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            buf[at++] = (byte) s.charAt(i);
        }
        return at;
    }

    private static int digits(byte[] buf, int at, long v) {
        String s = Long.toString(v);
        return ascii(buf, at, s);
    }
}
