package io.cutover.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param postgresUrl the PostgreSQL server to rehearse on (an admin connection); when none answers
 *     and the panel does not run as root, an embedded server is started instead
 * @param sourceDatabase the database that plays the Flex cluster's
 * @param sampleScale size of the sample application's data (1.0: tens of thousands of rows; at most 1000)
 * @param appPort port of the emulated application (0: any free port)
 * @param migrationName name of the ready-made migration
 * @param appRole the Flex stand-in's application role
 * @param pgbouncer PgBouncer, by name (looked up on PATH, then /usr/sbin) or by path; without it the
 *     emulated clusters cannot be switched to transaction pool mode
 */
@Validated
@ConfigurationProperties("cutover.sandbox")
record SandboxProperties(
        @NotBlank @DefaultValue("postgres://postgres@127.0.0.1:5432/postgres") String postgresUrl,
        @NotBlank @DefaultValue("fragrant_flower_8144") String sourceDatabase,
        @PositiveOrZero @DecimalMax("1000") @DefaultValue("1.0") double sampleScale,
        @PositiveOrZero @DefaultValue("8081") int appPort,
        @NotBlank @DefaultValue("rehearsal") String migrationName,
        @NotBlank @DefaultValue("blockster_app") String appRole,
        @NotBlank @DefaultValue("pgbouncer") String pgbouncer) {}
