package io.cutover.wizard;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The migration report: one page to read or print to PDF, and the same content as a JSON
 * bundle to keep beside it (downloaded from the page, or fetched over the JSON API).
 */
@Controller
record ReportController(MigrationReports reports) {

    static final String REPORT_VIEW = "wizard/report";

    @GetMapping("/migrations/{id}/report")
    String report(@PathVariable long id, Model model) {
        MigrationReport report = reports.of(id);
        model.addAttribute("report", report);
        model.addAttribute("migration", report.migration());
        return REPORT_VIEW;
    }

    @GetMapping(path = { "/migrations/{id}/report.json", "/api/migrations/{id}/report" },
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MigrationReport> bundle(@PathVariable long id) {
        MigrationReport report = reports.of(id);
        String name = "migration-" + id + "-report.json";
        return ResponseEntity.ok()
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
            .body(report);
    }

}
