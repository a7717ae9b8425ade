package io.cutover.logstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The events after sequence number {@code after} up to {@code last}, as the bytes of SSE
 * events, ready to write: consecutive lines become one {@code lines} event (data: a JSON
 * array of line objects, id: the last line's seq), every other event stays its own event.
 * Built once and written as it is to every viewer at that point of the log.
 *
 * @param after the sequence number just before the batch
 * @param last the sequence number of the batch's last event
 * @param bytes the SSE text, UTF-8
 * @param ends whether the batch holds the run's end event
 */
record SseBatch(long after, long last, byte[] bytes, boolean ends) {

    static final String LINES = "lines";

    private static final byte[] LINES_HEAD = ("\nevent:" + LINES + "\ndata:[").getBytes(StandardCharsets.US_ASCII);

    /** Encodes a non-empty list of consecutive frames that follow {@code after}. */
    static SseBatch of(long after, List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size(frames));
        int i = 0;
        while (i < frames.size()) {
            if (frames.get(i).isLine()) {
                int end = i;
                while (end < frames.size() && frames.get(end).isLine()) {
                    end++;
                }
                lines(out, frames.subList(i, end));
                i = end;
            }
            else {
                single(out, frames.get(i++));
            }
        }
        Frame last = frames.get(frames.size() - 1);
        return new SseBatch(after, last.event().seq(), out.toByteArray(), last.event().channel() == Channel.END);
    }

    private static void lines(ByteArrayOutputStream out, List<Frame> lines) {
        ascii(out, "id:" + lines.get(lines.size() - 1).event().seq());
        out.writeBytes(LINES_HEAD);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(lines.get(i).json());
        }
        ascii(out, "]\n\n");
    }

    private static void single(ByteArrayOutputStream out, Frame frame) {
        ascii(out, "id:" + frame.event().seq() + "\nevent:" + Frame.eventName(frame.event().channel()) + "\ndata:");
        out.writeBytes(frame.json());
        ascii(out, "\n\n");
    }

    private static int size(List<Frame> frames) {
        int size = 64;
        for (Frame f : frames) {
            size += f.json().length + (f.isLine() ? 1 : 40);
        }
        return size;
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

}
