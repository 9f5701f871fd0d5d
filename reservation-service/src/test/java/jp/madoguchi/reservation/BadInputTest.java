package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * Input as an attacker or a broken client sends it gets a problem document that says what is wrong, never a 500:
 * each case here answered 500 (or 404 for a parameter that exists) before.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";
    /** quarkus.http.limits.max-body-size, Quarkus's default (10240K). */
    private static final int LIMIT = 10 * 1024 * 1024;

    @Test
    void aQueryParameterThatDoesNotReadAsItsTypeIsNamedIn400() {
        String seeker = Tokens.of("seeker-kaga");
        String today = LocalDate.now().toString();
        given().auth().oauth2(seeker).queryParam("from", "garbage").queryParam("to", today)
                .get("/api/offices/kaga/availability").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("from"));
        // a year no calendar needs: refused, instead of overflowing the date arithmetic behind it
        given().auth().oauth2(seeker).queryParam("from", "+999999999-12-01").queryParam("to", today)
                .get("/api/offices/kaga/availability").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("from"));
        given().auth().oauth2(seeker).queryParam("from", today).queryParam("to", "2999-01-01")
                .get("/api/offices/kaga/availability").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("to"));
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "NOPE")
                .get("/api/staff/reservations").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("state"))
                .body("violations[0].message", startsWith("must be one of ["));
        // a state in lower case is still that state
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "requested")
                .get("/api/staff/reservations").then().statusCode(200);
    }

    @Test
    void aPathThatIsNoURIOnceDecodedStillGetsAProblem() {
        for (String id : new String[] {"a%20b", "%3Cscript%3E", "%5B0%5D", "%F0%9F%98%80"}) {
            given().auth().oauth2(Tokens.of("seeker-kaga")).urlEncodingEnabled(false)
                    .get("/api/reservations/" + id).then().statusCode(404).contentType(PROBLEM)
                    .body("instance", equalTo("/api/reservations/" + id));
        }
    }

    @Test
    void aMalformedAcceptLanguageFallsBackToJapanese() {
        given().header("Accept-Language", "ja;q=\"abc\"").get("/api/reservations")
                .then().statusCode(401).contentType(PROBLEM).body("title", equalTo("ログインが必要です"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).header("Accept-Language", "en;q=abc, *;q=")
                .queryParam("from", "garbage").queryParam("to", "x")
                .get("/api/offices/kaga/availability").then().statusCode(400).contentType(PROBLEM);
        // also where Hibernate Validator words the violations ("-" made its locale lookup throw: a bare 500)
        given().auth().oauth2(Tokens.of("seeker-kaga")).header("Accept-Language", "-").contentType(ContentType.JSON)
                .body("{}").post("/api/reservations").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:validation")).body("title", equalTo("入力内容に誤りがあります"));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemHoweverItIsSent() throws Exception {
        String seeker = Tokens.of("seeker-kaga");
        byte[] tooLarge = new byte[LIMIT + 1];
        Arrays.fill(tooLarge, (byte) ' ');
        // its length declared: refused before it is read (Quarkus answered an empty 413 and closed the connection)
        given().auth().oauth2(seeker).header("Accept-Language", "en").contentType(ContentType.JSON).body(tooLarge)
                .post("/api/reservations").then().statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:payload-too-large")).body("status", equalTo(413))
                .body("title", equalTo("Request too large")).body("maxBytes", equalTo(LIMIT));
        // chunked, no length: counted as it arrives (the resource answered 503 after an empty 413 was written)
        String chunked = raw("POST /api/reservations HTTP/1.1\r\nAuthorization: Bearer " + seeker
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunk(tooLarge));
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(chunked.contains("application/problem+json") && chunked.contains("リクエストが大きすぎます"), chunked);
        // a chunked body within the limit still reaches the resource, whole
        String small = raw("POST /api/reservations HTTP/1.1\r\nAuthorization: Bearer " + seeker
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n", chunk("{}".getBytes(UTF_8)));
        assertTrue(small.startsWith("HTTP/1.1 400 ") && small.contains("urn:madoguchi:problem:validation"), small);
        // Expect: 100-continue: answered at once, the body never sent
        String early = raw("POST /api/reservations HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + tooLarge.length + "\r\nExpect: 100-continue\r\n", null);
        assertTrue(early.startsWith("HTTP/1.1 413 ") && early.contains("application/problem+json"), early);
    }

    @Test
    void aCharacterTheDatabaseCannotHoldIsTheRequestsFault() {
        // U+0000 in a text: PostgreSQL refuses it (SQLSTATE 22021), which answered 500
        given().auth().oauth2(Tokens.of("seeker-kaga")).urlEncodingEnabled(false).get("/api/offices/%00")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:madoguchi:problem:bad-character"));
    }

    @Test
    void anEmptyWeeklyScheduleCanBeSaved() {
        String admin = Tokens.of("admin-kabe");
        List<Object> original = given().auth().oauth2(admin).get("/api/offices/kabe/schedule")
                .then().statusCode(200).extract().jsonPath().getList("");
        try {
            // no slots: no online bookings (the empty list made Panache throw: 500)
            given().auth().oauth2(admin).contentType(ContentType.JSON).body("[]").put("/api/offices/kabe/schedule")
                    .then().statusCode(200).body("size()", equalTo(0));
        } finally {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(original).put("/api/offices/kabe/schedule")
                    .then().statusCode(200);
        }
    }

    /** One request on a connection of its own, as bytes (no client in between): the whole answer. */
    private static String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(UTF_8));
        out.writeBytes(data);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(UTF_8));
        return out.toByteArray();
    }
}
