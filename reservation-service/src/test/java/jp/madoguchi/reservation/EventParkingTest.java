package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.Databases;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Metrics;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * Nothing a consumer receives is dropped: a failure that passes (the database refusing connections) is waited out
 * and the event handled once; a record that cannot succeed, or that its topic's owner did not send, is parked,
 * changes nothing, and is shown to operators, who replay (once) or discard it.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class EventParkingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String MEETINGS = Stack.TOPIC_PREFIX + "madoguchi.meetings";
    private static final String GROUP = ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX);
    private static final String MEETING_SERVICE = "/madoguchi/meeting-service";
    private static final String PARKED = "/api/operations/parked-events";

    private static String confirmed(String user, int day) {
        String id = Booking.requested(user, "kaga", Booking.slot("kaga", day, 0));
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        return id;
    }

    private static String meetingEvent(String type, String reservationId) {
        return EventLog.publish(MEETINGS, "jp.madoguchi.meeting." + type + ".v1", MEETING_SERVICE, reservationId,
                Events.meetingPayload(reservationId, "kaga", type.equals("MeetingEnded") ? "ENDED" : "OPEN"));
    }

    private static void awaitState(String user, String id, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.of(user)).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    private static String operator() {
        return Tokens.of("operator");
    }

    /** The parked row of an event (by its ce_id), waiting until the consumer has parked it. */
    private static Map<String, Object> parked(String eventId) {
        return await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> items = given().auth().oauth2(operator())
                    .queryParam("status", "ALL").queryParam("size", 100)
                    .get(PARKED).then().statusCode(200).extract().path("$");
            return items.stream().filter(i -> eventId.equals(i.get("eventId"))).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void forgedAndUnreadableRecordsAreParkedChangeNothingAndOnlyOperatorsSeeThem() {
        String id = confirmed("seeker-kaga", 20);

        // a no-show "from" the reservation service, a cancellation on the meetings topic, a value that is not JSON
        String forgedSource = UUID.randomUUID().toString();
        EventLog.forge(MEETINGS, id, EventLog.cloudEventHeaders(forgedSource, "jp.madoguchi.meeting.NoShowDetected.v1",
                "/madoguchi/reservation-service", id), Events.meetingPayload(id, "kaga", "OPEN"));
        String foreignType = UUID.randomUUID().toString();
        EventLog.forge(MEETINGS, id, EventLog.cloudEventHeaders(foreignType, "jp.madoguchi.reservation.ReservationCancelled.v1",
                MEETING_SERVICE, id), Events.reservationPayload(UUID.fromString(id), "kaga", "some-seeker", "CANCELLED",
                Booking.slot("kaga", 20, 0)));
        String unreadable = UUID.randomUUID().toString();
        EventLog.forge(MEETINGS, id, EventLog.cloudEventHeaders(unreadable, "jp.madoguchi.meeting.NoShowDetected.v1",
                MEETING_SERVICE, id), "{not json");
        EventLog.awaitTopicConsumed(GROUP, MEETINGS, WAIT);

        Map<String, Object> source = parked(forgedSource);
        assertEquals("NOT_FROM_OWNER", source.get("reason"));
        assertEquals("PARKED", source.get("status"));
        assertTrue(((String) source.get("error")).contains("not the owner"), (String) source.get("error"));
        assertEquals("NOT_FROM_OWNER", parked(foreignType).get("reason"));
        assertEquals("UNREADABLE", parked(unreadable).get("reason"));
        awaitState("seeker-kaga", id, "CONFIRMED");

        // one record in full, as it arrived
        given().auth().oauth2(operator()).get(PARKED + "/" + source.get("id")).then().statusCode(200)
                .body("topic", equalTo(MEETINGS)).body("key", equalTo(id))
                .body("headers", org.hamcrest.Matchers.containsString("/madoguchi/reservation-service"))
                .body("payload", org.hamcrest.Matchers.containsString(id));

        // replaying a forged record checks it again: still not believed, still parked, still nothing changed
        given().auth().oauth2(operator()).post(PARKED + "/" + source.get("id") + "/replay").then().statusCode(409)
                .contentType(Booking.PROBLEM_JSON).body("type", equalTo("urn:madoguchi:problem:parked-event.still-failing"));
        given().auth().oauth2(operator()).get(PARKED + "/" + source.get("id")).then().body("status", equalTo("PARKED"));
        awaitState("seeker-kaga", id, "CONFIRMED");

        // discarded with a reason, which is kept; a second discard is refused
        String discarded = (String) parked(unreadable).get("id");
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("reason", "garbage from a test producer"))
                .post(PARKED + "/" + discarded + "/discard").then().statusCode(200)
                .body("status", equalTo("DISCARDED")).body("discardReason", equalTo("garbage from a test producer"))
                .body("resolvedBy", equalTo(Tokens.claim(operator(), "sub")));
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post(PARKED + "/" + discarded + "/discard").then().statusCode(409);
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(PARKED + "/" + source.get("id") + "/discard").then().statusCode(400);

        // paged like every list (X-Total-Count, Link) and bounded
        jp.madoguchi.testing.Pages.rejectsBadParameters(() -> given().auth().oauth2(operator()), PARKED + "?status=ALL");
        jp.madoguchi.testing.Pages.walk(() -> given().auth().oauth2(operator()), PARKED + "?status=ALL", 2, "id");

        // operators only
        given().auth().oauth2(Tokens.of("counselor-kaga")).get(PARKED).then().statusCode(403);
        given().auth().oauth2(Tokens.of("admin-kaga")).post(PARKED + "/" + source.get("id") + "/replay").then().statusCode(403);
        given().get(PARKED).then().statusCode(401);

        String metrics = metrics();
        assertTrue(Metrics.value(metrics, "madoguchi_inbox_parked_total", "consumer=\"reservation-service\"",
                "reason=\"NOT_FROM_OWNER\"") >= 2, metrics);
        assertTrue(Metrics.value(metrics, "madoguchi_inbox_parked_total", "reason=\"UNREADABLE\"") >= 1);
    }

    @Test
    void aRecordItsStateRefusesIsParkedAndAReplayOnceTheStateAllowsItHandlesItOnce() throws Exception {
        String user = "prospect-kaga";
        String id = Booking.requested(user, "kaga", Booking.slot("kaga", 21, 0));
        // a no-show of a booking not yet confirmed: the state machine refuses it, however often it is tried
        String eventId = meetingEvent("NoShowDetected", id);
        Map<String, Object> row = parked(eventId);
        assertEquals("REJECTED", row.get("reason"));
        assertTrue(((String) row.get("error")).contains("illegal-transition"), (String) row.get("error"));
        awaitState(user, id, "REQUESTED");

        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        try {
            JsonPath replayed = given().auth().oauth2(operator()).post(PARKED + "/" + row.get("id") + "/replay")
                    .then().statusCode(200).body("status", equalTo("REPLAYED")).extract().jsonPath();
            awaitState(user, id, "NO_SHOW");
            // again: a no-op, the same answer
            String again = given().auth().oauth2(operator()).post(PARKED + "/" + row.get("id") + "/replay")
                    .then().statusCode(200).body("status", equalTo("REPLAYED")).extract().path("resolvedAt");
            assertEquals(java.time.OffsetDateTime.parse(replayed.getString("resolvedAt")).toInstant(),
                    java.time.OffsetDateTime.parse(again).toInstant());
            assertEquals(1, count("select count(*) from outbox_event where subject = ? and type like '%.ReservationNoShow.v1'", id));
            assertEquals(1, count("select count(*) from processed_event where event_id = ?", eventId));
        } finally {
            liftSuspension(user);
        }
    }

    @Test
    void aHandlerFailingWhileTheDatabaseRefusesIsRetriedUntilItSucceedsExactlyOnce() throws Exception {
        String id = confirmed("seeker2-kaga", 22);
        double retriesBefore = Math.max(0, Metrics.value(metrics(), "madoguchi_inbox_retries_total",
                "consumer=\"reservation-service\"", "kind=\"TRANSIENT\""));
        String eventId;
        Databases.refuse(Stack.get(), "reservation_test");
        try {
            eventId = meetingEvent("MeetingEnded", id);
            // the handler has failed and is being retried (not parked, not skipped)
            await().atMost(WAIT).until(() -> Metrics.value(metrics(), "madoguchi_inbox_retries_total",
                    "consumer=\"reservation-service\"", "kind=\"TRANSIENT\"") > retriesBefore);
        } finally {
            Databases.accept(Stack.get(), "reservation_test");
        }
        awaitState("seeker2-kaga", id, "COMPLETED");
        // and the service is ready again (its JDBC pool dropped the connections the database ended)
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertEquals(1, count("select count(*) from processed_event where event_id = ?", eventId));
        assertEquals(1, count("select count(*) from outbox_event where subject = ? and type like '%.ReservationCompleted.v1'", id));
        assertEquals(0, count("select count(*) from parked_event where event_id = ?", eventId));
    }

    @Test
    void aNoShowOfAnUnknownBookingIsParkedAsAnUnknownReference() {
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> row = parked(meetingEvent("NoShowDetected", unknown));
        assertEquals("REJECTED", row.get("reason"));
        assertTrue(((String) row.get("error")).contains("unknown reservation " + unknown), (String) row.get("error"));
        given().auth().oauth2(operator()).header("Accept-Language", "ja").post(PARKED + "/" + row.get("id") + "/replay")
                .then().statusCode(409).body("title", startsWith("再処理"));
    }

    private static void liftSuspension(String user) {
        String sub = Tokens.claim(Tokens.of(user), "sub");
        List<String> ids = given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/restrictions")
                .then().statusCode(200).extract().path("findAll { it.kind == 'SUSPENDED' && it.userId == '" + sub + "' }.id");
        ids.forEach(r -> given().auth().oauth2(Tokens.of("counselor-kaga")).delete("/api/staff/restrictions/" + r)
                .then().statusCode(200));
    }

    static int count(String sql, String arg) throws Exception {
        try (Connection c = DriverManager.getConnection(Stack.get().jdbcUrl("reservation_test"), "reservation",
                Stack.get().secrets().dbPassword("reservation"));
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
