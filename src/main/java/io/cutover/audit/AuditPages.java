package io.cutover.audit;

import io.cutover.shared.ListPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The trail as the audit pages page through it, newest first: one migration's entries, or
 * (for a null migration) the panel-wide ones.
 */
@Component
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditRepository entries;

    AuditPages(AuditRepository entries) {
        this.entries = entries;
    }

    ListPage<AuditEntry> page(@Nullable Long migrationId, AuditFilter filter, int page, String path) {
        List<AuditEntry> rows = entries.findFiltered(migrationId, filter.actor(), filter.exactAction(), filter.kind(),
                filter.since(), filter.until(), PAGE_SIZE, ListPage.offset(page, PAGE_SIZE));
        long total = entries.countFiltered(migrationId, filter.actor(), filter.exactAction(), filter.kind(),
                filter.since(), filter.until());
        return new ListPage<>(rows, page, PAGE_SIZE, total, path, filter.asParameters());
    }

    List<String> actors(@Nullable Long migrationId) {
        return entries.actors(migrationId);
    }

    /**
     * Each kind of action (the part before the dot) with the actions of that kind that
     * occur, for the action filter.
     */
    Map<String, List<String>> actionsByKind(@Nullable Long migrationId) {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (String action : entries.actions(migrationId)) {
            String kind = action.contains(".") ? action.substring(0, action.indexOf('.')) : action;
            kinds.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(action);
        }
        return kinds;
    }

}
