package io.cutover.verify;

import io.cutover.migration.MigrationManagement;
import io.cutover.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Test connection" on the Parameters page and in the API: version, size and latency, or
 * what is wrong.
 */
@Controller
record ConnectionTestController(MigrationManagement migrations, Verifier verifier) {

    @PostMapping("/migrations/{id}/connections/{parameterId}/test")
    String test(@PathVariable long id, @PathVariable String parameterId, RedirectAttributes flash) {
        ProbeResult result = probe(id, parameterId);
        flash.addFlashAttribute(result.ok() ? "message" : "error",
                result.ok()
                        ? parameterId + ": PostgreSQL " + result.serverVersion() + ", database "
                                + Sizes.human(result.databaseBytes()) + ", latency " + result.latencyMillis() + " ms"
                        : parameterId + ": " + result.error());
        return "redirect:/migrations/" + id + "/parameters";
    }

    @PostMapping("/api/migrations/{id}/connections/{parameterId}/test")
    @ResponseBody
    ProbeResult testApi(@PathVariable long id, @PathVariable String parameterId) {
        return probe(id, parameterId);
    }

    private ProbeResult probe(long id, String parameterId) {
        return migrations.executionValues(id)
            .connection(parameterId)
            .map(c -> verifier.probe(parameterId, c))
            .orElseThrow(() -> new NotFoundException(
                    "'" + parameterId + "' is not a connection that is set on this migration"));
    }

}
