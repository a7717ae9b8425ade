package io.cutover.web;

import io.cutover.shared.PanelProperties;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes the layout fragment needs on every page. */
@ControllerAdvice
class LayoutModel {

    private final PanelProperties panel;

    LayoutModel(PanelProperties panel) {
        this.panel = panel;
    }

    /** Drives the banner that says this panel runs against the flyctl emulator. */
    @ModelAttribute("sandbox")
    boolean sandbox() {
        return panel.sandbox();
    }
}
