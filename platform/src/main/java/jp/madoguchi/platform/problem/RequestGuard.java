package jp.madoguchi.platform.problem;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What is wrong with a request before any resource sees it, answered as a problem like everything else:
 *
 * <ul>
 * <li>A body over {@code quarkus.http.limits.max-body-size} answers 413 problem+json ({@code payload-too-large}),
 * where Quarkus answers an empty 413 and closes the connection (on HTTP/2 with every other stream on it), or (a
 * chunked body) starts a 413 and then fails writing the resource's answer. A declared length over the limit is
 * refused before the body is read, a chunked body (HTTP/1.1) is counted as it arrives. An HTTP/2 body of undeclared
 * length is left to Quarkus: read ahead here, the resource could no longer take it.</li>
 * <li>An {@code Accept-Language} that does not parse is dropped, so that nothing reading it later fails (Hibernate
 * Validator's message interpolation, the problem mappers): the answer comes in Japanese, the default.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestGuard {

    /** Before Quarkus's own body limit (order -2), which would answer an empty 413 first. */
    static final int ORDER = -3;
    private static final long DEFAULT_LIMIT = 10L * 1024 * 1024;
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final ObjectMapper json;
    private final long limit;

    public RequestGuard(ObjectMapper json) {
        this.json = json;
        this.limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .map(size -> new MemorySizeConverter().convert(size).asLongValue()).orElse(DEFAULT_LIMIT);
    }

    void install(@Observes Router router) {
        BodyHandler counted = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
        router.route().order(ORDER).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String languages = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
            if (languages != null && !readable(languages)) {
                request.headers().remove(HttpHeaders.ACCEPT_LANGUAGE);
            }
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                long declared = parse(length);
                if (declared > limit) {
                    refuse(ctx, declared);
                } else {
                    ctx.next();
                }
            } else if (request.version() != HttpVersion.HTTP_2 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                    && WITH_BODY.contains(request.method()) && !request.isEnded()) {
                // chunked, no length declared: read here, counted (it fails 413 past the limit), and handed to the
                // resource as read; as Quarkus's own body handler does it (HTTP/2 streams are not read ahead)
                request.resume();
                counted.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(ORDER).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && ctx.failure() == null && !ctx.response().headWritten()) {
                refuse(ctx, -1);
            } else {
                ctx.next();
            }
        });
    }

    /**
     * Answers 413. HTTP/1.1: once the body is read and dropped (what a client still sending reads is the answer,
     * not a reset connection), at once and closing the connection if it would take too long or the client waits
     * for a go-ahead ({@code Expect: 100-continue}). HTTP/2: at once, the rest dropped as it comes; a stream that
     * goes on too long is reset, never the connection, which carries other requests.
     */
    private void refuse(RoutingContext ctx, long declared) {
        HttpServerRequest request = ctx.request();
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (request.isEnded()) {
            answer(ctx, false);
            return;
        }
        boolean waiting = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        if (!http2 && (declared > 2 * limit || waiting)) {
            answer(ctx, true);
            return;
        }
        AtomicLong dropped = new AtomicLong();
        request.handler(chunk -> {
            if (dropped.addAndGet(chunk.length()) > 2 * limit) {
                if (http2) {
                    ctx.response().reset();
                } else {
                    answer(ctx, true);
                }
            }
        });
        request.endHandler(end -> answer(ctx, false));
        request.exceptionHandler(broken -> {
            // the client went away: nobody to answer
        });
        request.resume();
        if (http2) {
            answer(ctx, false);
        }
    }

    private void answer(RoutingContext ctx, boolean close) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        Buffer body = RouteProblems.body(json, RouteProblems.of(request, "payload-too-large", 413, limit).with("maxBytes", limit));
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            response.end(body).onComplete(done -> request.connection().close());
        } else {
            response.end(body);
        }
    }

    private static boolean readable(String languages) {
        try {
            Locale.LanguageRange.parse(languages);
            return true;
        } catch (RuntimeException malformed) {
            // IllegalArgumentException mostly, ArrayIndexOutOfBoundsException for "-"
            return false;
        }
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // the HTTP decoder refuses such a request before it gets here
            return -1;
        }
    }
}
