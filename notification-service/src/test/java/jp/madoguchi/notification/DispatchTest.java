package jp.madoguchi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.mailer.Mail;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.service.DeliveryRecorder;
import jp.madoguchi.notification.service.DispatchClaims;
import jp.madoguchi.notification.service.Dispatcher;
import jp.madoguchi.notification.service.Outgoing;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Race;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/**
 * The dispatcher's claim, send and record, driven step by step (its timer is off here) on the real database and
 * broker, with the service's clock moved instead of waiting. The reservation service is out of reach (nothing
 * listens on port 9), so every send fails at its first look-up: a dependency outage that outlasts the old
 * ten-minute window. (Sends that reach the SMTP server, cancel.ics included, are in the end-to-end MessagesIT.)
 */
@QuarkusTest
@TestProfile(DispatchTest.Outage.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class DispatchTest {

    /** Every message is signed by its office, as the projection of office events holds it. */
    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("madoguchi.reservation-service.url", "http://localhost:9",
                    "madoguchi.notification.dispatch-interval", "off",
                    "madoguchi.notification.first-retry", "PT1S");
        }
    }

    /** Generous: the first event of a run waits for the consumer group to form, on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MEETINGS = Stack.TOPIC_PREFIX + "madoguchi.meetings";

    @Inject
    TestClock clock;

    @Inject
    Dispatcher dispatcher;

    @Inject
    DispatchClaims claims;

    @Inject
    DeliveryRecorder recorder;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anInvitationForABookingCancelledBeforeItGoesOutIsSkippedNotSentAndNobodyIsAlerted() {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(clock).plusDays(7).truncatedTo(ChronoUnit.HOURS);
        Events.reservation("ReservationConfirmed", id, "kaga", "CONFIRMED", start);
        Events.reservation("ReservationCancelled", id, "kaga", "CANCELLED", start);
        // the cancellation's message is queued in the transaction that records the booking as cancelled
        await().atMost(WAIT).until(() -> row(id, "CANCELLED") != null);
        EventLog.publish(MEETINGS, "jp.madoguchi.meeting.MeetingProvisioned.v1", "/madoguchi/meeting-service",
                id.toString(), Events.meetingPayload(id.toString(), "kaga", "OPEN"));
        await().atMost(WAIT).until(() -> row(id, "INVITATION") != null);

        await().atMost(WAIT).untilAsserted(() -> {
            processBatch();
            assertEquals("SKIPPED", row(id, "INVITATION").get("status"));
        });
        Map<String, Object> invitation = row(id, "INVITATION");
        assertEquals("booking CANCELLED", invitation.get("skipReason"));
        assertNull(invitation.get("lastError"), "decided from the booking's state, before any look-up");
        assertNull(invitation.get("sentAt"));
        assertNull(task(id), "a message that is no longer true needs no call either");
    }

    @Test
    void aMessageIsRetriedUntilTheSessionStartsThenDeadAndStaffAreToldByPhone() {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(clock).plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        Events.reservation("ReservationRequested", id, "kaga", "REQUESTED", start);
        await().atMost(WAIT).until(() -> row(id, "REQUEST_RECEIVED") != null);
        assertEquals(start.toInstant(), OffsetDateTime.parse((String) row(id, "REQUEST_RECEIVED").get("usefulUntil")).toInstant(),
                "an acknowledgement is of use until the session starts");

        attemptUntil(id, 1);
        // beyond the ten minutes after which a message used to be dead: still retried
        clock.advance(Duration.ofMinutes(11));
        attemptUntil(id, 2);
        assertEquals("FAILED", row(id, "REQUEST_RECEIVED").get("status"));
        assertNull(task(id));
        // a minute before the session: one more try; at the start the next one is due at the latest
        clock.advance(Duration.between(OffsetDateTime.now(clock), start.minusMinutes(1)));
        attemptUntil(id, 3);
        Map<String, Object> failing = row(id, "REQUEST_RECEIVED");
        assertEquals("FAILED", failing.get("status"));
        assertTrue(!OffsetDateTime.parse((String) failing.get("nextAttemptAt")).isAfter(start), "never retried past its use");

        clock.advance(Duration.ofMinutes(2));
        await().atMost(WAIT).untilAsserted(() -> {
            processBatch();
            assertEquals("DEAD", row(id, "REQUEST_RECEIVED").get("status"));
        });
        Map<String, Object> dead = row(id, "REQUEST_RECEIVED");
        assertEquals(4, dead.get("attempts"));
        assertTrue(((String) dead.get("lastError")).contains("no longer of use"), (String) dead.get("lastError"));
        // nobody left untold: the office's staff get a call to make
        Map<String, Object> task = task(id);
        assertNotNull(task, "a call-back task for the undelivered message");
        assertEquals("UNDELIVERED", task.get("reason"));
        assertEquals("OPEN", task.get("state"));
        assertEquals("REQUEST_RECEIVED", task.get("kind"));
    }

    @Test
    void aClaimWhoseHolderDiedIsTakenAgainWhenItsLeaseRunsOutAndItsOutcomeIsRecordedOnce() {
        UUID id = queued();
        // a replica claims the message and dies before it records anything
        List<Notification> lost = onVertx(() -> claims.claimDue());
        Notification claim = lost.stream().filter(n -> id.equals(n.reservationId)).findFirst().orElseThrow();
        assertEquals("SENDING", row(id, "REQUEST_RECEIVED").get("status"));

        // while the lease runs, nobody else sends it
        processBatch();
        assertEquals("SENDING", row(id, "REQUEST_RECEIVED").get("status"));
        assertEquals(1, row(id, "REQUEST_RECEIVED").get("attempts"));

        // the lease runs out: it is taken again, tried once more, and that attempt is recorded
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        processBatch();
        Map<String, Object> retried = row(id, "REQUEST_RECEIVED");
        assertEquals("FAILED", retried.get("status"));
        assertEquals(2, retried.get("attempts"), "one more attempt, not one per replica");

        // the dead holder comes back with its old claim: its outcome is not recorded over the new one
        onVertx(() -> recorder.done(claim,
                new Outgoing.Email(Mail.withText("someone@example.jp", "late", "late"))));
        Map<String, Object> after = row(id, "REQUEST_RECEIVED");
        assertEquals("FAILED", after.get("status"));
        assertEquals(2, after.get("attempts"));
        assertNull(after.get("sentAt"));
    }

    @Test
    void twoStaffResendingAtOnceQueueTheMessageOnceAndAMessageBeingSentCannotBeResent() throws Exception {
        UUID id = queued();
        attemptUntil(id, 1);
        String notification = (String) row(id, "REQUEST_RECEIVED").get("id");

        List<Response> answers = race(user -> given().auth().oauth2(Tokens.of(user))
                .post("/api/notifications/" + notification + "/resend"), "counselor-kaga", "admin-kaga");
        assertEquals(List.of(200, 409), answers.stream().map(Response::statusCode).sorted().toList());
        Response loser = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertEquals("application/problem+json", loser.contentType());
        assertEquals("urn:madoguchi:problem:notification.not-resendable", loser.path("type"));
        assertEquals("QUEUED", row(id, "REQUEST_RECEIVED").get("status"));

        // the dispatcher claims it; a resend now would send it a second time: refused
        List<Notification> inFlight = onVertx(() -> claims.claimDue());
        Notification claim = inFlight.stream().filter(n -> id.equals(n.reservationId)).findFirst().orElseThrow();
        given().auth().oauth2(Tokens.of("counselor-kaga")).post("/api/notifications/" + notification + "/resend")
                .then().statusCode(409).contentType("application/problem+json").body("status", equalTo(409))
                .body("messageStatus", equalTo("SENDING"));
        onVertx(() -> recorder.failed(claim, new IllegalStateException("smtp down")));
        given().auth().oauth2(Tokens.of("counselor-kaga")).post("/api/notifications/" + notification + "/resend")
                .then().statusCode(200).body("status", equalTo("QUEUED"));
    }

    @Test
    void ofTwoStaffClaimingOneCallBackAtOnceOneHoldsItAndTheOtherIsTold() throws Exception {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(clock).plusMinutes(5).truncatedTo(ChronoUnit.MINUTES);
        Events.reservation("ReservationRequested", id, "kaga", "REQUESTED", start);
        await().atMost(WAIT).until(() -> row(id, "REQUEST_RECEIVED") != null);
        attemptUntil(id, 1);
        clock.advance(Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> {
            processBatch();
            return task(id) != null;
        });
        String task = (String) task(id).get("id");

        List<Response> claimsMade = race(user -> given().auth().oauth2(Tokens.of(user))
                .post("/api/callbacks/" + task + "/claim"), "counselor-kaga", "admin-kaga");
        assertEquals(List.of(200, 409), claimsMade.stream().map(Response::statusCode).sorted().toList());
        Response winner = claimsMade.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        Response loser = claimsMade.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertEquals("urn:madoguchi:problem:callback.taken", loser.path("type"));
        String holder = winner.path("claimedBy").equals(Tokens.claim(Tokens.of("counselor-kaga"), "sub"))
                ? "counselor-kaga" : "admin-kaga";

        // the holder's two devices record the call at once: one record stands, the other is told
        List<Response> completions = race(user -> given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("outcome", "REACHED", "note", user)).post("/api/callbacks/" + task + "/complete"),
                holder, holder);
        assertEquals(List.of(200, 409), completions.stream().map(Response::statusCode).sorted().toList());
        assertEquals("application/problem+json",
                completions.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow().contentType());
        given().auth().oauth2(Tokens.of(holder)).get("/api/callbacks").then().statusCode(200)
                .body("find { it.id == '" + task + "' }.state", equalTo("DONE"))
                .body("find { it.id == '" + task + "' }.note", containsString("kaga"));
    }

    /** A message queued for a booking whose session is a day away. */
    private UUID queued() {
        UUID id = UUID.randomUUID();
        Events.reservation("ReservationRequested", id, "kaga", "REQUESTED",
                OffsetDateTime.now(clock).plusDays(1).truncatedTo(ChronoUnit.HOURS));
        await().atMost(WAIT).until(() -> row(id, "REQUEST_RECEIVED") != null);
        return id;
    }

    /** Runs the dispatcher until the message has had {@code attempts} attempts (retries are a second apart). */
    private void attemptUntil(UUID id, int attempts) {
        await().atMost(WAIT).untilAsserted(() -> {
            processBatch();
            Map<String, Object> row = row(id, "REQUEST_RECEIVED");
            assertEquals(attempts, row.get("attempts"));
            assertEquals("FAILED", row.get("status"));
        });
    }

    private void processBatch() {
        onVertx(() -> dispatcher.processBatch());
    }

    /** Runs a reactive call of the service on a Vert.x context, as its timer would, and waits for it. */
    private static <T> T onVertx(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> row(UUID reservation, String kind) {
        return given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/notifications")
                .then().statusCode(200).extract()
                .path("find { it.reservationId == '" + reservation + "' && it.kind == '" + kind + "' }");
    }

    private static Map<String, Object> task(UUID reservation) {
        return given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/callbacks")
                .then().statusCode(200).extract().path("find { it.reservationId == '" + reservation + "' }");
    }

    /** The same request by each user, released together. */
    private static List<Response> race(Function<String, Response> request, String... users) throws Exception {
        Stream.of(users).forEach(Tokens::of);
        return Race.of(Stream.of(users).<Callable<Response>>map(u -> () -> request.apply(u)).toArray(Callable[]::new));
    }
}
