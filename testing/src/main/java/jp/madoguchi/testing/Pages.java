package jp.madoguchi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Checks the platform's paging convention on a list endpoint through its public API: a size over the maximum and a
 * size that is not a number answer 400 naming the parameter; walking the pages by their {@code next} links yields
 * every item once (pages do not overlap), {@code X-Total-Count} counts them, and the last page has no next link.
 */
public final class Pages {

    public static final int MAX_SIZE = 100;
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    private Pages() {
    }

    /** The 400 answers for bad paging parameters of {@code path}. */
    public static void rejectsBadParameters(Supplier<RequestSpecification> caller, String path) {
        for (String[] bad : new String[][] {{"size", String.valueOf(MAX_SIZE + 1)}, {"size", "0"}, {"size", "abc"},
                {"page", "-1"}}) {
            Response answer = caller.get().queryParam(bad[0], bad[1]).get(path);
            assertEquals(400, answer.statusCode(), path + " " + bad[0] + "=" + bad[1]);
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
            assertEquals(bad[0], answer.jsonPath().getString("violations[0].field"), answer.asString());
        }
    }

    /**
     * Walks every page of {@code path} with pages of {@code size} and returns the {@code idField} of each item, in
     * order. Fails if an item appears twice, if the count disagrees with {@code X-Total-Count}, or if the last page
     * has a next link.
     */
    public static List<String> walk(Supplier<RequestSpecification> caller, String path, int size, String idField) {
        List<String> ids = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "size=" + size;
        long total = -1;
        int pages = 0;
        while (next != null) {
            Response answer = caller.get().get(next);
            assertEquals(200, answer.statusCode(), next + ": " + answer.asString());
            String count = answer.header("X-Total-Count");
            assertNotNull(count, "X-Total-Count on " + next);
            total = Long.parseLong(count);
            List<Object> items = answer.jsonPath().getList("$");
            assertTrue(items.size() <= size, "a page holds at most size items");
            answer.jsonPath().getList(idField).forEach(id -> ids.add(String.valueOf(id)));
            String link = answer.header("Link");
            assertNotNull(link, "Link on " + next);
            Matcher m = NEXT.matcher(link);
            next = m.find() ? m.group(1) : null;
            if (next != null) {
                assertEquals(size, items.size(), "only the last page may be short");
            }
            assertTrue(++pages < 1000, "too many pages");
        }
        assertEquals(total, ids.size(), "X-Total-Count counts every item");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "pages overlap: " + ids);
        return ids;
    }
}
