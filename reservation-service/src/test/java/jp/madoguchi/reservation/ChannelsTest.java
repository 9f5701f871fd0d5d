package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jp.madoguchi.reservation.policy.BusinessCalendar;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** Issue 15: applications taken by phone or at the counter, and the mails people send to an office's mailbox. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class ChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "notification-service";

    @Inject
    TestClock clock;

    @BeforeEach
    void limits() {
        Booking.ensureGenerousLimits();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Map<String, Object> entry(String channel, String seekerNumber, String email, OffsetDateTime... starts) {
        Map<String, Object> body = new HashMap<>();
        body.put("channel", channel);
        body.put("name", "窓口 次郎");
        if (seekerNumber != null) {
            body.put("seekerNumber", seekerNumber);
        }
        body.put("preferredStarts", List.of(starts).stream().map(OffsetDateTime::toString).toList());
        if (email != null) {
            body.put("email", email);
        }
        body.put("phone", "090-0000-1234");
        body.put("counselorName", "安佐");
        return body;
    }

    private static Response enter(String staff, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.of(staff)).contentType(ContentType.JSON).body(body).post("/api/staff/reservations");
    }

    private static Response mail(String office, String messageId, String seekerNumber, String email, OffsetDateTime... starts) {
        Map<String, Object> body = new HashMap<>();
        body.put("messageId", messageId);
        body.put("name", "窓口 次郎");
        body.put("seekerNumber", seekerNumber);
        body.put("preferredStarts", List.of(starts).stream().map(OffsetDateTime::toString).toList());
        body.put("email", email);
        body.put("phone", "090-0000-1234");
        body.put("counselorName", "安佐");
        return given().auth().oauth2(Tokens.service(SERVICE)).contentType(ContentType.JSON).body(body)
                .post("/internal/offices/" + office + "/application-mails");
    }

    private static Response cancelByMail(String id, String sender, String messageId) {
        return given().auth().oauth2(Tokens.service(SERVICE)).contentType(ContentType.JSON)
                .body(Map.of("sender", sender, "messageId", messageId))
                .post("/internal/reservations/" + id + "/cancellation");
    }

    private static List<EventLog.Event> events(String id) {
        return EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream().filter(e -> id.equals(e.key())).toList();
    }

    private static JsonNode payload(String id, String type) {
        EventLog.Event e = events(id).stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
        try {
            return JSON.readTree(e.data());
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static String number(String office) {
        // a number nobody in the identity provider holds: the person has no My Page account
        String code = "kaga".equals(office) ? "17010" : "34060";
        return code + "-" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 90_000_000L) + 10_000_000L);
    }

    @Test
    void aPhoneApplicationAtKagaFollowsTheOnlineRulesForSomeoneWithoutAnAccount() {
        String seeker = number("kaga");
        String id = enter("counselor-kaga", entry("PHONE", seeker, "jiro@example.jp", Booking.slot("kaga", 0, 12)))
                .then().statusCode(201).body("state", equalTo("REQUESTED")).body("seekerNumber", equalTo(seeker))
                .body("userId", startsWith("offline:kaga:")).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id).isEmpty());
        JsonNode requested = payload(id, "jp.madoguchi.reservation.ReservationRequested.v1");
        assertEquals("PHONE", requested.get("channel").asText());
        assertEquals(false, requested.get("awaitingApplicationMail").asBoolean());
        // the same person called again is the same person: the id is stable
        String again = enter("counselor-kaga", entry("PHONE", seeker, "jiro@example.jp", Booking.slot("kaga", 0, 13)))
                .then().statusCode(201).extract().path("userId");
        assertEquals(given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/reservations/" + id)
                .then().extract().path("userId"), again);
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/staff/reservations/" + id).then().statusCode(404);

        // the lead time is the online one
        LocalDate tooSoon = new BusinessCalendar(Set.of()).businessDaysAfter(LocalDate.now(JST), 1);
        enter("counselor-kaga", entry("PHONE", seeker, "jiro@example.jp", tooSoon.atTime(10, 0).atZone(JST).toOffsetDateTime()))
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.too-late"));
        // Kaga takes no application without the contact email
        enter("counselor-kaga", entry("COUNTER", seeker, null, Booking.slot("kaga", 0, 14)))
                .then().statusCode(422).body("type", equalTo("urn:madoguchi:problem:reservation.email-required"));
        // the seeker's own account holds the number: the booking is theirs and shows on their My Page
        String own = enter("counselor-kaga", entry("COUNTER", Tokens.claim(Tokens.of("seeker-kaga"), "seeker_number"),
                "taro@example.jp", Booking.slot("kaga", 0, 15))).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + own).then().statusCode(200);
    }

    @Test
    void aKabeCounselorEntersNothingForKagaAndOthersMayNotEnterAtAll() {
        // the office is the caller's own: the entry lands at Kabe, where a Kaga number was not given
        enter("counselor-kabe", entry("PHONE", number("kaga"), "jiro@example.jp", Booking.slot("kaga", 0, 12)))
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.registered-elsewhere"));
        enter("seeker-kaga", entry("PHONE", number("kaga"), "jiro@example.jp", Booking.slot("kaga", 0, 12)))
                .then().statusCode(403);
        Map<String, Object> online = entry("ONLINE", number("kaga"), "jiro@example.jp", Booking.slot("kaga", 0, 12));
        enter("counselor-kaga", online).then().statusCode(400);
    }

    @Test
    void aKabeCounterEntryAwaitsTheApplicationMailWhichConfirmsIt() {
        String seeker = number("kabe");
        OffsetDateTime start = Booking.slot("kabe", 0, 5);
        String id = enter("counselor-kabe", entry("COUNTER", seeker, null, start))
                .then().statusCode(201).body("state", equalTo("REQUESTED")).body("email", nullValue())
                .body("channel", equalTo("COUNTER")).body("awaitingApplicationMail", equalTo(true))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id).isEmpty());
        JsonNode requested = payload(id, "jp.madoguchi.reservation.ReservationRequested.v1");
        assertEquals("COUNTER", requested.get("channel").asText());
        assertEquals(true, requested.get("awaitingApplicationMail").asBoolean());
        // staff cannot confirm it before the person's own mail
        Booking.confirm("counselor-kabe", id, null, null).then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:reservation.awaiting-application-mail"));
        given().auth().oauth2(Tokens.of("seeker-kabe")).contentType(ContentType.JSON).body(Map.of())
                .post("/internal/offices/kabe/application-mails").then().statusCode(403);

        String messageId = "<" + UUID.randomUUID() + "@example.jp>";
        mail("kabe", messageId, seeker, "jiro@example.jp", start).then().statusCode(200)
                .body("reservationId", equalTo(id)).body("outcome", equalTo("COMPLETED")).body("state", equalTo("CONFIRMED"));
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/staff/reservations/" + id).then().statusCode(200)
                .body("state", equalTo("CONFIRMED")).body("email", equalTo("jiro@example.jp"))
                .body("awaitingApplicationMail", equalTo(false));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(id).size() == 2);
        assertEquals(false, payload(id, "jp.madoguchi.reservation.ReservationConfirmed.v1").get("awaitingApplicationMail").asBoolean());

        // the same mail handed over again answers the same and changes nothing
        mail("kabe", messageId, seeker, "other@example.jp", start).then().statusCode(200)
                .body("reservationId", equalTo(id)).body("outcome", equalTo("COMPLETED"));
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/staff/reservations/" + id).then()
                .body("email", equalTo("jiro@example.jp"));
        // Kabe takes cancellations by phone only
        cancelByMail(id, "jiro@example.jp", "<" + UUID.randomUUID() + "@example.jp>").then().statusCode(409)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:madoguchi:problem:reservation.cancel-by-phone"))
                .body("officePhone", equalTo("082-000-0000"));
    }

    @Test
    void anApplicationMailWithNoTentativeBookingIsARequestOfItsOwnOnce() {
        String seeker = number("kabe");
        String messageId = "<" + UUID.randomUUID() + "@example.jp>";
        String id = mail("kabe", messageId, seeker, "hanako@example.jp", Booking.slot("kabe", 0, 6)).then().statusCode(200)
                .body("outcome", equalTo("NEW_REQUEST")).body("state", equalTo("REQUESTED")).extract().path("reservationId");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(id).isEmpty());
        assertEquals("EMAIL", payload(id, "jp.madoguchi.reservation.ReservationRequested.v1").get("channel").asText());
        mail("kabe", messageId, seeker, "hanako@example.jp", Booking.slot("kabe", 0, 6)).then().statusCode(200)
                .body("reservationId", equalTo(id)).body("outcome", equalTo("NEW_REQUEST"));
        // give a second event, were there one, time to be relayed
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
        assertEquals(1, events(id).size());
        given().auth().oauth2(Tokens.of("counselor-kabe")).queryParam("state", "REQUESTED").queryParam("size", 100)
                .get("/api/staff/reservations").then().statusCode(200)
                .body("findAll { it.seekerNumber == '" + seeker + "' }.size()", equalTo(1));
        // Kaga takes no application by mail
        mail("kaga", "<" + UUID.randomUUID() + "@example.jp>", number("kaga"), "hanako@example.jp", Booking.slot("kaga", 0, 12))
                .then().statusCode(409).body("type", equalTo("urn:madoguchi:problem:office.no-application-mail"));
    }

    @Test
    void kagaTakesMailCancellationsFromTheApplicantUntilTheDayBefore() {
        OffsetDateTime start = Booking.slot("kaga", 0, 16);
        String id = Booking.requested("seeker-kaga", "kaga", start);
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        cancelByMail(id, "someone@example.jp", "<" + UUID.randomUUID() + "@example.jp>").then().statusCode(403)
                .contentType(PROBLEM_JSON).body("type", equalTo("urn:madoguchi:problem:reservation.not-the-applicant"));
        // on the day of the consultation: by phone only
        OffsetDateTime morning = start.atZoneSameInstant(JST).toLocalDate().atTime(8, 0).atZone(JST).toOffsetDateTime();
        clock.advance(Duration.between(OffsetDateTime.now(), morning));
        cancelByMail(id, "Taro@Example.jp", "<" + UUID.randomUUID() + "@example.jp>").then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:reservation.cancel-same-day-by-phone"))
                .body("officePhone", equalTo("0761-00-0000"));
        // the day before, the mail cancels it, once
        clock.reset();
        clock.advance(Duration.between(OffsetDateTime.now(), morning.minusDays(1)));
        String messageId = "<" + UUID.randomUUID() + "@example.jp>";
        cancelByMail(id, "Taro@Example.jp", messageId).then().statusCode(200)
                .body("reservationId", equalTo(id)).body("outcome", equalTo("CANCELLED")).body("state", equalTo("CANCELLED"));
        cancelByMail(id, "Taro@Example.jp", messageId).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + id).then().body("state", equalTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events(id).size() == 3);
        assertEquals("EMAIL", payload(id, "jp.madoguchi.reservation.ReservationCancelled.v1").get("cancelChannel").asText());
        given().auth().oauth2(Tokens.of("seeker-kaga")).contentType(ContentType.JSON)
                .body(Map.of("sender", "taro@example.jp", "messageId", "x"))
                .post("/internal/reservations/" + id + "/cancellation").then().statusCode(403);
    }
}
