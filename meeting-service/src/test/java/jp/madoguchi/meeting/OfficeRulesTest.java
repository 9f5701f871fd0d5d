package jp.madoguchi.meeting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jp.madoguchi.meeting.service.MeetingService;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/**
 * The offices' rules as meeting-service keeps them (issue 14): the office's own no-show grace, a no-show closes the
 * meeting with word of whom to phone, staff end a session under way, a refusal ends one. Sessions on fixed dates,
 * reached on the service's clock; the simulator keeps real time, for which these sessions are far ahead.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "meeting"))
class OfficeRulesTest {

    /** The join page of an ended meeting names its office, as the projection of office events holds it. */
    @BeforeAll
    static void offices() {
        Offices.seed("meeting-service");
    }

    /** A Wednesday afternoon at Hello Work Kaga, whose phone number the closed meetings give. */
    private static final OffsetDateTime START = OffsetDateTime.parse("2027-03-03T14:00:00+09:00");
    private static final String KAGA_PHONE = "0761-00-0000";
    private static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    @Inject
    MeetingService meetings;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * A reservation event of Kaga as reservation-service writes it since issue 14: with the office's no-show grace
     * once confirmed, and {@code refused} when the office cancelled because it refused the person service.
     */
    private static void reservationEvent(String type, UUID id, String state, OffsetDateTime start, Integer graceMinutes,
            boolean refused) throws Exception {
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(
                Events.reservationPayload(id, "kaga", "some-seeker", state, start));
        payload.put("noShowGraceMinutes", graceMinutes);
        if (refused) {
            payload.put("refused", true);
        }
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations", "jp.madoguchi.reservation." + type + ".v1",
                "/madoguchi/reservation-service", id.toString(), payload.toString());
    }

    /** Confirmed, with the office's grace, and its meeting provisioned. */
    private static UUID confirmed(OffsetDateTime start, int graceMinutes) throws Exception {
        UUID id = UUID.randomUUID();
        reservationEvent("ReservationConfirmed", id, "CONFIRMED", start, graceMinutes, false);
        Meetings.awaitStatus(id, "OPEN");
        return id;
    }

    private void checkNoShowsAt(OffsetDateTime when) throws Throwable {
        Meetings.at(clock, when);
        VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
    }

    private static void notChecked(UUID... ids) {
        for (UUID id : ids) {
            Meetings.staffView(id).then().statusCode(200).body("noShowAt", nullValue());
        }
    }

    private static void awaitOneNoShow(UUID id) {
        await().atMost(Meetings.WAIT).until(() -> Meetings.events(id, "NoShowDetected.v1").size() == 1);
    }

    @Test
    void theOfficesGraceDecidesWhenNobodyJoinedIsANoShow() throws Throwable {
        UUID five = confirmed(START, 5);
        UUID twenty = confirmed(START, 20);
        // an event that does not say (one written before the field existed): the configured ten minutes
        UUID unsaid = UUID.randomUUID();
        Events.reservation("ReservationConfirmed", unsaid, "kaga", "CONFIRMED", START);
        Meetings.awaitStatus(unsaid, "OPEN");

        // (the checks run on while the test moves the clock: each "not yet" keeps a minute from its deadline)
        checkNoShowsAt(START.plusMinutes(4));
        notChecked(five, twenty, unsaid);
        checkNoShowsAt(START.plusMinutes(5));
        awaitOneNoShow(five);
        notChecked(twenty, unsaid);
        checkNoShowsAt(START.plusMinutes(10));
        awaitOneNoShow(unsaid);
        checkNoShowsAt(START.plusMinutes(19));
        notChecked(twenty);
        assertEquals(0, Meetings.events(twenty, "NoShowDetected.v1").size(), "twenty minutes are the office's");
        checkNoShowsAt(START.plusMinutes(20));
        awaitOneNoShow(twenty);
        assertEquals(1, Meetings.events(five, "NoShowDetected.v1").size());
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/bookings/" + five).then().statusCode(200)
                .body("noShowGraceMinutes", equalTo(5));
    }

    /** The policy allows 1 to 30 minutes: anything else is a contract breach for an operator, not a guess. */
    @Test
    void aGraceOutsideThePolicysRangeIsParked() throws Exception {
        UUID id = UUID.randomUUID();
        // a breach of the contract: sent past the producer's check, as a faulty or forged producer would
        ObjectNode payload = (ObjectNode) new ObjectMapper().readTree(
                Events.reservationPayload(id, "kaga", "some-seeker", "CONFIRMED", START));
        payload.put("noShowGraceMinutes", 0);
        EventLog.forge(Stack.TOPIC_PREFIX + "madoguchi.reservations", id.toString(), EventLog.cloudEventHeaders(
                UUID.randomUUID().toString(), "jp.madoguchi.reservation.ReservationConfirmed.v1",
                "/madoguchi/reservation-service", id.toString()), payload.toString());
        await().atMost(Meetings.WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.of("operator"))
                .queryParam("size", 100).get("/api/operations/parked-events").then().statusCode(200)
                .body("find { it.key == '" + id + "' }.reason", equalTo("REJECTED"))
                .body("find { it.key == '" + id + "' }.error", containsString("noShowGraceMinutes")));
        Meetings.staffView(id).then().statusCode(404);
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/bookings/" + id).then().statusCode(404);
    }

    @Test
    void aNoShowClosesTheMeetingAndALateJoinerIsToldToPhoneTheOffice() throws Throwable {
        OffsetDateTime start = START.plusHours(1);
        UUID id = confirmed(start, 10);
        JsonPath access = Meetings.access(id);

        checkNoShowsAt(start.plusMinutes(10));
        awaitOneNoShow(id);
        // TeleOffice is told by the task worker, outside the transaction that found the no-show
        JsonPath closed = Meetings.awaitStatus(id, "ENDED");
        assertEquals("NO_SHOW", closed.getString("endReason"));
        await().atMost(Meetings.WAIT).until(() -> Meetings.events(id, "MeetingEnded.v1").size() == 1);

        // the person comes late, by the link of the invitation
        RestAssured.given().get(access.getString("joinUrl")).then().statusCode(410)
                .body(containsString("無断キャンセル")).body(containsString(KAGA_PHONE)).body(containsString("no-show"));
        RestAssured.given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp")
                .formParam("passcode", access.getString("passcode")).formParam("role", "SEEKER")
                .post(access.getString("joinUrl")).then().statusCode(410).body(containsString(KAGA_PHONE));
        Meetings.staffView(id).then().statusCode(200).body("participants", equalTo(List.of()));
    }

    /** Two of Kaga's sessions with their meetings: one under way, one to come. */
    private record Sessions(UUID running, String runningJoin, UUID later, String laterJoin) {
    }

    /** Confirms both, then sets the service's clock three minutes into the first. */
    private Sessions oneUnderWay(OffsetDateTime start, OffsetDateTime laterStart) throws Exception {
        UUID running = confirmed(start, 10);
        UUID later = confirmed(laterStart, 10);
        Sessions sessions = new Sessions(running, Meetings.joinUrl(running), later, Meetings.joinUrl(later));
        Meetings.at(clock, start.plusMinutes(3));
        return sessions;
    }

    @Test
    void staffOfTheOfficeEndASessionUnderWay() throws Throwable {
        Sessions sessions = oneUnderWay(START.plusHours(2), START.plusHours(3));
        UUID id = sessions.running();
        UUID later = sessions.later();
        String end = "/api/meetings/" + id + "/end";

        given().auth().oauth2(Tokens.of("counselor-kabe")).post(end).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.of("seeker-kaga")).post(end).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.of("employer-kaga")).post(end).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.of("admin-kaga")).post("/api/meetings/" + later + "/end").then().statusCode(409)
                .contentType(PROBLEM).body("type", equalTo("urn:madoguchi:problem:meeting.not-started"));

        given().auth().oauth2(Tokens.of("counselor-kaga")).post(end).then().statusCode(202)
                .body("status", equalTo("OPEN")).body("endReason", equalTo("STAFF"));
        // asked once: a second press, or a colleague's, is told it is over (also while TeleOffice is being told)
        given().auth().oauth2(Tokens.of("admin-kaga")).post(end).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:meeting.ended"));
        Meetings.awaitStatus(id, "ENDED");
        await().atMost(Meetings.WAIT).until(() -> Meetings.events(id, "MeetingEnded.v1").size() == 1);
        given().auth().oauth2(Tokens.of("counselor-kaga")).header("Accept-Language", "en").post(end).then().statusCode(409)
                .contentType(PROBLEM).body("type", equalTo("urn:madoguchi:problem:meeting.ended"))
                .body("title", containsString("ended"));
        RestAssured.given().get(sessions.runningJoin()).then().statusCode(410).body(containsString("窓口で終了"))
                .body(containsString(KAGA_PHONE));
        Meetings.staffView(later).then().statusCode(200).body("status", equalTo("OPEN"));
        assertEquals(1, Meetings.events(id, "MeetingEnded.v1").size());
    }

    /** Article 12: refusing a person service cancels their bookings; reservation-service sends refused. */
    @Test
    void aRefusalRevokesAFutureMeetingAndEndsOneUnderWay() throws Throwable {
        OffsetDateTime start = START.plusHours(4);
        Sessions sessions = oneUnderWay(start, start.plusDays(7));
        UUID running = sessions.running();
        UUID nextWeek = sessions.later();
        reservationEvent("ReservationCancelled", nextWeek, "CANCELLED", start.plusDays(7), 10, true);
        reservationEvent("ReservationCancelled", running, "CANCELLED", start, 10, true);

        Meetings.awaitStatus(nextWeek, "REVOKED");
        RestAssured.given().get(sessions.laterJoin()).then().statusCode(410).body(containsString("取り消されました"));
        JsonPath ended = Meetings.awaitStatus(running, "ENDED");
        assertEquals("CANCELLED", ended.getString("endReason"));
        RestAssured.given().get(sessions.runningJoin()).then().statusCode(410).body(containsString("窓口で終了"));
        await().atMost(Meetings.WAIT).until(() -> Meetings.events(running, "MeetingEnded.v1").size() == 1);
        assertEquals(1, Meetings.events(nextWeek, "MeetingRevoked.v1").size());
        assertEquals(0, Meetings.events(nextWeek, "MeetingEnded.v1").size());
        assertEquals(0, Meetings.events(running, "MeetingRevoked.v1").size());
    }
}
