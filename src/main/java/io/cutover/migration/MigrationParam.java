package io.cutover.migration;

import org.springframework.data.relational.core.mapping.Table;

/**
 * A parameter value. Plain values are kept as typed; a secret lives only in
 * {@code sealedValue}; a connection keeps its URL without password in {@code plainValue}
 * and the password sealed.
 */
@Table("MIGRATION_PARAM")
record MigrationParam(String name, String plainValue, String sealedValue) {

    boolean hasSealedPart() {
        return sealedValue != null && !sealedValue.isEmpty();
    }
}
