package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class ReservationResourceTest {

    @org.junit.jupiter.api.BeforeEach
    void generousLimits() {
        jp.madoguchi.reservation.support.Booking.ensureGenerousLimits();
    }

    private static final String PROBLEM_JSON = "application/problem+json";

    private Map<String, Object> application(String seekerNumber, String email) {
        Map<String, Object> body = new HashMap<>(Booking.application("kaga", seekerNumber, Booking.slot("kaga", 0, 0)));
        body.put("email", email);
        return body;
    }

    private static String seekerNumberOf(String token) {
        return Tokens.claim(token, "seeker_number");
    }

    @Test
    void applyingWithoutATokenIsUnauthorizedWithAProblemDocument() {
        given().contentType(ContentType.JSON).body(application("17010-12345671", "a@example.jp"))
                .post("/api/reservations")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("status", equalTo(401))
                .body("type", equalTo("urn:madoguchi:problem:unauthenticated"));
    }

    @Test
    void staffCannotApplyAsASeeker() {
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(application("17010-12345671", "a@example.jp"))
                .post("/api/reservations")
                .then().statusCode(403).contentType(PROBLEM_JSON).body("status", equalTo(403));
    }

    @Test
    void aSeekerAppliesAndTheRequestIsPublishedWithoutPersonalDetails() {
        String token = Tokens.of("seeker-kaga");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(application(seekerNumberOf(token), "taro@example.jp"))
                .post("/api/reservations")
                .then().statusCode(201)
                .header("Location", containsString("/api/reservations/"))
                .body("state", equalTo("REQUESTED"))
                .body("officeId", equalTo("kaga"))
                .extract().path("id");

        given().auth().oauth2(token).queryParam("size", 100).get("/api/reservations")
                .then().statusCode(200).body("id", hasItem(id));

        List<EventLog.Event> events = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream()
                        .filter(e -> id.equals(e.key())).toList(),
                list -> !list.isEmpty());
        assertEquals(1, events.size(), "one state change, one event");
        EventLog.Event e = events.get(0);
        assertEquals("jp.madoguchi.reservation.ReservationRequested.v1", e.type());
        assertEquals(id, e.subject());
        assertFalse(e.data().contains("taro@example.jp"));
        assertFalse(e.data().contains("加賀 太郎"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        Map<String, Object> body = application("not-a-number", "not-an-email");
        body.remove("phone");
        given().auth().oauth2(Tokens.of("seeker-kaga")).contentType(ContentType.JSON).body(body)
                .post("/api/reservations")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("title", equalTo("入力内容に誤りがあります"))
                .body("violations.field", equalTo(List.of("email", "phone", "seekerNumber")));
        body.put("preferredStarts", List.of());
        given().auth().oauth2(Tokens.of("seeker-kaga")).contentType(ContentType.JSON).body(body)
                .post("/api/reservations")
                .then().statusCode(400).body("violations.field", hasItem("preferredStarts"));
    }

    @Test
    void problemsAreInEnglishWhenAskedFor() {
        given().auth().oauth2(Tokens.of("seeker-kaga")).header("Accept-Language", "en")
                .contentType(ContentType.JSON).body("{\"officeId\": ")
                .post("/api/reservations")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("title", equalTo("Malformed request"));
    }

    @Test
    void oneMayNotApplyUnderAnotherSeekersNumber() {
        String other = seekerNumberOf(Tokens.of("seeker2-kaga"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).contentType(ContentType.JSON)
                .body(application(other, "x@example.jp"))
                .post("/api/reservations")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.seeker-number-mismatch"));
    }

    @Test
    void anUnknownOfficeIsUnprocessable() {
        String token = Tokens.of("seeker-kaga");
        Map<String, Object> body = application(seekerNumberOf(token), "x@example.jp");
        body.put("officeId", "nowhere");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/reservations")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("detail", containsString("nowhere"));
    }

    @Test
    void anotherSeekersReservationIsNotFoundAndItsContactOnlyForServices() {
        String token = Tokens.of("seeker-kaga");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(application(seekerNumberOf(token), "mine@example.jp"))
                .post("/api/reservations").then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.of("seeker2-kaga")).get("/api/reservations/" + id)
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(token).get("/internal/reservations/" + id + "/contact")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.service("notification-service")).get("/internal/reservations/" + id + "/contact")
                .then().statusCode(200).body("email", equalTo("mine@example.jp"))
                .body("userId", equalTo(Tokens.claim(token, "sub")));
    }

    @Test
    void healthOpenApiAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/reservations'.post", notNullValue());
        given().get("/q/metrics").then().statusCode(200);
    }
}
