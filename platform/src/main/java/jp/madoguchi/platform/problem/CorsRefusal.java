package jp.madoguchi.platform.problem;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request from an origin the environment does not name ({@code quarkus.http.cors.origins}) answers 403
 * problem+json ({@code origin-not-allowed}), where Quarkus's CORS filter answers an empty 403. The decision stays
 * Quarkus's: this only answers first, for the origins that filter would refuse (exact names, as every environment
 * configures them; same-origin requests, such as the service's own Swagger UI, pass).
 */
@ApplicationScoped
public class CorsRefusal {

    /** Quarkus installs its CORS filter (filter priority 300) at route order -300: this comes just before it. */
    static final int ORDER = -301;

    private final ObjectMapper json;
    private final Set<String> allowed;

    public CorsRefusal(ObjectMapper json) {
        this.json = json;
        var config = ConfigProvider.getConfig();
        boolean enabled = config.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false);
        List<String> origins = config.getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of());
        // a wildcard or a regular expression is Quarkus's to judge alone
        boolean exact = origins.stream().noneMatch(o -> o.contains("*") || o.startsWith("/"));
        this.allowed = enabled && exact ? Set.copyOf(origins) : null;
    }

    void install(@Observes Router router) {
        if (allowed == null) {
            return;
        }
        router.route().order(ORDER).handler(ctx -> {
            String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
            if (origin == null || allowed.contains(origin) || sameOrigin(ctx.request(), origin)) {
                ctx.next();
            } else {
                refuse(ctx, origin);
            }
        });
    }

    static boolean sameOrigin(HttpServerRequest request, String origin) {
        String scheme = request.scheme();
        String host = request.authority() != null ? request.authority().toString() : request.getHeader(HttpHeaders.HOST);
        if (scheme == null || host == null) {
            return false;
        }
        String own = scheme + "://" + host;
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        return origin.equalsIgnoreCase(own) || origin.equalsIgnoreCase(own.replace(defaultPort, ""))
                || (origin + defaultPort).equalsIgnoreCase(own);
    }

    private void refuse(RoutingContext ctx, String origin) {
        Problem problem = RouteProblems.of(ctx.request(), "origin-not-allowed", 403, origin);
        ctx.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN).end(RouteProblems.body(json, problem));
    }
}
