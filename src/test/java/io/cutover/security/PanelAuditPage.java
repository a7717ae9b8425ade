package io.cutover.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.RenderedPage;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The panel-wide audit as an admin reads it on /admin/audit, filtered: what a login or a
 * session end left behind, as the page shows it ("who action details" per row).
 */
final class PanelAuditPage {

    private PanelAuditPage() {
    }

    /** The page's text for filters given as name, value, name, value… */
    static String text(MockMvcTester mvc, String... filters) {
        MockHttpServletRequestBuilder get = MockMvcRequestBuilders.get("/admin/audit")
            .with(user("admin").roles("ADMIN"));
        for (int i = 0; i + 1 < filters.length; i += 2) {
            get.param(filters[i], filters[i + 1]);
        }
        return RenderedPage.of(mvc.perform(get)).text();
    }

}
