package jp.madoguchi.platform.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details document. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details")
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable identifiers that need no web page to exist. */
    public static final String TYPE_PREFIX = "urn:madoguchi:problem:";

    public URI type;
    public String title;
    public int status;
    public String detail;
    public URI instance;

    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {
    }

    public Problem(String slug, String title, int status, String detail, URI instance) {
        this.type = URI.create(TYPE_PREFIX + slug);
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }
}
