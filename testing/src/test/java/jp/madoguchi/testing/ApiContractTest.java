package jp.madoguchi.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter.OpenApiValidationException;
import com.sun.net.httpserver.HttpServer;

/**
 * The answer check itself, against a small service whose answers break its own document in the ways that matter:
 * a body that does not match its schema, an undocumented status, a wrong media type. So the check that every API
 * test runs cannot pass silently.
 */
class ApiContractTest {

    static final String DOCUMENT = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
             "paths": {"/api/things/{id}": {"get": {
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
                 "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                 "404": {"description": "none", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}}},
             "components": {"schemas": {
               "Thing": {"type": "object", "required": ["id"], "properties": {
                 "id": {"type": "string"},
                 "liftedAt": {"type": "string", "format": "date-time", "nullable": true}}},
               "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
                 "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}}}}}}
            """;

    /** Path → status, media type and body of the answer. */
    static final Map<String, String[]> ANSWERS = Map.of(
            "/api/things/good", new String[] {"200", "application/json", "{\"id\": \"a\", \"liftedAt\": null}"},
            "/api/things/lifted", new String[] {"200", "application/json", "{\"id\": \"a\", \"liftedAt\": \"2027-01-05T10:00:00+09:00\"}"},
            "/api/things/missing", new String[] {"404", "application/problem+json",
                "{\"type\": \"urn:madoguchi:problem:not-found\", \"title\": \"Not found\", \"status\": 404}"},
            "/api/things/wrong-type", new String[] {"200", "application/json", "{\"id\": 5}"},
            "/api/things/no-id", new String[] {"200", "application/json", "{\"liftedAt\": null}"},
            "/api/things/gone", new String[] {"410", "application/problem+json",
                "{\"type\": \"urn:madoguchi:problem:gone\", \"title\": \"Gone\", \"status\": 410}"},
            "/api/things/bare-problem", new String[] {"404", "application/problem+json", "{\"title\": \"Not found\"}"});

    static HttpServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String[] answer = path.equals("/q/openapi") ? new String[] {"200", "application/json", DOCUMENT}
                    : ANSWERS.getOrDefault(path, new String[] {"500", "text/plain", "?"});
            byte[] body = answer[2].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1]);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ApiContract.install(server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    @Test
    void answersAsDocumentedPass() {
        long before = ApiContract.checked();
        given().get(url("/api/things/good")).then().statusCode(200);
        given().get(url("/api/things/lifted")).then().statusCode(200);
        given().get(url("/api/things/missing")).then().statusCode(404);
        assertEquals(before + 3, ApiContract.checked());
    }

    @Test
    void aBodyThatBreaksItsSchemaFails() {
        OpenApiValidationException wrongType = assertThrows(OpenApiValidationException.class,
                () -> given().get(url("/api/things/wrong-type")));
        assertTrue(wrongType.getMessage().contains("validation.response.body.schema"), wrongType.getMessage());
        assertThrows(OpenApiValidationException.class, () -> given().get(url("/api/things/no-id")));
        assertThrows(OpenApiValidationException.class, () -> given().get(url("/api/things/bare-problem")));
    }

    @Test
    void anUndocumentedStatusFails() {
        OpenApiValidationException gone = assertThrows(OpenApiValidationException.class,
                () -> given().get(url("/api/things/gone")));
        assertTrue(gone.getMessage().contains("validation.response.status.unknown"), gone.getMessage());
    }

    @Test
    void badRequestsAreNotJudgedTheirAnswersAre() {
        // an undocumented query parameter and body: a test sending bad input on purpose still runs
        given().queryParam("unknown", "x").body("not json").get(url("/api/things/good")).then().statusCode(200);
    }
}
