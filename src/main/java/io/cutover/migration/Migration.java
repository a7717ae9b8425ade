package io.cutover.migration;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** Aggregate root: one migration of one database, carried out from one runbook. */
@Table("MIGRATION")
class Migration {

    @Id
    private Long id;

    private final String name;

    private final String runbookId;

    private final int runbookVersion;

    private final String createdBy;

    private final Instant createdAt;

    @Version
    private Integer version;

    @MappedCollection(idColumn = "MIGRATION_ID")
    private final Set<MigrationParam> params;

    @PersistenceCreator
    Migration(Long id, String name, String runbookId, int runbookVersion, String createdBy, Instant createdAt,
            Integer version, Set<MigrationParam> params) {
        this.id = id;
        this.name = name;
        this.runbookId = runbookId;
        this.runbookVersion = runbookVersion;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.version = version;
        this.params = new HashSet<>(params);
    }

    static Migration create(String name, String runbookId, int runbookVersion, String createdBy, Instant createdAt,
            Set<MigrationParam> params) {
        return new Migration(null, name, runbookId, runbookVersion, createdBy, createdAt, null, params);
    }

    Optional<MigrationParam> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Replaces (or adds) one parameter value. */
    void put(MigrationParam param) {
        params.removeIf(p -> p.name().equals(param.name()));
        params.add(param);
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    String runbookId() {
        return runbookId;
    }

    int runbookVersion() {
        return runbookVersion;
    }

    String createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Set<MigrationParam> params() {
        return Set.copyOf(params);
    }

}
