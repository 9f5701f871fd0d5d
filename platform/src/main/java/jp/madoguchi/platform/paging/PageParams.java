package jp.madoguchi.platform.paging;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jp.madoguchi.platform.problem.BadParameterException;

/**
 * The query parameters every list endpoint takes ({@code @BeanParam PageParams paging}): {@code page}, 0-based,
 * and {@code size}, {@value #DEFAULT_SIZE} by default and at most {@value #MAX_SIZE}. They are read as text and
 * checked here, so "size=abc" gets the same 400 problem naming the parameter as "size=1000" (JAX-RS alone would
 * answer a number it cannot parse with 404).
 */
public class PageParams {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    @RestQuery
    @Parameter(description = "Page number, 0-based", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
            defaultValue = "0"))
    public String page;

    @RestQuery
    @Parameter(description = "Items per page, 1 to " + MAX_SIZE, schema = @Schema(type = SchemaType.INTEGER,
            minimum = "1", maximum = "" + MAX_SIZE, defaultValue = "" + DEFAULT_SIZE))
    public String size;

    /** The request's own URI: the links to other pages keep its path and every other query parameter. */
    @Context
    public UriInfo uri;

    public PageParams() {
    }

    /** For callers outside a request (tests, internal use). */
    public static PageParams of(int page, int size) {
        PageParams p = new PageParams();
        p.page = String.valueOf(page);
        p.size = String.valueOf(size);
        return p;
    }

    /** The requested page, or a 400 problem whose {@code violations} name the parameter in error. */
    public PageRequest request() {
        return new PageRequest(number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE),
                number("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
    }

    private static int number(String name, String text, int absent, int min, int max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like a value out of range
        }
        throw new BadParameterException(name, "an integer between " + min + " and " + max);
    }
}
