package jp.madoguchi.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * A problem answered by a Vert.x route that runs ahead of JAX-RS (whose exception mappers never see the request): in
 * the caller's language, with the request's path as its instance, as the mappers write it.
 */
final class RouteProblems {

    private RouteProblems() {
    }

    static Problem of(HttpServerRequest request, String type, int status, Object... args) {
        return ProblemMappers.build(type, status, args,
                ProblemMessages.languages(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), request.path());
    }

    static Buffer body(ObjectMapper json, Problem problem) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
