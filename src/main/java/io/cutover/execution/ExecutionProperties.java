package io.cutover.execution;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultTimeout a step's timeout when the runbook gives none
 * @param killGrace how long a process gets after SIGTERM before SIGKILL
 * @param workers runs executing at once (one per migration at most)
 * @param sqlStatementTimeout statement_timeout of SQL steps
 * @param sqlMaxRows rows of a SQL result kept and shown
 * @param extraPath directories searched for tools before the panel's own PATH
 * @param passEnvironment variables of the panel's environment that children inherit;
 * nothing else does, so the panel's own secrets never reach a child
 */
@Validated
@ConfigurationProperties("cutover.execution")
record ExecutionProperties(@DefaultValue("1h") Duration defaultTimeout, @DefaultValue("5s") Duration killGrace,
        @Min(1) @Max(64) @DefaultValue("4") int workers, @DefaultValue("5m") Duration sqlStatementTimeout,
        @Min(1) @Max(100_000) @DefaultValue("1000") int sqlMaxRows, @DefaultValue List<Path> extraPath, @DefaultValue( {
                "PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "SSL_CERT_FILE", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE",
                "AWS_ENDPOINT_URL" }) List<String> passEnvironment){
}
