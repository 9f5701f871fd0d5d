package jp.madoguchi.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jp.madoguchi.platform.inbox.Failures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Every error a service answers is an RFC 9457 problem document, localised; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client waits before asking again while a dependency is away; a database restart takes about this. */
    private static final int RETRY_AFTER = 5;

    @ServerExceptionMapper
    public RestResponse<Problem> problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Problem problem = build(e.type(), e.status(), e.args(), headers, uri);
        e.properties().forEach(problem::with);
        RestResponse.ResponseBuilder<Problem> answer = RestResponse.ResponseBuilder.<Problem>create(problem.status)
                .entity(problem).type(Problem.MEDIA_TYPE);
        e.headers().forEach(answer::header);
        return answer.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalid(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Problem problem = build("validation", 400, new Object[0], headers, uri);
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .sorted((a, b) -> a.get("field").compareTo(b.get("field")))
                .toList();
        return respond(problem.with("violations", violations));
    }

    /**
     * Validation that failed itself (a validator or message interpolation that threw): a fault of ours, answered as
     * a problem like any other instead of Quarkus's own bare 500. Failed constraints have their own mapper above.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public RestResponse<Problem> validationFailed(jakarta.validation.ValidationException e, HttpHeaders headers, UriInfo uri) {
        if (e instanceof ConstraintViolationException violations) {
            return invalid(violations, headers, uri);
        }
        LOG.error("validation failed", e);
        return respond(build("internal", 500, new Object[0], headers, uri));
    }

    /** Two requests changed the same row (optimistic locking): the later one is told, nothing is lost. */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public RestResponse<Problem> concurrent(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        return respond(build("concurrent-update", 409, new Object[0], headers, uri));
    }

    /** A query parameter of the wrong shape: named, like a failed constraint or a bad page number. */
    @ServerExceptionMapper
    public RestResponse<Problem> badParameter(BadParameterException e, HttpHeaders headers, UriInfo uri) {
        Problem problem = build("validation", 400, new Object[0], headers, uri);
        return respond(problem.with("violations", List.of(Map.of("field", e.parameter(), "message", "must be " + e.expected()))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadable(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return respond(build("malformed-body", 400, new Object[0], headers, uri));
    }

    /**
     * A value of the wrong shape (an unknown enum constant, text for a number): named by field, like a failed
     * constraint. Without this mapper Quarkus's own answers 400 with an empty body.
     */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e,
            HttpHeaders headers, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        String message = e.getTargetType() != null && e.getTargetType().isEnum()
                ? "one of " + java.util.Arrays.toString(e.getTargetType().getEnumConstants())
                : "a value of type " + (e.getTargetType() == null ? "?" : e.getTargetType().getSimpleName());
        Problem problem = build("validation", 400, new Object[0], headers, uri);
        return respond(problem.with("violations", List.of(Map.of("field", field, "message", "must be " + message))));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public RestResponse<Problem> unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        return RestResponse.ResponseBuilder.<Problem>create(401)
                .entity(build("unauthenticated", 401, new Object[0], headers, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(build("forbidden", 403, new Object[0], headers, uri));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> web(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        // the framework's own answers (404 unknown path, 405, 406, 415, 400 unreadable parameter) keep their status
        String type = switch (status) {
            case 400 -> causedBy(e, JsonProcessingException.class) ? "malformed-body" : "bad-request";
            case 404 -> "no-such-resource";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
        return respond(build(type, status, new Object[0], headers, uri));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public RestResponse<Problem> unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (causedBy(e, ProblemMappers::unstorableCharacter)) {
            // a text of the request that PostgreSQL cannot hold (U+0000 in a path, query or body): the request's fault
            return respond(build("bad-character", 400, new Object[0], headers, uri));
        }
        if (Failures.classify(e) == Failures.Kind.TRANSIENT) {
            // the database or a dependency is away (a restart, a failover): asking again shortly will work. Said
            // as such, not as a fault of the request or of the service (the outcome of a commit cut off midway is
            // unknown, so the message does not claim that nothing happened)
            LOG.warnf("request not carried out, a dependency is away: %s", Failures.describe(e));
            return RestResponse.ResponseBuilder.<Problem>create(503)
                    .entity(build("unavailable", 503, new Object[0], headers, uri).with("retryAfterSeconds", RETRY_AFTER))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER))
                    .type(Problem.MEDIA_TYPE).build();
        }
        LOG.error("unexpected failure", e);
        return respond(build("internal", 500, new Object[0], headers, uri));
    }

    private static Problem build(String type, int status, Object[] args, HttpHeaders headers, UriInfo uri) {
        String rawPath;
        try {
            rawPath = uri == null ? null : uri.getRequestUri().getRawPath();
        } catch (RuntimeException unparseable) {
            rawPath = null;
        }
        return build(type, status, args, acceptableLanguages(headers), rawPath);
    }

    /** A problem in the caller's language, for the request path as it was sent (still percent-encoded). */
    static Problem build(String type, int status, Object[] args, List<Locale> languages, String rawPath) {
        Locale locale = ProblemMessages.choose(languages);
        String title = ProblemMessages.title(type, locale);
        if (title.equals(type)) {
            title = Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : type;
        }
        return new Problem(type, title, status, ProblemMessages.detail(type, locale, args), instance(rawPath));
    }

    /** The languages the caller accepts; none for a header that does not parse (e.g. {@code ja;q="abc"}). */
    private static List<Locale> acceptableLanguages(HttpHeaders headers) {
        try {
            return headers == null ? List.of() : headers.getAcceptableLanguages();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    /**
     * The request's path as the problem's {@code instance}, as it was sent (still percent-encoded: a decoded path
     * may hold a space, {@code <} or an emoji, which is no URI); none if even that does not parse.
     */
    private static URI instance(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        try {
            return URI.create(rawPath);
        } catch (RuntimeException unparseable) {
            return null;
        }
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status).entity(problem)
                .type(Problem.MEDIA_TYPE).build();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return causedBy(e, type::isInstance);
    }

    private static boolean causedBy(Throwable e, java.util.function.Predicate<Throwable> cause) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (cause.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE 22021 (a byte sequence the encoding refuses, such as 0x00) or 22P05 (a character it lacks). */
    private static boolean unstorableCharacter(Throwable t) {
        String state = t instanceof java.sql.SQLException sql ? sql.getSQLState()
                : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState()
                : t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() : null;
        return "22021".equals(state) || "22P05".equals(state);
    }

    private static String field(ConstraintViolation<?> violation) {
        // "apply.request.email" -> "email": the caller knows its body's fields, not our method names
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : path;
    }
}
