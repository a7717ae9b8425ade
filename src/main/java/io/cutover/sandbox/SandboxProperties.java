package io.cutover.sandbox;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param postgresUrl the PostgreSQL server to rehearse on (an admin connection); when
 * none answers and the panel does not run as root, an embedded server is started instead
 * @param sourceDatabase the database that plays the Flex cluster's (blank: derived from
 * the data directory)
 * @param sampleScale size of the sample application's data (1.0: tens of thousands of
 * rows; at most 1000)
 * @param appPort port of the emulated application (0: any free port)
 * @param migrationName name of the ready-made migration
 * @param appRole the app's role on the Flex stand-in (blank: derived from the data
 * directory)
 * @param pgbouncer PgBouncer, by name (looked up on PATH, then /usr/sbin) or by path;
 * without it the emulated clusters cannot be switched to transaction pool mode
 * @param sampleSql the schema and data of the Flex stand-in, a resource location
 * ({{scale}} is replaced by sampleScale); the default is the blog app the seed was
 * written for
 * @param appTable the table whose rows the emulated app counts on every request, as the
 * real app reads its own tables: it answers 500 when the table is missing, so another
 * sample needs one of its own tables here
 */
@Validated
@ConfigurationProperties("cutover.sandbox")
record SandboxProperties(@NotBlank @DefaultValue("postgres://postgres@127.0.0.1:5432/postgres") String postgresUrl,
        @Pattern(regexp = "|[a-z_][a-z0-9_]{0,62}") @DefaultValue("") String sourceDatabase,
        @PositiveOrZero @DecimalMax("1000") @DefaultValue("1.0") double sampleScale,
        @PositiveOrZero @DefaultValue("8081") int appPort, @NotBlank @DefaultValue("rehearsal") String migrationName,
        @Pattern(regexp = "|[a-z_][a-z0-9_]{0,62}") @DefaultValue("") String appRole,
        @NotBlank @DefaultValue("pgbouncer") String pgbouncer,
        @NotBlank @DefaultValue("classpath:sample/sample-app.sql") String sampleSql,
        @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") @DefaultValue("users") String appTable) {
}
