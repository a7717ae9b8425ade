package io.cutover;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.util.HtmlUtils;

/**
 * A rendered page or fragment read the way a person reads it: its visible text (tags
 * dropped, entities decoded, whitespace collapsed) and, where behaviour hangs on markup,
 * one element's attribute by the element's id. Slices assert on this instead of on exact
 * markup, so a changed class or attribute order does not fail a test whose page still
 * says the same.
 */
public final class RenderedPage {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|template)\\b.*?</\\1>|<!--.*?-->");

    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

    private static final Pattern START_TAG = Pattern.compile("(?s)<([a-zA-Z][\\w-]*)(\\s[^>]*)?>");

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:.-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    private final String html;

    private RenderedPage(String html) {
        this.html = html;
    }

    public static RenderedPage of(MvcTestResult result) {
        return new RenderedPage(RunApi.content(result));
    }

    public static RenderedPage of(String html) {
        return new RenderedPage(html);
    }

    /**
     * What a reader sees: the text outside tags, scripts and comments, entities decoded.
     */
    public String text() {
        String withoutInvisible = INVISIBLE.matcher(html).replaceAll(" ");
        return HtmlUtils.htmlUnescape(TAG.matcher(withoutInvisible).replaceAll(" ")).replaceAll("\\s+", " ").trim();
    }

    /** The document's title, empty for a fragment. */
    public String title() {
        Matcher m = TITLE.matcher(html);
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)).trim() : "";
    }

    /** Whether this is a whole page (with an html element) rather than a fragment. */
    public boolean isWholePage() {
        return START_TAG.matcher(html).results().anyMatch(m -> m.group(1).equalsIgnoreCase("html"));
    }

    public boolean hasElementWithId(String id) {
        return elementWithId(id).isPresent();
    }

    /** The value of an attribute of the element with this id, if both exist. */
    public Optional<String> attribute(String id, String name) {
        return elementWithId(id).flatMap(
                attributes -> attributes.stream().filter(a -> a.get(0).equals(name)).map(a -> a.get(1)).findFirst());
    }

    /**
     * Every attribute value on the page, decoded: where links, forms and live streams
     * point.
     */
    public List<String> attributeValues() {
        List<String> values = new ArrayList<>();
        START_TAG.matcher(html).results().forEach(tag -> attributes(tag.group(2)).forEach(a -> values.add(a.get(1))));
        return values;
    }

    private Optional<List<List<String>>> elementWithId(String id) {
        return START_TAG.matcher(html)
            .results()
            .map(tag -> attributes(tag.group(2)))
            .filter(attributes -> attributes.stream().anyMatch(a -> a.get(0).equals("id") && a.get(1).equals(id)))
            .findFirst();
    }

    private static List<List<String>> attributes(String inTag) {
        List<List<String>> found = new ArrayList<>();
        if (inTag == null) {
            return found;
        }
        Matcher m = ATTRIBUTE.matcher(inTag);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            found.add(List.of(m.group(1), HtmlUtils.htmlUnescape(value)));
        }
        return found;
    }

}
