package io.cutover.wizard;

import io.cutover.downtime.DowntimeClock;
import io.cutover.downtime.DowntimeView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The downtime banner's window on every page of a migration ({@code /migrations/{id}/…},
 * run pages included): during the outage everyone watches some page of the migration, and
 * each must show the clock.
 */
@ControllerAdvice
class DowntimeBannerModel {

    private final ObjectProvider<DowntimeClock> downtime;

    DowntimeBannerModel(ObjectProvider<DowntimeClock> downtime) {
        this.downtime = downtime;
    }

    @ModelAttribute("downtime")
    DowntimeView downtime(@PathVariable Map<String, String> path, HttpServletRequest request) {
        DowntimeClock clock = downtime.getIfAvailable();
        String id = path.get("id");
        if (clock == null || id == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/migrations/")
                || !id.matches("\\d{1,18}")) {
            return null;
        }
        return clock.latest(Long.parseLong(id)).orElse(null);
    }

}
