package io.cutover.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One page of a long list (newest first) and the links to its neighbours, which keep the
 * list's filters so a page can be bookmarked.
 *
 * @param rows the rows on this page
 * @param page the page number, from 1
 * @param size rows per page
 * @param total rows matching the filters, on all pages
 * @param path the list's own path, without a query
 * @param filters the filters in effect (empty values are left out of the links)
 */
public record ListPage<T>(List<T> rows, int page, int size, long total, String path, Map<String, String> filters) {

    /**
     * The page number a query parameter asks for: blank is the first page; anything but a
     * positive whole number is refused.
     */
    public static int pageNumber(String raw) {
        if (raw == null || raw.isBlank()) {
            return 1;
        }
        if (!raw.strip().matches("[0-9]{1,6}") || Integer.parseInt(raw.strip()) < 1) {
            throw new InvalidInputException("The page must be a whole number from 1, not '"
                    + (raw.length() > 20 ? raw.substring(0, 20) + "…" : raw) + "'");
        }
        return Integer.parseInt(raw.strip());
    }

    /** Rows to skip to reach a page of the given size. */
    public static long offset(int page, int size) {
        return (long) (page - 1) * size;
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** Whether there is a newer page next to this one (a page past the end has none). */
    public boolean hasPrevious() {
        return page > 1 && page <= pages();
    }

    /**
     * Whether this page lies past the last one (a hand-edited or outdated link): it has
     * no rows though others match.
     */
    public boolean beyondEnd() {
        return page > pages();
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** Position of the first row on this page among all matching rows, from 1. */
    public long firstRow() {
        return rows.isEmpty() ? 0 : offset(page, size) + 1;
    }

    public long lastRow() {
        return offset(page, size) + rows.size();
    }

    /** The list with the same filters on another page. */
    public String href(int toPage) {
        String query = filters.entrySet()
            .stream()
            .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
        String pagePart = toPage > 1 ? "page=" + toPage : "";
        String joined = query.isEmpty() ? pagePart : pagePart.isEmpty() ? query : query + "&" + pagePart;
        return joined.isEmpty() ? path : path + "?" + joined;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

}
