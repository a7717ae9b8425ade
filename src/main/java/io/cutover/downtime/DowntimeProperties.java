package io.cutover.downtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the site is asked after the app came back
 * @param giveUpAfter how long to wait for the first 200 before recording that the site
 * does not answer
 */
@ConfigurationProperties("cutover.downtime")
record DowntimeProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("15m") Duration giveUpAfter) {
}
