package io.cutover.downtime;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DowntimeApiController {

    private final DowntimeClock clock;

    DowntimeApiController(DowntimeClock clock) {
        this.clock = clock;
    }

    /** Every downtime window of a migration, newest first, with its measured duration. */
    @GetMapping("/api/migrations/{id}/downtime")
    List<DowntimeJson> windows(@PathVariable long id) {
        return clock.windows(id).stream().map(DowntimeJson::of).toList();
    }

    record DowntimeJson(long id, java.time.Instant startedAt, java.time.Instant endedAt, long millis, String siteUrl,
            String status, List<PhaseJson> phases) {
        static DowntimeJson of(DowntimeView v) {
            return new DowntimeJson(v.id(), v.startedAt(), v.endedAt(), v.duration().toMillis(), v.siteUrl(),
                    v.status(),
                    v.phases()
                        .stream()
                        .map(p -> new PhaseJson(p.name(), p.startedAt(), p.endedAt(), p.millis(), p.outcome()))
                        .toList());
        }
    }

    /** A part of the window the panel measured itself (the freeze, its proof). */
    record PhaseJson(String name, java.time.Instant startedAt, java.time.Instant endedAt, long millis, String outcome) {
    }

}
