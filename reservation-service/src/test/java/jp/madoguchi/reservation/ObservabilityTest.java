package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.LogCapture;
import jp.madoguchi.testing.Metrics;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/** Metrics at /q/metrics, one trace from HTTP through the outbox to Kafka and back, and logs free of personal data. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class ObservabilityTest {

    @org.junit.jupiter.api.BeforeEach
    void generousLimits() {
        jp.madoguchi.reservation.support.Booking.ensureGenerousLimits();
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = Stack.TOPIC_PREFIX + "madoguchi.reservations";

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros: an invalid id
        return HexFormat.of().formatHex(b);
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent, "the record carries no traceparent header");
        return traceparent.split("-")[1];
    }

    private static EventLog.Event awaitEvent(String reservationId, String type) {
        return await().atMost(WAIT).until(() -> EventLog.read(TOPIC).stream()
                .filter(e -> reservationId.equals(e.key()) && type.equals(e.type())).findFirst().orElse(null),
                e -> e != null);
    }

    @Test
    void theRecordOnKafkaContinuesTheTraceOfTheRequestThatWroteIt() {
        String traceId = hex(16);
        String token = Tokens.of("seeker-kaga");
        String id = given().auth().oauth2(token).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType(ContentType.JSON)
                .body(Booking.application("kaga", Tokens.claim(token, "seeker_number"), Booking.slot("kaga", 20, 0)))
                .post("/api/reservations")
                .then().statusCode(201).extract().path("id");

        EventLog.Event requested = awaitEvent(id, "jp.madoguchi.reservation.ReservationRequested.v1");
        assertEquals(traceId, traceIdOf(EventLog.header(requested.record(), "traceparent")),
                "the relay published the event outside the request's trace");
    }

    @Test
    void anEventHandledFromKafkaContinuesItsTraceIntoTheEventsItCauses() {
        // seeker2: a no-show goes to Kaga's review queue, and the other tests here book seeker
        String id = Booking.requested("seeker2-kaga", "kaga", Booking.slot("kaga", 20, 2));
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        String traceId = hex(16);
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.meetings", "jp.madoguchi.meeting.NoShowDetected.v1",
                "/madoguchi/meeting-service", id, Events.meetingPayload(id, "kaga", "OPEN"),
                Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"));

        EventLog.Event noShow = awaitEvent(id, "jp.madoguchi.reservation.ReservationNoShow.v1");
        assertEquals(traceId, traceIdOf(EventLog.header(noShow.record(), "traceparent")),
                "the no-show handled from Kafka was published outside the incoming record's trace");
    }

    @Test
    void operatorsSeeReservationsPerOfficeAndStateTheOutboxAndKafkaLag() {
        // Kabe and its seeker: the other tests here book seeker-kaga, who may hold only so many confirmed bookings
        String id = Booking.requested("seeker-kabe", "kabe", Booking.slot("kabe", 22, 0));
        Booking.confirm("counselor-kabe", id, null, null).then().log().ifValidationFails().statusCode(200);
        awaitEvent(id, "jp.madoguchi.reservation.ReservationConfirmed.v1");

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(Metrics.value(metrics, "madoguchi_reservations_total", "office=\"kabe\",state=\"REQUESTED\"") >= 1, metrics);
            assertTrue(Metrics.value(metrics, "madoguchi_reservations_total", "office=\"kabe\",state=\"CONFIRMED\"") >= 1);
            assertTrue(Metrics.value(metrics, "madoguchi_reservation_confirmations_total", "office=\"kabe\"") >= 1);
            assertTrue(Metrics.value(metrics, "madoguchi_reservations_current", "office=\"kabe\",state=\"CONFIRMED\"") >= 1);
            assertTrue(metrics.contains("madoguchi_outbox_pending"), "no outbox backlog gauge");
            assertTrue(metrics.contains("madoguchi_outbox_oldest_pending_age_seconds"), "no outbox age gauge");
            assertTrue(Metrics.value(metrics, "madoguchi_outbox_published_total",
                    "type=\"jp.madoguchi.reservation.ReservationConfirmed.v1\"") >= 1);
            assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag"), "no Kafka consumer lag");
        });
    }

    @Test
    void noNameEmailOrPhoneNumberReachesTheLog() {
        String n = String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
        String name = "観測 花子" + n;
        String email = "hanako.obs" + n + "@example.jp";
        String phone = "0761-55-" + n;
        String badEmail = "not-an-address-" + n;
        String badPhone = "phone-" + n;
        String counselorName = "相談員" + n;
        List<String> personal = List.of(name, email, phone, badEmail, badPhone, counselorName);

        try (LogCapture log = LogCapture.start()) {
            String token = Tokens.of("seeker-kaga");
            Map<String, Object> body = new HashMap<>(Booking.application("kaga", Tokens.claim(token, "seeker_number"),
                    Booking.slot("kaga", 20, 4)));
            body.put("name", name);
            body.put("email", email);
            body.put("phone", phone);
            body.put("counselorName", counselorName);
            String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                    .post("/api/reservations").then().statusCode(201).extract().path("id");
            // the person's own view, staff's view, the contact handed to the notification service, a confirmation,
            // and input the service refuses
            given().auth().oauth2(token).get("/api/reservations/" + id).then().statusCode(200);
            given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/reservations/" + id).then().statusCode(200);
            given().auth().oauth2(Tokens.service("notification-service")).get("/internal/reservations/" + id + "/contact")
                    .then().statusCode(200).body("email", equalTo(email));
            Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
            awaitEvent(id, "jp.madoguchi.reservation.ReservationConfirmed.v1");
            Map<String, Object> bad = new HashMap<>(body);
            bad.put("email", badEmail);
            bad.put("phone", badPhone);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad).post("/api/reservations")
                    .then().statusCode(400);
            // a second application for a slot that is taken, and one posted twice: the conflict paths
            Map<String, Object> again = new HashMap<>(body);
            again.put("preferredStarts", List.of(OffsetDateTime.now().minusDays(1).toString()));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(again).post("/api/reservations")
                    .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));

            assertEquals(List.of(), log.linesContaining(personal), "personal details in the log");
        }
    }
}
