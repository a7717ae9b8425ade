package io.cutover.logstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The batches of a live run: encoded once and shared by every viewer at the same point,
 * paced by the send interval, bounded in memory however far a viewer lags, and exact
 * about where a viewer that is not at a batch boundary reads on its own.
 */
class FanOutTest {

    private static final long INTERVAL = 50_000_000L;

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_000_000_000L), ZoneOffset.UTC);

    private final LiveRun run = new LiveRun(7, 0, 1_000_000, 1L << 30, CLOCK, INTERVAL, 100, 4096);

    private final FanOut fanOut = run.fanOut();

    private long now = 1_000_000_000L;

    @Test
    void aBatchIsOneLinesEventOfAJsonArrayWithTheLastLinesSeqAsItsId() {
        run.append(Channel.OUT, "one");
        run.append(Channel.ERR, "two \"quoted\"");
        run.append(Channel.STATUS, "{\"status\":\"RUNNING\"}");
        run.append(Channel.SYS, "three");

        SseBatch batch = send(fanOut.next(0, now));

        assertThat(new String(batch.bytes(), StandardCharsets.UTF_8)).isEqualTo(
                """
                        id:2
                        event:lines
                        data:[{"q":1,"s":"out","t":1764000000000,"x":"one"},{"q":2,"s":"err","t":1764000000000,"x":"two \\"quoted\\""}]

                        id:3
                        event:status
                        data:{"status":"RUNNING"}

                        id:4
                        event:lines
                        data:[{"q":4,"s":"sys","t":1764000000000,"x":"three"}]

                        """);
        assertThat(batch.after()).isZero();
        assertThat(batch.last()).isEqualTo(4);
        assertThat(batch.ends()).isFalse();
    }

    @Test
    void viewersAtTheSamePointShareTheSameBytesAndTheNextBatchWaitsForTheInterval() {
        lines(10);
        SseBatch first = send(fanOut.next(0, now));
        lines(5);

        assertThat(send(fanOut.next(0, now + 1))).as("a second viewer gets the very same bytes").isSameAs(first);
        assertThat(fanOut.next(10, now + 1)).as("the next batch is not due yet")
            .isEqualTo(new FanOut.Wait(INTERVAL - 1));
        SseBatch second = send(fanOut.next(10, now + INTERVAL));
        assertThat(second.after()).isEqualTo(10);
        assertThat(second.last()).isEqualTo(15);
        assertThat(fanOut.next(15, now + 2 * INTERVAL)).as("nothing new").isEqualTo(new FanOut.Idle());
    }

    @Test
    void aViewerInTheMiddleOfABatchReadsOnItsOwnUpToItsEnd() {
        lines(10);
        send(fanOut.next(0, now));

        assertThat(fanOut.next(4, now)).isEqualTo(new FanOut.CatchUp(10));
    }

    @Test
    void aLaggingViewerNeverMakesTheSharedBatchesGrowAndCatchesUpOnItsOwnToTheOldestKept() {
        long cursor = 0;
        for (int i = 0; i < 200; i++) {
            lines(20);
            cursor = send(fanOut.next(cursor, now += INTERVAL)).last();
        }

        // Each batch of 20 lines takes about 1.1 KB: the 4 KB cap keeps the newest few.
        assertThat(fanOut.bytes()).isLessThanOrEqualTo(4096);
        assertThat(fanOut.kept()).isBetween(1, 4);
        FanOut.Next stillAtZero = fanOut.next(0, now);
        assertThat(stillAtZero).isInstanceOf(FanOut.CatchUp.class);
        long oldestKept = ((FanOut.CatchUp) stillAtZero).upTo();
        assertThat(oldestKept).isEqualTo(4000 - 20L * fanOut.kept());
        assertThat(send(fanOut.next(oldestKept, now)).after()).as("from there it shares again").isEqualTo(oldestKept);
    }

    @Test
    void aBatchHoldsAtMostItsMaximumAndAFullOneIsNotPaced() {
        lines(250);

        SseBatch first = send(fanOut.next(0, now));
        SseBatch second = send(fanOut.next(100, now + 1));

        assertThat(first.last()).isEqualTo(100);
        assertThat(second.last()).isEqualTo(200);
    }

    @Test
    void theEndEventClosesTheBatchThatHoldsIt() {
        lines(3);
        run.append(Channel.END, "{\"status\":\"SUCCEEDED\"}");

        SseBatch batch = send(fanOut.next(0, now));

        assertThat(batch.ends()).isTrue();
        assertThat(new String(batch.bytes(), StandardCharsets.UTF_8))
            .endsWith("id:4\nevent:end\ndata:{\"status\":\"SUCCEEDED\"}\n\n");
    }

    @Test
    void theBatchThatHoldsTheEndIsSentAtOnceWithoutWaitingForTheInterval() {
        lines(10);
        send(fanOut.next(0, now));
        lines(2);
        assertThat(fanOut.next(10, now + 1)).as("lines alone wait for the interval").isInstanceOf(FanOut.Wait.class);
        run.append(Channel.END, "{\"status\":\"FAILED\"}");

        SseBatch last = send(fanOut.next(10, now + 1));

        assertThat(last.ends()).isTrue();
        assertThat(last.after()).isEqualTo(10);
        assertThat(last.last()).isEqualTo(13);
        assertThat(new String(last.bytes(), StandardCharsets.UTF_8))
            .endsWith("id:13\nevent:end\ndata:{\"status\":\"FAILED\"}\n\n");
        assertThat(send(fanOut.next(10, now + 2))).as("shared by every viewer at that point").isSameAs(last);
    }

    @Test
    void aViewerPacingItselfIsWokenByTheEnd() throws Exception {
        Thread viewer = new Thread(() -> {
            try {
                run.pace(Long.MAX_VALUE);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        viewer.start();
        Awaitility.await().until(() -> viewer.getState() == Thread.State.TIMED_WAITING);

        run.append(Channel.END, "{\"status\":\"SUCCEEDED\"}");

        viewer.join(Duration.ofSeconds(30).toMillis());
        assertThat(viewer.isAlive()).as("woken by the end, not by its pacing interval").isFalse();
    }

    @Test
    void whenNobodyFollowedTheTailUntilItLeftMemoryTheBatchesStartAgainAtTheTail() {
        LiveRun small = new LiveRun(8, 0, 0, 0, CLOCK, INTERVAL, 100, 4096);
        for (int i = 0; i < 10_000; i++) {
            small.append(Channel.OUT, "line " + i);
        }
        small.stored(10_000);

        assertThat(small.fanOut().next(0, now)).isEqualTo(new FanOut.CatchUp(10_000));
        small.append(Channel.OUT, "after");
        assertThat(send(small.fanOut().next(10_000, now + INTERVAL)).last()).isEqualTo(10_001);
    }

    private void lines(int n) {
        for (int i = 0; i < n; i++) {
            run.append(Channel.OUT, "line");
        }
    }

    private static SseBatch send(FanOut.Next next) {
        assertThat(next).isInstanceOf(FanOut.Send.class);
        return ((FanOut.Send) next).batch();
    }

}
