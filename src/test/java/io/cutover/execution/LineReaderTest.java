package io.cutover.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private List<String> read(byte[] bytes, int max) {
        List<String> lines = new ArrayList<>();
        new LineReader(new ByteArrayInputStream(bytes), lines::add, max).run();
        return lines;
    }

    @Test
    void splitsOnNewlinesAndKeepsAnUnterminatedLastLine() {
        assertThat(read("one\ntwo\r\nthree".getBytes(StandardCharsets.UTF_8), 100)).containsExactly("one", "two",
                "three");
    }

    @Test
    void progressBarsWrittenWithCarriageReturnsBecomeLines() {
        assertThat(read("10%\r20%\r100%\n".getBytes(StandardCharsets.UTF_8), 100)).containsExactly("10%", "20%",
                "100%");
    }

    @Test
    void overLongLinesArePassedOnInPiecesNothingLost() {
        String longLine = "x".repeat(250);

        List<String> pieces = read((longLine + "\n").getBytes(StandardCharsets.UTF_8), 100);

        assertThat(pieces).hasSize(3);
        assertThat(String.join("", pieces)).isEqualTo(longLine);
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        byte[] bytes = { 'a', (byte) 0xff, 'b', '\n' };

        assertThat(read(bytes, 100)).containsExactly("a\uFFFDb");
    }

    @Test
    void aPieceOfAnOverLongLineNeverEndsInsideACharacter() {
        String longLine = "a" + "\u00e9".repeat(200);

        List<String> pieces = read((longLine + "\n").getBytes(StandardCharsets.UTF_8), 256);

        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0)).isEqualTo("a" + "\u00e9".repeat(127));
        assertThat(String.join("", pieces)).isEqualTo(longLine);
    }

    @Test
    void aCrLfSplitBetweenTwoReadsEndsOneLine() {
        List<String> lines = new ArrayList<>();
        java.io.InputStream twoReads = new java.io.SequenceInputStream(
                new ByteArrayInputStream("one\r".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("\ntwo\n".getBytes(StandardCharsets.UTF_8)));

        new LineReader(twoReads, lines::add, 100).run();

        assertThat(lines).containsExactly("one", "two");
    }

}
