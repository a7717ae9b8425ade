package io.cutover.position;

import io.cutover.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the migration's position on every migration page, where the layout shows it at the
 * top.
 */
@ControllerAdvice
class PositionModel {

    private static final Pattern MIGRATION_PAGE = Pattern.compile("^/migrations/(\\d+)(/.*)?$");

    // Optional: a web slice test without the position module still renders its pages.
    private final org.springframework.beans.factory.ObjectProvider<MigrationPositions> positions;

    PositionModel(org.springframework.beans.factory.ObjectProvider<MigrationPositions> positions) {
        this.positions = positions;
    }

    @ModelAttribute("position")
    Position position(HttpServletRequest request) {
        Matcher m = MIGRATION_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        MigrationPositions available = positions.getIfAvailable();
        if (available == null || !m.matches()
                || !"GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null) {
            return null;
        }
        try {
            return available.of(Long.parseLong(m.group(1)));
        }
        catch (NotFoundException | NumberFormatException e) {
            return null;
        }
    }

}
