package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasLength;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** Consent given explicitly, and again by reply to a signed link after a revision. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class ReconsentTest {

    @Test
    void explicitConsentKeepsOnlyAPseudonymOfTheDevice() {
        String token = Tokens.of("seeker-kabe");
        given().auth().oauth2(token).header("X-Device-Id", "iPhone-serial-ABC123")
                .post("/api/offices/kabe/terms/kabe-2024-02-22/consent")
                .then().statusCode(201).body("method", equalTo("EXPLICIT")).body("channel", equalTo("MYPAGE"))
                .body("devicePseudonym", hasLength(64)).body("devicePseudonym", not(containsString("ABC123")));
        given().auth().oauth2(token).queryParam("officeId", "kabe").get("/api/consents/status")
                .then().statusCode(200).body("consented", equalTo(true)).body("termsVersionInForce", equalTo("kabe-2024-02-22"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/offices/kaga/terms/kaga-2022-12-12/consent")
                .then().statusCode(409).body("type", equalTo("urn:madoguchi:problem:consent.not-in-force"));
        // staff see their own office's records of a person, and only those
        String user = Tokens.claim(token, "sub");
        given().auth().oauth2(Tokens.of("counselor-kabe")).queryParam("userId", user).get("/api/staff/consents")
                .then().statusCode(200).body("size()", equalTo(1));
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("userId", user).get("/api/staff/consents")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aBookingHeldForRevisedTermsIsAnsweredOnceThroughASignedLink() {
        String token = Tokens.of("seeker2-kaga");
        String user = Tokens.claim(token, "sub");
        UUID reservation = UUID.randomUUID();
        String requestId = ReconsentLinks.request(reservation, user);

        // only the notification service's account may read the link
        given().auth().oauth2(token).get("/internal/reconsent-requests/" + requestId + "/link").then().statusCode(403);
        String path = ReconsentLinks.path(requestId);

        RestAssured.given().get(path).then().statusCode(200).body(containsString("利用規約が改訂されました"));
        RestAssured.given().get(path.substring(0, path.length() - 3) + "xyz").then().statusCode(404);
        RestAssured.given().post(path).then().statusCode(200).body(containsString("同意を受け付けました"))
                .body(containsString("ご予約はそのまま有効です")).body(containsString("your booking stands"));
        RestAssured.given().post(path).then().statusCode(409);

        given().auth().oauth2(token).get("/api/consents/mine").then().statusCode(200)
                .body("find { it.reservationId == '" + reservation + "' && it.method == 'BY_REPLY' }.channel",
                        equalTo("EMAIL_LINK"));
        await().atMost(Duration.ofSeconds(20)).until(() -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                .anyMatch(e -> e.type().endsWith("ConsentRecorded.v1") && e.data().contains("BY_REPLY")
                        && e.data().contains(reservation.toString())));
        assertEquals(1, EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                .filter(e -> e.type().endsWith("ReconsentRequested.v1") && e.data().contains(reservation.toString())).count());
    }

    /**
     * Kaga 6(4)(5): the link lives exactly as long as the office's cut-off that the reservation service sent, and a
     * click after it says the booking has lapsed and what to do now, instead of thanking the person for nothing.
     */
    @Test
    void aLateClickIsToldTheBookingHasLapsed() {
        String token = Tokens.of("seeker-kaga");
        String user = Tokens.claim(token, "sub");
        UUID reservation = UUID.randomUUID();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.SECONDS);
        String requestId = ReconsentLinks.request(reservation, user, due);
        OffsetDateTime expires = OffsetDateTime.parse(given().auth().oauth2(Tokens.service("notification-service"))
                .get("/internal/reconsent-requests/" + requestId + "/link").then().statusCode(200).extract().path("expiresAt"));
        assertTrue(due.isEqual(expires), "the link expires at the office's cut-off: " + expires);
        String path = ReconsentLinks.path(requestId);
        RestAssured.given().get(path).then().statusCode(200).body(containsString("利用規約が改訂されました"));

        clock.setTo(due.plusMinutes(1).toInstant());
        RestAssured.given().get(path).then().statusCode(409).contentType(containsString("text/html"))
                .body(containsString("ご予約は無効になりました")).body(containsString("apply again"));
        RestAssured.given().post(path).then().statusCode(409).body(containsString("ご予約は無効になりました"));
        given().auth().oauth2(token).post("/api/consents/reconsent/" + requestId)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:madoguchi:problem:reconsent.expired"));
        given().auth().oauth2(token).get("/api/consents/mine").then().statusCode(200)
                .body("findAll { it.reservationId == '" + reservation + "' }", org.hamcrest.Matchers.empty());
    }

    /**
     * Kaga 6(4): replying to the office's email is consenting. The notification service hands the reply over; it
     * counts once, and by when the office's mail server received it, not by when it was read.
     */
    @Test
    void aReplyToTheEmailIsConsentOnceAndCountsFromItsReceipt() {
        String token = Tokens.of("seeker2-kaga");
        String user = Tokens.claim(token, "sub");
        UUID reservation = UUID.randomUUID();
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.SECONDS);
        String requestId = ReconsentLinks.request(reservation, user, due);
        String reply = "{\"messageId\":\"<r1@mail.example.jp>\",\"receivedAt\":\"" + due.minusMinutes(5) + "\"}";
        String path = "/internal/reconsent-requests/" + requestId + "/replies";

        // the person may not claim a reply for themselves: only the service that read the mailbox hands one over
        given().auth().oauth2(token).contentType("application/json").body(reply).post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.service("notification-service")).contentType("application/json").body("{}")
                .post(path).then().statusCode(400).contentType("application/problem+json");

        // read from the mailbox only after the cut-off (the mailbox was away), but received before it: it counts
        clock.setTo(due.plusMinutes(30).toInstant());
        given().auth().oauth2(Tokens.service("notification-service")).contentType("application/json").body(reply)
                .post(path).then().statusCode(200).body("method", equalTo("BY_REPLY")).body("channel", equalTo("EMAIL_REPLY"))
                .body("reservationId", equalTo(reservation.toString()));
        given().auth().oauth2(Tokens.service("notification-service")).contentType("application/json").body(reply)
                .post(path).then().statusCode(409).body("type", equalTo("urn:madoguchi:problem:reconsent.already-answered"));
        given().auth().oauth2(token).get("/api/consents/mine").then().statusCode(200)
                .body("findAll { it.reservationId == '" + reservation + "' }.size()", equalTo(1));

        // a reply that reached the office after the cut-off is too late, whatever it says
        UUID late = UUID.randomUUID();
        String lateRequest = ReconsentLinks.request(late, user, due);
        given().auth().oauth2(Tokens.service("notification-service")).contentType("application/json")
                .body("{\"messageId\":\"<r2@mail.example.jp>\",\"receivedAt\":\"" + due.plusMinutes(1) + "\"}")
                .post("/internal/reconsent-requests/" + lateRequest + "/replies")
                .then().statusCode(409).body("type", equalTo("urn:madoguchi:problem:reconsent.expired"));
    }

    @jakarta.inject.Inject
    TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }
}
