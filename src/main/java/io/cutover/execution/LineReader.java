package io.cutover.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a child's output as lines: \n, \r\n and a lone \r (progress bars) end a line; an
 * over-long line is passed on in pieces; bytes that are not UTF-8 become replacement
 * characters.
 */
final class LineReader implements Runnable {

    private final InputStream in;

    private final Consumer<String> onLine;

    private final int maxLength;

    LineReader(InputStream in, Consumer<String> onLine, int maxLength) {
        this.in = in;
        this.onLine = onLine;
        this.maxLength = maxLength;
    }

    @Override
    public void run() {
        var decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader reader = new InputStreamReader(in, decoder)) {
            char[] buf = new char[8192];
            StringBuilder line = new StringBuilder();
            boolean afterCr = false;
            int n;
            while ((n = reader.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        if (!afterCr) {
                            emit(line);
                        }
                        afterCr = false;
                    }
                    else if (c == '\r') {
                        emit(line);
                        afterCr = true;
                    }
                    else {
                        afterCr = false;
                        line.append(c);
                        if (line.length() >= maxLength) {
                            emit(line);
                        }
                    }
                }
            }
            if (!line.isEmpty()) {
                emit(line);
            }
        }
        catch (IOException e) {
            // The stream closed because the process was ended; what was read has been
            // passed on.
        }
    }

    private void emit(StringBuilder line) {
        onLine.accept(line.toString());
        line.setLength(0);
    }

}
