package jp.madoguchi.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every answer an API test gets from the service under test is checked against the service's own OpenAPI document
 * ({@code /q/openapi}): an undocumented status, a body that does not match its schema, a missing documented header
 * fail the test. The OpenAPI documents are a front end's contract; this keeps them true.
 *
 * <p>Installed once per test JVM as a REST Assured filter ({@link ServiceTestResource} does it for every service
 * start). Requests are not judged: tests send bad input on purpose, and the service's answer to it is what is
 * checked. Calls elsewhere (Keycloak, the mail API, the simulator) pass unchecked.
 */
public final class ApiContract implements Filter {

    private static final ApiContract INSTANCE = new ApiContract();
    private static boolean installed;
    // HTTP/1.1: the default asks a plain-text server for an upgrade to HTTP/2, which some answers break
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private volatile Target target;
    private final AtomicLong checked = new AtomicLong();

    private record Target(String base, OpenApiValidationFilter filter) {
    }

    /** A validator that judges answers only: requests are levelled away (bad input is what some tests send). */
    public static OpenApiInteractionValidator validator(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withDefaultLevel(ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** Checks, from now on, the answers of the service listening on {@code localhost:port}. */
    public static synchronized void install(int port) {
        INSTANCE.target = new Target("http://localhost:" + port, null);
        if (!installed) {
            RestAssured.filters(INSTANCE);
            installed = true;
        }
    }

    /** How many answers have been checked in this JVM: a test can tell the check is on. */
    public static long checked() {
        return INSTANCE.checked.get();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Target current = target;
        URI uri = URI.create(request.getURI());
        if (current == null || !(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).equals(current.base())
                || uri.getPath().startsWith("/q/")) {
            return context.next(request, response);
        }
        OpenApiValidationFilter filter = current.filter() != null ? current.filter() : load(current);
        checked.incrementAndGet();
        return filter.filter(request, response, context);
    }

    private synchronized OpenApiValidationFilter load(Target current) {
        if (target.filter() != null && target.base().equals(current.base())) {
            return target.filter();
        }
        OpenApiValidationFilter filter = new OpenApiValidationFilter(validator(document(current.base())));
        if (target.base().equals(current.base())) {
            target = new Target(current.base(), filter);
        }
        return filter;
    }

    /** The document the running service serves, as JSON. */
    public static String document(String base) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("no OpenAPI document at " + base + ": " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException("no OpenAPI document at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
