package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Tokens;

/**
 * meeting-service and the TeleOffice simulator as two processes, as with the real meeting manager: a join in the
 * simulator reaches meeting-service over the network (its public base URL) and prevents the no-show; a
 * confirmation that comes while TeleOffice is down gets its meeting — exactly one — once it is back.
 */
class TeleOfficeIT {

    private static final Duration HOP = Duration.ofSeconds(45);
    private static Suite suite;

    @BeforeAll
    static void services() throws Exception {
        suite = Suite.get();
    }

    /** A confirmation as reservation-service publishes it (of a person no other test knows). */
    private static UUID confirm(OffsetDateTime start) {
        UUID id = UUID.randomUUID();
        EventLog.publish(Suite.RESERVATIONS_TOPIC, "jp.madoguchi.reservation.ReservationConfirmed.v1",
                "/madoguchi/reservation-service", id.toString(),
                Events.reservationPayload(id, "kaga", "e2e-teleoffice-" + id, "CONFIRMED", start));
        return id;
    }

    private static JsonPath awaitMeeting(UUID id) {
        String staff = Tokens.of("counselor-kaga");
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.meeting.url()).auth().oauth2(staff)
                .get("/api/meetings/" + id).then().statusCode(200).body("status", equalTo("OPEN")));
        return given().baseUri(suite.meeting.url()).auth().oauth2(Tokens.service("notification-service"))
                .get("/internal/meetings/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<EventLog.Event> meetingEvents(UUID reservation, String type) {
        return EventLog.read(Suite.MEETINGS_TOPIC).stream()
                .filter(e -> reservation.toString().equals(e.key()) && e.type().endsWith(type)).toList();
    }

    private static List<Object> simulatorMeetings(UUID reservation) {
        return given().baseUri(suite.simulator.url()).header("X-Api-Key", suite.teleofficeApiKey)
                .queryParam("idempotencyKey", reservation.toString()).get("/api/meetings")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void aJoinInTheSimulatorReachesTheMeetingServiceAndPreventsTheNoShow() {
        // started nine minutes and a half ago: open to join, the no-show deadline (10 minutes) half a minute away
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(570).truncatedTo(ChronoUnit.SECONDS);
        UUID joined = confirm(start);
        UUID absent = confirm(start);
        JsonPath access = awaitMeeting(joined);
        awaitMeeting(absent);
        String joinUrl = access.getString("joinUrl");
        org.hamcrest.MatcherAssert.assertThat(joinUrl, startsWith(suite.simulator.url() + "/join/TO-"));

        // the person enters at the simulator; the simulator tells meeting-service through the webhook
        given().formParam("name", "加賀 一郎").formParam("email", "e2e-teleoffice@example.jp")
                .formParam("passcode", access.getString("passcode")).formParam("role", "SEEKER")
                .post(joinUrl).then().statusCode(200);
        String staff = Tokens.of("counselor-kaga");
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.meeting.url()).auth().oauth2(staff)
                .get("/api/meetings/" + joined).then().statusCode(200).body("participants.event", hasItem("JOINED")));
        await().atMost(HOP).until(() -> !meetingEvents(joined, "ParticipantJoined.v1").isEmpty());

        // past the deadline both were checked: the one nobody entered is a no-show, the other is not
        await().atMost(HOP).until(() -> meetingEvents(absent, "NoShowDetected.v1").size() == 1);
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.meeting.url()).auth().oauth2(staff)
                .get("/api/meetings/" + joined).then().statusCode(200).body("noShowAt", notNullValue()));
        assertEquals(0, meetingEvents(joined, "NoShowDetected.v1").size(), "the person joined: no no-show");
        assertEquals(1, meetingEvents(absent, "NoShowDetected.v1").size());
    }

    @Test
    void aConfirmationWhileTeleOfficeIsDownGetsExactlyOneMeetingOnceItIsBack() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        String staff = Tokens.of("counselor-kaga");
        suite.simulator.close();
        UUID id;
        try {
            id = confirm(start);
            // the same confirmation again, as a producer's retry would send it (another event id)
            EventLog.publish(Suite.RESERVATIONS_TOPIC, "jp.madoguchi.reservation.ReservationConfirmed.v1",
                    "/madoguchi/reservation-service", id.toString(),
                    Events.reservationPayload(id, "kaga", "e2e-teleoffice-" + id, "CONFIRMED", start));
            UUID waiting = id;
            // tried, failed, and kept for another try: the confirmation is not lost
            await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.meeting.url()).auth().oauth2(staff)
                    .get("/api/meeting-tasks").then().statusCode(200)
                    .body("findAll { it.reservationId == '" + waiting + "' }.size()", equalTo(1))
                    .body("find { it.reservationId == '" + waiting + "' }.attempts", org.hamcrest.Matchers.greaterThanOrEqualTo(3))
                    .body("find { it.reservationId == '" + waiting + "' }.state", org.hamcrest.Matchers.oneOf("PENDING", "RUNNING"))
                    .body("find { it.reservationId == '" + waiting + "' }.lastError", notNullValue()));
            given().baseUri(suite.meeting.url()).auth().oauth2(staff).get("/api/meetings/" + id).then().statusCode(404);
        } finally {
            suite.simulator.restart();
            suite.simulator.awaitReady(Duration.ofSeconds(60));
        }
        awaitMeeting(id);
        await().atMost(HOP).until(() -> meetingEvents(id, "MeetingProvisioned.v1").size() == 1);
        assertEquals(1, simulatorMeetings(id).size(), "exactly one meeting at TeleOffice");
        assertEquals(1, meetingEvents(id, "MeetingProvisioned.v1").size());
        given().baseUri(suite.meeting.url()).auth().oauth2(staff).get("/api/meeting-tasks").then().statusCode(200)
                .body("find { it.reservationId == '" + id + "' }.state", equalTo("DONE"));
    }

    /** In production nothing points meeting-service at a simulator or at itself: without the settings it stops, naming them. */
    @Test
    void aProductionStartWithoutTheTeleOfficeSettingsFailsNamingThem() throws Exception {
        var stack = jp.madoguchi.testing.Stack.get();
        java.util.Map<String, String> config = new java.util.HashMap<>(jp.madoguchi.testing.ServiceTestResource.config(
                stack, "meeting", "meeting_e2e", Suite.PREFIX));
        config.remove("madoguchi.meeting.provider.base-url");
        config.remove("madoguchi.meeting.public-base-url");
        // its secrets are all there (the secret guard has tests of its own): only the two addresses are missing
        java.util.Map<String, String> secrets = stack.serviceSettings("meeting-service");
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("madoguchi.root", "..")).toAbsolutePath().normalize();
        ServiceProcess p = ServiceProcess.start(root, "meeting-service", "meeting-service-unconfigured",
                ServiceProcess.freePort(), config, secrets);
        try {
            java.util.OptionalInt exit = p.awaitExit(Duration.ofSeconds(120));
            org.junit.jupiter.api.Assertions.assertTrue(exit.isPresent() && exit.getAsInt() != 0, "it must not start");
            String log = p.logText();
            for (String setting : List.of("madoguchi.meeting.public-base-url", "madoguchi.teleoffice.url")) {
                org.junit.jupiter.api.Assertions.assertTrue(log.contains(setting), "the log names " + setting + ":\n" + log);
            }
        } finally {
            p.close();
        }
    }
}
