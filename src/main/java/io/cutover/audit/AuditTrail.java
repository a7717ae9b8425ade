package io.cutover.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit module's facade: append entries and read them back. */
@Service
public class AuditTrail {

    private static final int MAX_DETAILS = 4000;

    private final AuditRepository repository;

    private final TransactionTemplate ownTransaction;

    private final Clock clock;

    // One writer at a time, each in its own committed transaction, so every entry chains
    // to the
    // entry that really precedes it.
    private final ReentrantLock appendLock = new ReentrantLock();

    AuditTrail(AuditRepository repository, PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public AuditEntry append(Long migrationId, String actor, String action, String details) {
        String text = details.length() > MAX_DETAILS ? details.substring(0, MAX_DETAILS - 1) + "…" : details;
        appendLock.lock();
        try {
            return ownTransaction.execute(status -> {
                String previous = repository.findLast().map(AuditEntry::hash).orElse(null);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                return repository.save(new AuditEntry(null, migrationId, now, actor, action, text, previous,
                        hash(previous, migrationId, now, actor, action, text)));
            });
        }
        finally {
            appendLock.unlock();
        }
    }

    public List<AuditEntry> forMigration(long migrationId) {
        return repository.findByMigration(migrationId);
    }

    /**
     * Whether every entry chains to the one before it and its hash matches its content.
     */
    public boolean chainIntact() {
        String previous = null;
        for (AuditEntry e : repository.findAllInOrder()) {
            if (!Objects.equals(previous, e.previousHash()) || !e.hash()
                .equals(hash(e.previousHash(), e.migrationId(), e.occurredAt(), e.actor(), e.action(), e.details()))) {
                return false;
            }
            previous = e.hash();
        }
        return true;
    }

    private static String hash(String previous, Long migrationId, Instant at, String actor, String action,
            String details) {
        String material = String.join("\u001f", String.valueOf(previous), String.valueOf(migrationId), at.toString(),
                actor, action, details);
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
