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
        assertThat(repository.findPanelWide(1)).extracting(AuditEntry::hash).containsExactly("second");
    }

}
