package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.PanelTest;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

@PanelTest
class AuditTrailTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentAppendsStillFormOneUnbrokenChain() {
        CompletableFuture
            .allOf(IntStream.range(0, 40)
                .mapToObj(i -> CompletableFuture
                    .runAsync(() -> trail.append(99L, "user" + i, "test.append", "entry " + i)))
                .toArray(CompletableFuture[]::new))
            .join();

        assertThat(trail.forMigration(99L)).hasSize(40);
        assertThat(trail.chainIntact()).isTrue();
    }

    @Test
    @DirtiesContext // the forged row would stay in the context's database for later tests
    void anEntryInsertedBehindThePanelsBackBreaksTheChain() {
        trail.append(98L, "approver", "signoff.signed", "Signed");
        assertThat(trail.chainIntact()).isTrue();

        jdbc.update("INSERT INTO audit_event (migration_id, occurred_at, actor, action, details, previous_hash, hash) "
                + "VALUES (98, CURRENT_TIMESTAMP, 'intruder', 'signoff.signed', 'forged', NULL, 'abc')");

        assertThat(trail.chainIntact()).isFalse();
    }

}
