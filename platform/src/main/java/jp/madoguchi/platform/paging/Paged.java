package jp.madoguchi.platform.paging;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.RestResponse;

import jakarta.ws.rs.core.UriBuilder;

/**
 * The answer of a list endpoint: the page's items as the JSON array they always were, and what comes next in
 * headers, {@code X-Total-Count} and an RFC 8288 {@code Link} with {@code first}, {@code prev}, {@code next} and
 * {@code last} (no {@code next} on the last page). Links are relative to the service (path and query), so they stay
 * right behind a proxy.
 */
public final class Paged {

    public static final String TOTAL_COUNT = "X-Total-Count";

    private Paged() {
    }

    public static <T> RestResponse<List<T>> response(Page<T> page, PageParams params) {
        RestResponse.ResponseBuilder<List<T>> answer = RestResponse.ResponseBuilder.ok(page.items())
                .header(TOTAL_COUNT, page.total());
        if (params.uri != null) {
            List<String> links = new ArrayList<>();
            int current = page.request().page();
            links.add(link(params, 0, page, "first"));
            if (current > 0) {
                links.add(link(params, Math.min(current - 1, page.lastPage()), page, "prev"));
            }
            if (page.hasNext()) {
                links.add(link(params, current + 1, page, "next"));
            }
            links.add(link(params, page.lastPage(), page, "last"));
            answer.header("Link", String.join(", ", links));
        }
        return answer.build();
    }

    private static String link(PageParams params, int number, Page<?> page, String rel) {
        URI target = UriBuilder.fromUri(params.uri.getRequestUri())
                .replaceQueryParam("page", number)
                .replaceQueryParam("size", page.request().size())
                .build();
        String relative = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        return "<" + relative + ">; rel=\"" + rel + "\"";
    }
}
