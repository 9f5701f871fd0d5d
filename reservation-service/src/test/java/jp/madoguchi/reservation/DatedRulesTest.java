package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jp.madoguchi.reservation.service.LifecycleService;
import jp.madoguchi.reservation.service.OverdueWatcher;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/**
 * The offices' rules on fixed dates (June 2027, no public holidays in it), on the service's clock: every deadline
 * tells one truth, seats and counselors are counted right, and who may book is read from the identity.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class DatedRulesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESERVATIONS = Stack.TOPIC_PREFIX + "madoguchi.reservations";

    @Inject
    TestClock clock;

    @Inject
    OverdueWatcher watcher;

    @Inject
    LifecycleService lifecycle;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static OffsetDateTime jst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(JST).toOffsetDateTime();
    }

    private void at(String localDateTime) {
        clock.setTo(jst(localDateTime).toInstant());
    }

    private static OffsetDateTime endOfDay(String day) {
        return LocalDate.parse(day).atTime(23, 59, 59, 999_999_000).atZone(JST).toOffsetDateTime();
    }

    private static Response staffView(String staff, String id) {
        return given().auth().oauth2(Tokens.of(staff)).get("/api/staff/reservations/" + id);
    }

    private static void assertInstant(OffsetDateTime expected, String actual) {
        assertTrue(expected.isEqual(OffsetDateTime.parse(actual)), "expected " + expected + ", got " + actual);
    }

    private static JsonNode lastEvent(String reservationId, String type) {
        return await().atMost(WAIT).until(() -> EventLog.read(RESERVATIONS).stream()
                .filter(e -> reservationId.equals(e.key()) && e.type().equals(type))
                .reduce((a, b) -> b).map(e -> {
                    try {
                        return JSON.readTree(e.data());
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }).orElse(null), n -> n != null);
    }

    private static void publishTerms(String office, String version) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.terms", "jp.madoguchi.consent.TermsRevised.v1",
                "/madoguchi/consent-service", office, Events.termsRevisedPayload(office, version, LocalDate.now(JST)));
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX),
                Stack.TOPIC_PREFIX + "madoguchi.terms", WAIT);
    }

    private static void publishConsent(String userId, String office, String version) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1",
                "/madoguchi/consent-service", userId, Events.consentRecordedPayload(userId, office, version, "EXPLICIT"));
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX),
                Stack.TOPIC_PREFIX + "madoguchi.consents", WAIT);
    }

    private static Response followUp(String staff, String parent, OffsetDateTime start, String delivery) {
        return given().auth().oauth2(Tokens.of(staff)).contentType(ContentType.JSON)
                .body(Map.of("slotStart", start.toString(), "detailDelivery", delivery))
                .post("/api/staff/reservations/" + parent + "/follow-ups");
    }

    /**
     * Kaga answers within two business days, but a session must be confirmed two business days ahead: applied on
     * Thursday for Monday, the answer is due that Thursday, and a request still unanswered at midnight expires (and
     * the person is told) instead of being reminded "please phone us" after it can no longer happen.
     */
    @Test
    void aRequestThatCanNoLongerBeConfirmedInTimeExpires() throws Throwable {
        at("2027-06-03T10:00");
        String id = Booking.requested("seeker-kaga", "kaga", jst("2027-06-07T10:00"));
        Response view = given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + id);
        view.then().statusCode(200).body("state", equalTo("REQUESTED"));
        assertInstant(endOfDay("2027-06-03"), view.path("responseDueAt"));
        assertInstant(endOfDay("2027-06-03"), view.path("confirmBy"));

        VertxContextSupport.subscribeAndAwait(() -> watcher.expireLapsed());
        staffView("counselor-kaga", id).then().body("state", equalTo("REQUESTED"));

        at("2027-06-04T00:00:30");
        VertxContextSupport.subscribeAndAwait(() -> watcher.flagOverdue());
        VertxContextSupport.subscribeAndAwait(() -> watcher.expireLapsed());
        staffView("counselor-kaga", id).then().statusCode(200).body("state", equalTo("EXPIRED")).body("overdue", equalTo(false));
        assertEquals("EXPIRED", lastEvent(id, "jp.madoguchi.reservation.ReservationExpired.v1").path("state").asText());
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.illegal-transition"));
    }

    /**
     * Kaga 6(4)(5): the re-consent cut-off (end of the day before the session) is computed once, carried in the
     * event that asks for consent (the consent service's link and the email print this very instant), and enforced
     * at that instant.
     */
    @Test
    void theReconsentDeadlineIsComputedOnceAndTravelsInTheEvent() throws Throwable {
        publishTerms("kaga", "kaga-dated-baseline-" + UUID.randomUUID());
        at("2027-06-02T10:00");
        String id = Booking.requested("seeker-kaga", "kaga", jst("2027-06-07T11:00"));
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);

        publishTerms("kaga", "kaga-dated-" + UUID.randomUUID());
        staffView("counselor-kaga", id).then().body("state", equalTo("AWAITING_RECONSENT"));
        JsonNode event = lastEvent(id, "jp.madoguchi.reservation.ReservationAwaitingReconsent.v1");
        assertInstant(endOfDay("2027-06-06"), event.path("reconsentDueAt").asText());
        assertInstant(endOfDay("2027-06-06"), staffView("counselor-kaga", id).path("reconsentDueAt"));

        at("2027-06-06T23:59");
        VertxContextSupport.subscribeAndAwait(() -> lifecycle.voidUnanswered());
        staffView("counselor-kaga", id).then().body("state", equalTo("AWAITING_RECONSENT"));
        at("2027-06-07T00:00:30");
        VertxContextSupport.subscribeAndAwait(() -> lifecycle.voidUnanswered());
        staffView("counselor-kaga", id).then().body("state", equalTo("VOID"));
    }

    /** Kabe's terms say nothing of re-consent: a revision leaves its bookings as they are. */
    @Test
    void aRevisionAtKabeLeavesBookingsStanding() {
        // a version already in force, so the next one is a revision (the first one heard of is none)
        publishTerms("kabe", "kabe-dated-baseline-" + UUID.randomUUID());
        at("2027-06-02T10:00");
        String id = Booking.requested("seeker-kabe", "kabe", jst("2027-06-11T10:00"));
        Booking.confirm("counselor-kabe", id, null, null).then().statusCode(200);
        publishTerms("kabe", "kabe-dated-" + UUID.randomUUID());
        staffView("counselor-kabe", id).then().statusCode(200).body("state", equalTo("CONFIRMED"));
    }

    /**
     * One counselor, one consultation at a time, for overlapping times too: during an ad-hoc session 10:07–10:37 its
     * counselor cannot book the 10:30 slot for themself, and the database refuses such an overlap whatever the path.
     */
    @Test
    void overlappingTimesOfOneCounselorAreRefusedWhateverThePath() throws Exception {
        String employer = Tokens.claim(Tokens.of("employer-kaga"), "sub");
        String version = "kaga-overlap-" + UUID.randomUUID();
        publishTerms("kaga", version);
        publishConsent(employer, "kaga", version);
        at("2027-06-14T10:07");
        Map<String, Object> body = new HashMap<>(Map.of("userId", employer, "userKind", "EMPLOYER", "codeDelivery", "MYPAGE"));
        String adHoc = given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(body)
                .post("/api/staff/reservations/ad-hoc").then().statusCode(201).extract().path("id");

        followUp("counselor-kaga", adHoc, jst("2027-06-14T10:30"), "EMAIL").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:counselor.busy"));
        followUp("counselor-kaga", adHoc, jst("2027-06-14T11:00"), "EMAIL").then().statusCode(201)
                .body("state", equalTo("CONFIRMED"));

        // straight into the database: the exclusion constraint still says no
        String counselor = Tokens.claim(Tokens.of("counselor-kaga"), "sub");
        try (Connection c = DriverManager.getConnection(Stack.get().jdbcUrl("reservation_test"), "reservation",
                Stack.get().secrets().dbPassword("reservation")); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.executeUpdate("""
                    insert into reservation (id, office_id, user_id, user_kind, kind, state, slot_start, slot_end, counselor_id,
                        created_at, version)
                    values ('%s', 'kaga', 'someone', 'SEEKER', 'REGULAR', 'CONFIRMED', '2027-06-14T10:20:00+09:00',
                        '2027-06-14T10:50:00+09:00', '%s', now(), 0)""".formatted(UUID.randomUUID(), counselor)));
            assertTrue(refused.getMessage().contains("reservation_counselor_busy"), refused.getMessage());
        }
    }

    /** A booking is given to a counselor of its own office only: a Kaga counselor cannot make Kabe's busy, or vice versa. */
    @Test
    void aBookingGoesToACounselorOfItsOfficeOnly() {
        // Kabe's counselor works at Kabe, so is on Kabe's roster
        at("2027-06-02T10:00");
        String kabe = Booking.requested("seeker-kabe", "kabe", jst("2027-06-16T14:00"));
        Booking.confirm("counselor-kabe", kabe, null, null).then().statusCode(200);

        String kaga = Booking.requested("seeker2-kaga", "kaga", jst("2027-06-08T10:00"));
        String kabeCounselor = Tokens.claim(Tokens.of("counselor-kabe"), "sub");
        Booking.confirm("counselor-kaga", kaga, null, kabeCounselor).then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:counselor.not-of-office"));
        Booking.confirm("counselor-kaga", kaga, null, "made-up-" + UUID.randomUUID()).then().statusCode(422);
        given().auth().oauth2(Tokens.of("admin-kaga")).queryParam("size", 100).get("/api/staff/counselors").then().statusCode(200)
                .body("userId", not(hasItem(kabeCounselor)));

        // the admin puts a colleague on the roster before their first day: then they can be given bookings
        String colleague = Tokens.claim(Tokens.of("admin-kaga"), "sub");
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("name", "加賀 所長"))
                .put("/api/staff/counselors/" + colleague).then().statusCode(403);
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(Map.of("name", "加賀 所長"))
                .put("/api/staff/counselors/" + colleague).then().statusCode(200).body("name", equalTo("加賀 所長"));
        Booking.confirm("counselor-kaga", kaga, null, colleague).then().statusCode(200).body("counselorId", equalTo(colleague));
    }

    /** Kabe takes its own registered seekers only; the office of registration is read from the seeker number. */
    @Test
    void kabeTakesSeekersRegisteredAtKabeOnly() {
        at("2027-06-02T10:00");
        Booking.apply("seeker-kaga", "kabe", jst("2027-06-16T14:30")).then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.registered-elsewhere"))
                .body("officePhone", not(equalTo(null)));
        Booking.apply("seeker-kabe", "kabe", jst("2027-06-16T14:30")).then().statusCode(201);
    }

    /** Sessions can be asked for up to the office's horizon (60 days), and availability offers nothing beyond it. */
    @Test
    void preferredStartsBeyondTheHorizonAreRefused() {
        at("2027-06-02T10:00");
        Booking.apply("seeker-kaga", "kaga", jst("2027-08-13T10:00")).then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.beyond-horizon"))
                .body("lastBookableDate", equalTo("2027-08-01"));
        List<String> starts = given().auth().oauth2(Tokens.of("seeker-kaga")).queryParam("from", "2027-07-20")
                .queryParam("to", "2027-08-20").get("/api/offices/kaga/availability")
                .then().statusCode(200).extract().jsonPath().getList("start");
        assertTrue(!starts.isEmpty() && starts.stream().allMatch(s -> !OffsetDateTime.parse(s).isAfter(jst("2027-08-01T23:59"))),
                starts.toString());
    }

    /** Refusing service (article 12) cancels the person's bookings at the office that have not ended; they are told. */
    @Test
    void aRefusalCancelsThePersonsOpenBookings() {
        at("2027-06-02T10:00");
        String confirmed = Booking.requested("seeker2-kaga", "kaga", jst("2027-06-09T13:30"));
        Booking.confirm("counselor-kaga", confirmed, null, null).then().statusCode(200);
        String requested = Booking.requested("seeker2-kaga", "kaga", jst("2027-06-10T13:30"));
        String user = Tokens.claim(Tokens.of("seeker2-kaga"), "sub");
        String restriction = given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("userId", user, "reason", "相談以外の目的での利用")).post("/api/staff/restrictions")
                .then().statusCode(201).extract().path("id");
        try {
            for (String id : List.of(confirmed, requested)) {
                staffView("counselor-kaga", id).then().body("state", equalTo("CANCELLED")).body("cancelChannel", equalTo("REFUSAL"));
                JsonNode cancelled = lastEvent(id, "jp.madoguchi.reservation.ReservationCancelled.v1");
                assertTrue(cancelled.path("refused").asBoolean() && cancelled.path("cancelChannel").isNull(), cancelled.toString());
            }
            Booking.apply("seeker2-kaga", "kaga", jst("2027-06-11T13:30")).then().statusCode(403)
                    .body("type", equalTo("urn:madoguchi:problem:reservation.refused"));
        } finally {
            given().auth().oauth2(Tokens.of("counselor-kaga")).delete("/api/staff/restrictions/" + restriction).then().statusCode(200);
        }
    }

    /**
     * A no-show "may" lead to refusal (6(7)): where the office reviews, the person is not suspended, the no-show waits
     * in the review queue, and staff decide; a refusal then cancels what the person booked meanwhile.
     */
    @Test
    void aNoShowGoesToTheOfficesReviewWhereItsPolicySaysSo() {
        at("2027-06-02T10:00");
        String id = Booking.requested("seeker-kaga", "kaga", jst("2027-06-09T14:00"));
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.meetings", "jp.madoguchi.meeting.NoShowDetected.v1",
                "/madoguchi/meeting-service", id, Events.meetingPayload(id, "kaga", "OPEN"));
        await().atMost(WAIT).untilAsserted(() -> staffView("counselor-kaga", id).then().body("state", equalTo("NO_SHOW")));
        staffView("counselor-kaga", id).then().body("noShowOutcome", equalTo("REVIEW"));
        assertEquals("REVIEW", lastEvent(id, "jp.madoguchi.reservation.ReservationNoShow.v1").path("noShowOutcome").asText());

        // not suspended: the person can still apply while staff look into it
        String meanwhile = Booking.requested("seeker-kaga", "kaga", jst("2027-06-10T14:00"));
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("size", 100).get("/api/staff/reservations/no-show-reviews")
                .then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(Tokens.of("counselor-kabe")).queryParam("size", 100).get("/api/staff/reservations/no-show-reviews")
                .then().statusCode(200).body("id", not(hasItem(id)));

        Response decided = given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("decision", "REFUSE", "note", "2回目の無断欠席")).post("/api/staff/reservations/" + id + "/no-show-review");
        String user = Tokens.claim(Tokens.of("seeker-kaga"), "sub");
        try {
            decided.then().statusCode(200);
            given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("decision", "EXCUSE"))
                    .post("/api/staff/reservations/" + id + "/no-show-review").then().statusCode(409);
            staffView("counselor-kaga", meanwhile).then().body("state", equalTo("CANCELLED"));
            Booking.apply("seeker-kaga", "kaga", jst("2027-06-11T14:00")).then().statusCode(403)
                    .body("type", equalTo("urn:madoguchi:problem:reservation.refused"));
        } finally {
            String restriction = given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("size", 100)
                    .get("/api/staff/restrictions").then().extract().path("find { it.userId == '" + user + "' }.id");
            if (restriction != null) {
                given().auth().oauth2(Tokens.of("counselor-kaga")).delete("/api/staff/restrictions/" + restriction);
            }
        }
    }

    /**
     * Follow-ups (Kaga 6(6), Kabe 6(4)) are booked from a consultation under way or just ended, by its counselor, with
     * the details going by a channel the office uses for them: Kabe sends them by email only.
     */
    @Test
    void aFollowUpComesFromTheConsultationUnderWayByItsCounselor() {
        at("2027-06-02T10:00");
        String parent = Booking.requested("seeker-kabe", "kabe", jst("2027-06-09T14:00"));
        Booking.confirm("counselor-kabe", parent, null, null).then().statusCode(200);
        OffsetDateTime next = jst("2027-06-11T10:30");

        followUp("counselor-kabe", parent, next, "EMAIL").then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:reservation.follow-up-needs-consultation"));
        at("2027-06-09T14:05");
        followUp("admin-kabe", parent, next, "EMAIL").then().statusCode(403)
                .body("type", equalTo("urn:madoguchi:problem:reservation.follow-up-not-counselor"));
        followUp("counselor-kabe", parent, next, "PHONE").then().statusCode(422)
                .body("type", equalTo("urn:madoguchi:problem:reservation.follow-up-channel"));
        followUp("counselor-kabe", parent, next, "EMAIL").then().statusCode(201).body("kind", equalTo("FOLLOW_UP"));
        at("2027-06-09T15:40");
        followUp("counselor-kabe", parent, jst("2027-06-11T11:00"), "EMAIL").then().statusCode(409);
    }
}
