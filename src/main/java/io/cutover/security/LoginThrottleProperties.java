package io.cutover.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxFailures failed logins a user name, or an address, may have within
 * {@code window}; the next attempt is refused without checking the password until the
 * oldest one is older
 * @param window how long a failed login counts
 * @param trackedKeys most user names and addresses remembered at once, so that a flood of
 * invented user names cannot fill the heap
 */
@Validated
@ConfigurationProperties("cutover.security.login-throttle")
record LoginThrottleProperties(@DefaultValue("10") @Min(1) int maxFailures, @DefaultValue("1m") Duration window,
        @DefaultValue("10000") @Min(10) @Max(1_000_000) int trackedKeys) {
}
