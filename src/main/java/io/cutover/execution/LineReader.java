package io.cutover.execution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a child's output as lines: \n, \r\n and a lone \r (progress bars) end a line; an
 * over-long line is passed on in pieces; bytes that are not UTF-8 become replacement
 * characters.
 *
 * <p>
 * Works on bytes: line ends are ASCII, so they are found without decoding, and each line
 * is decoded once, straight from the read buffer when it lies there whole. A char-by-char
 * Reader and StringBuilder cost most of the panel's CPU at 10,000 lines/s, long enough
 * for the child's pipe to fill and block it.
 */
final class LineReader implements Runnable {

    private final InputStream in;

    private final Consumer<String> onLine;

    private final int maxLength;

    /**
     * The start of a line that began in an earlier read; never more than maxLength bytes.
     */
    private final byte[] partial;

    private int partialLength;

    /** Whether the last byte read was a \r, so that a \n right after it ends nothing. */
    private boolean afterCr;

    LineReader(InputStream in, Consumer<String> onLine, int maxLength) {
        this.in = in;
        this.onLine = onLine;
        this.maxLength = maxLength;
        this.partial = new byte[maxLength];
    }

    @Override
    public void run() {
        byte[] buf = new byte[1 << 16];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                lines(buf, n);
            }
            if (partialLength > 0) {
                emitPartial(partialLength);
            }
        }
        catch (IOException e) {
            // The stream closed because the process was ended; what was read has been
            // passed on.
        }
    }

    private void lines(byte[] buf, int n) {
        int start = 0;
        for (int i = 0; i < n; i++) {
            byte c = buf[i];
            if (c != '\n' && c != '\r') {
                continue;
            }
            boolean endOfCrLf = c == '\n' && afterCr && i == start;
            if (!endOfCrLf) {
                line(buf, start, i);
            }
            afterCr = c == '\r';
            start = i + 1;
        }
        if (start < n) {
            afterCr = false;
            add(buf, start, n);
        }
    }

    /** The bytes {@code [from, to)} end the current line. */
    private void line(byte[] buf, int from, int to) {
        if (partialLength == 0 && to - from < maxLength) {
            onLine.accept(new String(buf, from, to - from, StandardCharsets.UTF_8));
            return;
        }
        add(buf, from, to);
        emitPartial(partialLength);
    }

    /**
     * Keeps bytes of an unfinished line, passing on a piece whenever maxLength is
     * reached.
     */
    private void add(byte[] buf, int from, int to) {
        while (from < to) {
            int n = Math.min(to - from, maxLength - partialLength);
            System.arraycopy(buf, from, partial, partialLength, n);
            partialLength += n;
            from += n;
            if (partialLength == maxLength) {
                emitPartial(wholeCharacters(partial, partialLength));
            }
        }
    }

    /**
     * Passes on the first {@code length} kept bytes and keeps the rest (an unfinished
     * character).
     */
    private void emitPartial(int length) {
        onLine.accept(new String(partial, 0, length, StandardCharsets.UTF_8));
        System.arraycopy(partial, length, partial, 0, partialLength - length);
        partialLength -= length;
    }

    /**
     * How many of the first {@code length} bytes form whole UTF-8 characters, so that a
     * piece never ends in the middle of one (its bytes would become two replacement
     * characters).
     */
    static int wholeCharacters(byte[] b, int length) {
        int lead = length - 1;
        while (lead > 0 && length - lead < 4 && (b[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int v = b[lead] & 0xFF;
        int needs = v < 0xC0 ? 1 : v < 0xE0 ? 2 : v < 0xF0 ? 3 : v < 0xF8 ? 4 : 1;
        int whole = lead + needs <= length ? length : lead;
        return whole == 0 ? length : whole;
    }

}
