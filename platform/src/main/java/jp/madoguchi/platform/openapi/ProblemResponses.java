package jp.madoguchi.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import jp.madoguchi.platform.problem.Problem;
import jp.madoguchi.platform.problem.ProblemMessages;

/**
 * The error answers of every operation, documented from what {@link jp.madoguchi.platform.problem.ProblemMappers}
 * answers for any resource: 400 for a request that does not read, 401/403 where a token and a role are needed, 404
 * where the path names something, 409 and 422 for a write (optimistic locking and the state machines; the business
 * rules), 422 for a read whose query a rule may refuse, 413/415 where a body is taken, 503 while a dependency is
 * away. Statuses only a few operations answer (429) the resource declares with {@code @APIResponse}; all of them get
 * the shared {@code Problem} schema under {@code application/problem+json}, with an example.
 */
final class ProblemResponses {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    private ProblemResponses() {
    }

    static void document(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(SCHEMA, schema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> document(path, method, operation, openAPI)));
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation, OpenAPI openAPI) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean body = operation.getRequestBody() != null;
        boolean query = parameters(operation).stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean secured = operation.getSecurity() != null ? !operation.getSecurity().isEmpty()
                : openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        if (body || query || path.contains("{")) {
            add(responses, "400", "The request does not read: a failed constraint or a value of the wrong shape "
                    + "(`violations` names each field), a malformed body, or a text the database cannot hold "
                    + "(`bad-character`: U+0000 in the path, a parameter or the body)");
        }
        if (secured) {
            add(responses, "401", "No valid bearer token");
            add(responses, "403", "The caller's roles or office do not allow this");
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing of that identifier, or not the caller's to see");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            // optimistic locking (concurrent-update) and the state machines (illegal-transition) refuse any write
            add(responses, "409", "The resource's state does not allow this, or it changed meanwhile "
                    + "(`type` says which; e.g. `state` names the current one)");
            add(responses, "422", "Well-formed, but a rule refuses it (`type` says which rule; members such as "
                    + "`earliestBookableDate` or `officePhone` tell the way forward)");
        } else if (query) {
            add(responses, "422", "Well-formed, but a rule refuses it (e.g. a date range longer than allowed)");
        }
        if (body) {
            add(responses, "413", "The body is over the service's size limit (`maxBytes`)");
            add(responses, "415", "The body is not of a media type the operation takes");
        }
        add(responses, "503", "A dependency (the database) is away; ask again after `Retry-After` seconds");
        String instance = path.replaceAll("\\{[^}]+}", "1");
        responses.getAPIResponses().forEach((code, response) -> {
            if ("201".equals(code) && (response.getHeaders() == null || !response.getHeaders().containsKey("Location"))) {
                response.addHeader("Location", header("Where the created resource is"));
            }
            if (code.length() == 3 && (code.startsWith("4") || code.startsWith("5"))) {
                problemContent(Integer.parseInt(code), response, instance);
            }
        });
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    private static void add(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    /** A 4xx/5xx answer's body is a problem: that is what the mappers send. */
    private static void problemContent(int status, APIResponse response, String instance) {
        MediaType existing = response.getContent() == null ? null : response.getContent().getMediaType(Problem.MEDIA_TYPE);
        MediaType media = existing != null ? existing : OASFactory.createMediaType();
        media.setSchema(OASFactory.createSchema().ref(REF));
        if (media.getExample() == null && (media.getExamples() == null || media.getExamples().isEmpty())) {
            media.setExample(example(status, instance));
        }
        // what a resource declared beside it stays (the re-consent page answers a lapsed booking as a page)
        Content content = response.getContent() != null ? response.getContent() : OASFactory.createContent();
        content.addMediaType(Problem.MEDIA_TYPE, media);
        response.setContent(content);
        if (status == 401) {
            response.addHeader("WWW-Authenticate", header("`Bearer`: a Keycloak access token is needed"));
        }
        if (status == 429 || status == 503) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before asking again")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
        }
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header header(String description) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(SchemaType.STRING));
    }

    /** A typical problem of that status, as the mappers build it (English titles; Japanese is the default). */
    static Map<String, Object> example(int status, String instance) {
        String slug = switch (status) {
            case 400 -> "validation";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "concurrent-update";
            case 413 -> "payload-too-large";
            case 422 -> "unprocessable";
            case 429 -> "too-many-requests";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> "http-" + status;
        };
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problem.TYPE_PREFIX + slug);
        String title = ProblemMessages.title(slug, Locale.ENGLISH);
        example.put("title", title.equals(slug) ? reason(status) : title);
        example.put("status", status);
        example.put("instance", instance);
        if (status == 400) {
            example.put("violations", List.of(Map.of("field", "email", "message", "must be a well-formed email address")));
        } else if (status == 413) {
            example.put("maxBytes", 10_485_760);
        } else if (status == 503 || status == 429) {
            example.put("retryAfterSeconds", 5);
        }
        return example;
    }

    private static String reason(int status) {
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase()
                : status == 422 ? "Unprocessable Content" : status == 429 ? "Too Many Requests" : "HTTP " + status;
    }

    /** RFC 9457 members, and the extension members the platform's problems carry. */
    static Schema schema() {
        Schema violation = object()
                .addProperty("field", string("The field or parameter, e.g. `email` or `preferredStarts[0]`"))
                .addProperty("message", string("What it must be"))
                .required(List.of("field", "message"));
        return object()
                .description("RFC 9457 problem details. Beside the members below, a problem type may carry extension "
                        + "members of its own (e.g. `earliestBookableDate`, `officePhone`, `state`): a client ignores "
                        + "those it does not know.")
                .addProperty("type", string("Stable identifier of the problem type, a URN `" + Problem.TYPE_PREFIX
                        + "<slug>`").format("uri"))
                .addProperty("title", string("Short summary of the problem type, in the caller's language "
                        + "(Accept-Language: Japanese or English)"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
                        .description("The HTTP status of the answer"))
                .addProperty("detail", string("This occurrence explained, in the caller's language"))
                .addProperty("instance", string("The request's path").format("uri-reference"))
                .addProperty("violations", OASFactory.createSchema().addType(SchemaType.ARRAY).items(violation)
                        .description("Each field or parameter that failed (400 `validation`)"))
                .addProperty("retryAfterSeconds", OASFactory.createSchema().addType(SchemaType.INTEGER)
                        .description("Seconds to wait before asking again (429, 503), as in `Retry-After`"))
                .addProperty("maxBytes", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int64")
                        .description("The body size limit (413)"))
                .required(List.of("type", "title", "status"))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
