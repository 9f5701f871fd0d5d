package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
    }
}
