package io.cutover.logstream;

import io.cutover.runbook.TroubleshootingHint;
import io.cutover.secrets.SecretRedactor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A run's log open for writing: redact, split over-long lines, recognise known failures.
 */
final class OpenRunLog implements RunLog {

    interface Sink {

        void accept(LiveRun run, LogEvent event, String hintId);

    }

    private record CompiledHint(TroubleshootingHint hint, Pattern pattern) {
    }

    private final LiveRun run;

    private final SecretRedactor redactor;

    private final List<CompiledHint> hints;

    private final Set<String> hintsSeen = new HashSet<>();

    private final int maxLineLength;

    private final Sink sink;

    OpenRunLog(LiveRun run, SecretRedactor redactor, List<TroubleshootingHint> hints, int maxLineLength, Sink sink) {
        this.run = run;
        this.redactor = redactor;
        this.hints = hints.stream().map(h -> new CompiledHint(h, h.compiled())).toList();
        this.maxLineLength = maxLineLength;
        this.sink = sink;
    }

    @Override
    public void out(String line) {
        line(Channel.OUT, line);
    }

    @Override
    public void err(String line) {
        line(Channel.ERR, line);
    }

    @Override
    public void system(String line) {
        line(Channel.SYS, line);
    }

    @Override
    public void status(String json) {
        write(Channel.STATUS, redactor.redact(json), null);
    }

    @Override
    public void progress(String json) {
        write(Channel.PROGRESS, redactor.redact(json), null);
    }

    @Override
    public void end(String json) {
        write(Channel.END, redactor.redact(json), null);
    }

    private void line(Channel channel, String raw) {
        // Redact before splitting, so a secret can never be cut in two and escape the
        // mask.
        String text = redactor.redact(raw);
        for (int start = 0; start < text.length() || start == 0; start += maxLineLength) {
            String part = text.substring(start, Math.min(text.length(), start + maxLineLength));
            LogEvent event = write(channel, part, null);
            if (event == null) {
                return;
            }
            matchHints(part, event.seq());
            if (text.isEmpty()) {
                break;
            }
        }
    }

    private void matchHints(String text, long seq) {
        for (CompiledHint h : hints) {
            if (!hintsSeen.contains(h.hint().id()) && h.pattern().matcher(text).find()) {
                hintsSeen.add(h.hint().id());
                String json = "{\"hint\":" + Json.quote(h.hint().id()) + ",\"line\":" + seq + ",\"cause\":"
                        + Json.quote(h.hint().cause()) + ",\"fix\":" + Json.quote(h.hint().fix()) + "}";
                write(Channel.HINT, json, h.hint().id());
            }
        }
    }

    /**
     * @return the event written, or null when the run has already ended
     */
    private synchronized LogEvent write(Channel channel, String text, String hintId) {
        Frame frame = run.append(channel, text);
        if (frame == null) {
            return null;
        }
        sink.accept(run, frame.event(), hintId);
        return frame.event();
    }

}
