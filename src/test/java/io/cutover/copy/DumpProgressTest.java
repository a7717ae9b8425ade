package io.cutover.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dump's rows done, from the COPY TO statements seen on the source. */
class DumpProgressTest {

    @Test
    void aTableSeenAndGoneSinceIsDumpedWholeAndARunningOneCountsItsRowsSoFar() {
        DumpProgress.Seen seen = new DumpProgress.Seen();

        assertThat(seen.advance(Map.of("public.users", 400L))).isEqualTo(Map.of("public.users", 400L));
        Map<String, Long> next = seen.advance(Map.of("public.posts", 1_000L));

        assertThat(next).containsEntry("public.users", Long.MAX_VALUE).containsEntry("public.posts", 1_000L);
        assertThat(seen.advance(Map.of())).containsEntry("public.posts", Long.MAX_VALUE);
    }

}
