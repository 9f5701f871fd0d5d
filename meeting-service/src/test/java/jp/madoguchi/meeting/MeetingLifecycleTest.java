package jp.madoguchi.meeting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jp.madoguchi.meeting.service.MeetingService;
import jp.madoguchi.meeting.service.MeetingTaskWorker;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** Meetings for confirmed consultations through the TeleOffice adapter, talking HTTP to the simulator. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "meeting"))
class MeetingLifecycleTest {

    /** The join page of an ended meeting names its office, as the projection of office events holds it. */
    @BeforeAll
    static void offices() {
        Offices.seed("meeting-service");
    }

    private static final Duration WAIT = Meetings.WAIT;

    @Inject
    TestClock clock;

    @Inject
    MeetingService meetings;

    @Inject
    MeetingTaskWorker worker;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A confirmed consultation starting {@code minutes} from now, with its meeting provisioned. */
    private static UUID confirmed(int minutes) {
        return confirmed(OffsetDateTime.now().plusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES));
    }

    private static UUID confirmed(OffsetDateTime start) {
        UUID id = UUID.randomUUID();
        Events.reservation("ReservationConfirmed", id, "kaga", "CONFIRMED", start);
        Meetings.awaitStatus(id, "OPEN");
        return id;
    }

    private static List<EventLog.Event> meetingEvents(UUID reservation, String type) {
        return Meetings.events(reservation, type);
    }

    private static String joinUrl(UUID reservation) {
        return Meetings.joinUrl(reservation);
    }

    private static String passcode(UUID reservation) {
        return Meetings.access(reservation).getString("passcode");
    }

    private void at(OffsetDateTime when) {
        Meetings.at(clock, when);
    }

    @Test
    void aConfirmedConsultationGetsAMeetingWhoseSecretsStayOffKafka() {
        UUID id = confirmed(120);
        var access = given().auth().oauth2(Tokens.service("notification-service")).get("/internal/meetings/" + id)
                .then().statusCode(200)
                .body("joinUrl", containsString(Stack.get().teleofficeUrl() + "/join/TO-"))
                .body("passcode", matchesPattern("\\d{6}"))
                .extract().jsonPath();
        assertEquals(Duration.ofMinutes(35), Duration.between(OffsetDateTime.parse(access.getString("opensAt")),
                OffsetDateTime.parse(access.getString("closesAt"))), "opens five minutes early, closes after thirty");
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/internal/meetings/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/meetings/" + id).then().statusCode(404);

        List<EventLog.Event> provisioned = await().atMost(WAIT).until(() -> meetingEvents(id, "MeetingProvisioned.v1"),
                l -> !l.isEmpty());
        assertFalse(provisioned.get(0).data().contains(access.getString("passcode")), "no passcode on Kafka");
        assertFalse(provisioned.get(0).data().contains("/join/TO-"), "no join URL on Kafka");
    }

    @Test
    void joiningThroughTheProviderIsRecordedWithoutTheDevice() {
        // not yet: joining opens five minutes before the start (the simulator keeps real time)
        RestAssured.given().get(joinUrl(confirmed(60))).then().statusCode(410).body(containsString("まだ入室できません"));
        UUID id = confirmed(2);
        String path = joinUrl(id);
        RestAssured.given().get(path).then().statusCode(200).body(containsString("メールアドレス"));
        RestAssured.given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp")
                .formParam("passcode", "000000x").formParam("role", "SEEKER").post(path).then().statusCode(400);
        // the simulator posts the participant event to this service's public address, over the network
        RestAssured.given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp")
                .formParam("passcode", passcode(id)).formParam("role", "SEEKER").formParam("deviceId", "PC-SERIAL-42")
                .post(path).then().statusCode(200).body(containsString("入室しました"));
        RestAssured.given().formParam("role", "SEEKER").formParam("deviceId", "PC-SERIAL-42")
                .post(path.replace("/join/", "/leave/")).then().statusCode(200);
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/meetings/" + id).then().statusCode(200)
                .body("participants.event", equalTo(List.of("JOINED", "LEFT")))
                .body("participants.role", hasItem("SEEKER"));
        await().atMost(WAIT).until(() -> !meetingEvents(id, "ParticipantJoined.v1").isEmpty());
        assertFalse(meetingEvents(id, "ParticipantJoined.v1").get(0).data().contains("PC-SERIAL-42"));

        // only the office's admin exports the access history, and the device only as its keyed hash
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("from", today).queryParam("to", tomorrow)
                .get("/api/admin/meetings/audit").then().statusCode(403);
        given().auth().oauth2(Tokens.of("admin-kaga")).queryParam("from", today).queryParam("to", tomorrow)
                .get("/api/admin/meetings/audit").then().statusCode(200)
                .body("find { it.reservationId == '" + id + "' }.devicePseudonym", matchesPattern("[0-9a-f]{64}"));
        given().auth().oauth2(Tokens.of("admin-kabe")).queryParam("from", today).queryParam("to", tomorrow)
                .get("/api/admin/meetings/audit").then().statusCode(200)
                .body("reservationId", org.hamcrest.Matchers.not(hasItem(id.toString())));
        given().auth().oauth2(Tokens.of("admin-kaga")).queryParam("from", today).queryParam("to", tomorrow)
                .get("/api/admin/meetings/audit/csv").then().statusCode(200)
                .body(containsString(id + ",")).body(org.hamcrest.Matchers.not(containsString("PC-SERIAL-42")));
        // the JSON export is paged like every list
        String audit = "/api/admin/meetings/audit?from=" + today + "&to=" + tomorrow;
        jp.madoguchi.testing.Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("admin-kaga")), audit);
        List<String> rows = jp.madoguchi.testing.Pages.walk(() -> given().auth().oauth2(Tokens.of("admin-kaga")), audit, 1,
                "collect { it.reservationId + '|' + it.event + '|' + it.at }");
        assertTrue(rows.stream().filter(r -> r.startsWith(id + "|")).count() >= 2, rows.toString());
    }

    @Test
    void aConsultationNobodyJoinsGivesExactlyOneNoShowTenMinutesAfterItsStart() throws Throwable {
        // the clock is set from the start itself: "now + 39 minutes" would be ten past a start truncated to the minute
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        UUID nobody = confirmed(start);
        UUID phoned = confirmed(start);
        given().auth().oauth2(Tokens.of("counselor-kaga")).post("/api/meetings/" + phoned + "/contact").then().statusCode(200);

        at(start.plusMinutes(9));
        // (other tests' meetings in this database may be past their own deadlines by then: only ours count)
        VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
        // nine minutes: not yet (the pass has committed; a fired deadline would show as noShowAt)
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/meetings/" + nobody).then().statusCode(200)
                .body("noShowAt", org.hamcrest.Matchers.nullValue());
        at(start.plusMinutes(10).plusSeconds(1));
        // two passes, as two replicas would run them: the deadline fires once
        VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
        VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
        await().atMost(WAIT).until(() -> meetingEvents(nobody, "NoShowDetected.v1").size() == 1);
        assertEquals(1, meetingEvents(nobody, "NoShowDetected.v1").size());
        assertEquals(0, meetingEvents(phoned, "NoShowDetected.v1").size(), "the person got in touch");
    }

    @Test
    void aCancelledConsultationsMeetingCannotBeJoinedAndAnEndedOneIsAnnounced() throws Throwable {
        UUID cancelled = confirmed(3);
        String path = joinUrl(cancelled);
        Events.reservation("ReservationCancelled", cancelled, "kaga", "CANCELLED", OffsetDateTime.now().plusMinutes(3));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/meetings/" + cancelled).then().statusCode(200).body("status", equalTo("REVOKED")));
        RestAssured.given().get(path).then().statusCode(410).body(containsString("取り消されました"));

        UUID held = confirmed(3);
        at(OffsetDateTime.now().plusMinutes(40));
        VertxContextSupport.subscribeAndAwait(() -> meetings.endMeetings());
        await().atMost(WAIT).until(() -> meetingEvents(held, "MeetingEnded.v1").size() == 1);
        assertEquals(0, meetingEvents(cancelled, "MeetingEnded.v1").size());
    }

    @Test
    void theWebhookBelievesOnlyTheSharedSecret() {
        String notice = "{\"meetingId\":\"TO-1\",\"event\":\"JOINED\",\"role\":\"SEEKER\"}";
        given().contentType("application/json").header("X-Webhook-Secret", "guessed").body(notice)
                .post("/api/teleoffice/events").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(notice)
                .post("/api/teleoffice/events").then().statusCode(401);
        // with the secret, but outside the contract (no role, an event it does not define): told, nothing stored
        String secret = jp.madoguchi.testing.Stack.get().teleofficeWebhookSecret();
        for (String bad : java.util.List.of("{\"meetingId\":\"TO-1\",\"event\":\"JOINED\"}",
                "{\"meetingId\":\"TO-1\",\"event\":\"x\",\"role\":\"SEEKER\"}")) {
            given().contentType("application/json").header("X-Webhook-Secret", secret).body(bad)
                    .post("/api/teleoffice/events").then().statusCode(400).contentType("application/problem+json");
        }
    }

    /** The same confirmation twice (two event ids: a producer's retry) asks TeleOffice for one meeting. */
    @Test
    void aDuplicateConfirmationCreatesOneMeeting() throws Throwable {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
        Events.reservation("ReservationConfirmed", id, "kaga", "CONFIRMED", start);
        Events.reservation("ReservationConfirmed", id, "kaga", "CONFIRMED", start);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/meetings/" + id).then().statusCode(200).body("status", equalTo("OPEN")));
        await().atMost(WAIT).until(() -> meetingEvents(id, "MeetingProvisioned.v1").size() == 1);
        // both events were handled (the booking saw them) before the count below means anything
        VertxContextSupport.subscribeAndAwait(() -> worker.processBatch());
        assertEquals(1, simulatorMeetings(id).size(), "one meeting at TeleOffice");
        assertEquals(1, meetingEvents(id, "MeetingProvisioned.v1").size());
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/meeting-tasks").then().statusCode(200)
                .body("findAll { it.reservationId == '" + id + "' }.state", equalTo(List.of("DONE")));
    }

    /**
     * TeleOffice refuses a meeting outright (here: a window that ends before it opens): the task fails at once,
     * is counted, listed for the office's staff only, and announced so the person can be told.
     */
    @Test
    void aMeetingTeleOfficeRefusesIsFailedCountedListedAndAnnounced() throws Throwable {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now().plusHours(3).truncatedTo(ChronoUnit.MINUTES);
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Events.reservationPayload(id, "kaga", "some-seeker", "CONFIRMED", start));
        payload.put("slotEnd", payload.get("slotStart").asText().replace(start.getYear() + "-", (start.getYear() - 1) + "-"));
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations", "jp.madoguchi.reservation.ReservationConfirmed.v1",
                "/madoguchi/reservation-service", id.toString(), payload.toString());
        await().atMost(WAIT).until(() -> meetingEvents(id, "MeetingProvisioningFailed.v1").size() == 1);
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "FAILED").get("/api/meeting-tasks")
                .then().statusCode(200)
                .body("find { it.reservationId == '" + id + "' }.kind", equalTo("PROVISION"))
                .body("find { it.reservationId == '" + id + "' }.lastError", containsString("400"));
        given().auth().oauth2(Tokens.of("counselor-kabe")).queryParam("state", "FAILED").get("/api/meeting-tasks")
                .then().statusCode(200).body("reservationId", org.hamcrest.Matchers.not(hasItem(id.toString())));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/meeting-tasks").then().statusCode(403);
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "LOST").get("/api/meeting-tasks")
                .then().statusCode(400);
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/meetings/" + id).then().statusCode(404);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(jp.madoguchi.testing.Metrics.value(metrics,
                "madoguchi_meeting_tasks_failed_total", "kind=\"PROVISION\"", "office=\"kaga\"") >= 1, metrics);
    }

    /**
     * Staff noting contact at the very moment the deadline is checked: whichever wins, nothing is lost — a contact
     * that was answered 200 means no no-show, a no-show means the contact was answered 409.
     */
    @Test
    void contactNotedWhileTheDeadlineIsCheckedIsNeverLost() throws Throwable {
        List<UUID> ids = java.util.stream.IntStream.range(0, 6).mapToObj(i -> confirmed(30)).toList();
        String staff = Tokens.of("counselor-kaga");
        at(OffsetDateTime.now().plusMinutes(41));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var contacts = ids.stream().map(id -> java.util.concurrent.CompletableFuture.supplyAsync(() -> given()
                    .auth().oauth2(staff).post("/api/meetings/" + id + "/contact").then().extract().statusCode(), pool))
                    .toList();
            VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
            VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
            for (int i = 0; i < ids.size(); i++) {
                int status = contacts.get(i).join();
                UUID id = ids.get(i);
                org.junit.jupiter.api.Assertions.assertTrue(status == 200 || status == 409, "status " + status);
                VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
                if (status == 409) {
                    await().atMost(WAIT).until(() -> meetingEvents(id, "NoShowDetected.v1").size() == 1);
                } else {
                    given().auth().oauth2(staff).get("/api/meetings/" + id).then().statusCode(200)
                            .body("contactNotedAt", org.hamcrest.Matchers.notNullValue())
                            .body("noShowAt", org.hamcrest.Matchers.notNullValue());
                }
            }
            // the relay publishes in commit order: once the last check is out, a wrong no-show would be too
            UUID probe = confirmed(30);
            at(OffsetDateTime.now().plusMinutes(41));
            VertxContextSupport.subscribeAndAwait(() -> meetings.fireNoShows());
            await().atMost(WAIT).until(() -> meetingEvents(probe, "NoShowDetected.v1").size() == 1);
            for (int i = 0; i < ids.size(); i++) {
                if (contacts.get(i).join() == 200) {
                    assertEquals(0, meetingEvents(ids.get(i), "NoShowDetected.v1").size(), "contact noted: no no-show");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> simulatorMeetings(UUID reservation) {
        return RestAssured.given().baseUri(Stack.get().teleofficeUrl()).header("X-Api-Key", Stack.get().teleofficeApiKey())
                .queryParam("idempotencyKey", reservation.toString()).get("/api/meetings")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }
}
