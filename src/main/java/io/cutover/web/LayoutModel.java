package io.cutover.web;

import io.cutover.shared.PanelProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Model attributes the layout fragment needs on every page. */
@ControllerAdvice
@EnableConfigurationProperties(PanelProperties.class)
class LayoutModel {

    private static final TimeFormat TIMES = new TimeFormat();

    private static final SizeFormat SIZES = new SizeFormat();

    private final PanelProperties panel;

    LayoutModel(PanelProperties panel) {
        this.panel = panel;
    }

    /** Drives the banner that says this panel runs against the flyctl emulator. */
    @ModelAttribute("sandbox")
    boolean sandbox() {
        return panel.sandbox();
    }

    @ModelAttribute("times")
    TimeFormat times() {
        return TIMES;
    }

    @ModelAttribute("sizes")
    SizeFormat sizes() {
        return SIZES;
    }

}
