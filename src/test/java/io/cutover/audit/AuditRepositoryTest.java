package io.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

@DataJdbcTest
class AuditRepositoryTest {

    @Autowired
    AuditRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        AuditEntry entry = repository
            .save(new AuditEntry(null, 1L, Instant.now(), "approver", "signoff.signed", "Signed 'ok-a'", null, "h1"));

        assertThatThrownBy(
                () -> jdbc.update("UPDATE audit_event SET details = 'nothing happened' WHERE id = ?", entry.id()))
            .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_event WHERE id = ?", entry.id()))
            .hasMessageContaining("append-only");
        assertThat(repository.findByMigration(1L)).extracting(AuditEntry::details).containsExactly("Signed 'ok-a'");
    }

    @Test
    void readsTheLastEntryToChainTheNextOne() {
        repository.save(new AuditEntry(null, null, Instant.now(), "a", "login.failed", "x", null, "first"));
        repository.save(new AuditEntry(null, null, Instant.now(), "b", "login.failed", "y", "first", "second"));

        assertThat(repository.findLast()).map(AuditEntry::hash).contains("second");
    }

    @Test
    void filtersSelectOneMigrationOrThePanelByActorKindAndTime() {
        Instant monday = Instant.parse("2026-11-30T10:00:00Z");
        Instant tuesday = Instant.parse("2026-12-01T10:00:00Z");
        repository.save(new AuditEntry(null, 3L, monday, "alice", "run.started", "a", null, "h1"));
        repository.save(new AuditEntry(null, 3L, tuesday, "alice", "run.finished", "b", "h1", "h2"));
        repository.save(new AuditEntry(null, 3L, tuesday, "bob", "signoff.signed", "c", "h2", "h3"));
        repository.save(new AuditEntry(null, 4L, tuesday, "alice", "run.started", "d", "h3", "h4"));
        repository.save(new AuditEntry(null, null, tuesday, "alice", "login.failed", "e", "h4", "h5"));
        Instant all = Instant.parse("1970-01-01T00:00:00Z");
        Instant never = Instant.parse("9999-12-31T00:00:00Z");

        assertThat(repository.findFiltered(3L, "", "", "", all, never, 50, 0)).extracting(AuditEntry::details)
            .containsExactly("c", "b", "a");
        assertThat(repository.findFiltered(3L, "alice", "", "run", all, never, 50, 0)).extracting(AuditEntry::details)
            .containsExactly("b", "a");
        assertThat(repository.findFiltered(3L, "", "run.started", "", all, never, 50, 0))
            .extracting(AuditEntry::details)
            .containsExactly("a");
        assertThat(repository.findFiltered(3L, "", "", "", Instant.parse("2026-12-01T00:00:00Z"), never, 1, 1))
            .extracting(AuditEntry::details)
            .containsExactly("b");
        assertThat(repository.countFiltered(3L, "", "", "", all, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(1);
        assertThat(repository.findFiltered(null, "", "", "", all, never, 50, 0)).extracting(AuditEntry::details)
            .containsExactly("e");
        assertThat(repository.actors(3L)).containsExactly("alice", "bob");
        assertThat(repository.actions(3L)).containsExactly("run.finished", "run.started", "signoff.signed");
    }

}
