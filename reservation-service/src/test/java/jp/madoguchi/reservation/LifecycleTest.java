package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jp.madoguchi.reservation.service.LifecycleService;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** Bookings react to the consent and meeting services' events, as the seeds' rules say. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class LifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TestClock clock;

    @Inject
    LifecycleService lifecycle;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void termsRevised(String office, String version, LocalDate effectiveFrom) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.terms", "jp.madoguchi.consent.TermsRevised.v1",
                "/madoguchi/consent-service", office,
                Events.termsRevisedPayload(office, version, effectiveFrom));
    }

    private static void consentRecorded(String userId, String office, String version) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1",
                "/madoguchi/consent-service", userId,
                Events.consentRecordedPayload(userId, office, version, "BY_REPLY"));
    }

    private static void meetingEvent(String type, String reservationId) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.meetings", type, "/madoguchi/meeting-service", reservationId,
                Events.meetingPayload(reservationId, "kaga", type.endsWith("MeetingEnded.v1") ? "ENDED" : "OPEN"));
    }

    private static void awaitState(String user, String id, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(Tokens.of(user)).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    /**
     * The {@code n}-th open Kaga slot from two weeks ahead: each test its own {@code n}, so no two of them ask Kaga's one
     * counselor for the same time. (Slots picked by distinct days collided whenever two of those days fell on one
     * weekend: both meant the Monday after.)
     */
    private static OffsetDateTime slot(int n) {
        return Booking.slot("kaga", 14, n);
    }

    /** A confirmed booking, known to be accepted under a version of the terms the service has heard of. */
    private static String confirmed(String user, OffsetDateTime start) {
        String baseline = "kaga-baseline-" + UUID.randomUUID();
        termsRevised("kaga", baseline, LocalDate.now(JST));
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX),
                Stack.TOPIC_PREFIX + "madoguchi.terms", WAIT);
        String id = Booking.requested(user, "kaga", start);
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/reservations/" + id)
                .then().statusCode(200).body("termsVersionId", equalTo(baseline));
        return id;
    }

    @Test
    void revisedTermsAskForReconsentAndTheReplyConfirmsTheBookingAgain() {
        String user = Tokens.claim(Tokens.of("seeker-kaga"), "sub");
        String id = confirmed("seeker-kaga", slot(0));

        termsRevised("kaga", "kaga-test-" + UUID.randomUUID(), LocalDate.now(JST));
        awaitState("seeker-kaga", id, "AWAITING_RECONSENT");

        // consent to an older version changes nothing; consent to the version in force does
        consentRecorded(user, "kaga", "kaga-2022-12-12");
        String current = "kaga-reply-" + UUID.randomUUID();
        termsRevised("kaga", current, LocalDate.now(JST));
        // terms and consents are two topics with no order between them: the revision must be in force first
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX),
                Stack.TOPIC_PREFIX + "madoguchi.terms", WAIT);
        consentRecorded(user, "kaga", current);
        awaitState("seeker-kaga", id, "CONFIRMED");
    }

    /**
     * A request holds no seat, before or after a revision: three requests for Kaga's two seats of one slot all wait
     * for re-consent, and the first who re-consents is back to a request staff can confirm (it got 409 slot.full,
     * the two others counting as seats).
     */
    @Test
    void requestsWaitingForReconsentHoldNoSeat() {
        String baseline = "kaga-seats-baseline-" + UUID.randomUUID();
        termsRevised("kaga", baseline, LocalDate.now(JST));
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX),
                Stack.TOPIC_PREFIX + "madoguchi.terms", WAIT);
        OffsetDateTime start = slot(2);
        String first = Booking.requested("seeker-kaga", "kaga", start);
        String second = Booking.requested("seeker2-kaga", "kaga", start);
        String third = Booking.requested("prospect-kaga", "kaga", start);

        String current = "kaga-seats-" + UUID.randomUUID();
        termsRevised("kaga", current, LocalDate.now(JST));
        awaitState("seeker-kaga", first, "AWAITING_RECONSENT");
        awaitState("seeker2-kaga", second, "AWAITING_RECONSENT");
        awaitState("prospect-kaga", third, "AWAITING_RECONSENT");

        consentRecorded(Tokens.claim(Tokens.of("seeker-kaga"), "sub"), "kaga", current);
        awaitState("seeker-kaga", first, "REQUESTED");
        Booking.confirm("counselor-kaga", first, null, null).then().statusCode(200).body("state", equalTo("CONFIRMED"));
    }

    @Test
    void withoutReconsentBeforeTheCutOffTheBookingIsVoid() throws Throwable {
        OffsetDateTime start = slot(1);
        String id = confirmed("seeker2-kaga", start);
        termsRevised("kaga", "kaga-void-" + UUID.randomUUID(), LocalDate.now(JST));
        awaitState("seeker2-kaga", id, "AWAITING_RECONSENT");

        VertxContextSupport.subscribeAndAwait(() -> lifecycle.voidUnanswered());
        awaitState("seeker2-kaga", id, "AWAITING_RECONSENT");
        // the session day has come without a reply: Kaga's cut-off (the day before) has passed
        OffsetDateTime sessionMorning = start.atZoneSameInstant(JST).toLocalDate().atTime(7, 0).atZone(JST).toOffsetDateTime();
        clock.advance(Duration.between(OffsetDateTime.now(), sessionMorning));
        VertxContextSupport.subscribeAndAwait(() -> lifecycle.voidUnanswered());
        awaitState("seeker2-kaga", id, "VOID");
    }

    /** Where an office's policy says a no-show suspends (rather than going to review), it does so at once. */
    @Test
    void aNoShowSuspendsOnlineBookingUntilStaffLiftItWhereThePolicySaysSo() {
        Booking.policy("kaga", "noShowOutcome", "SUSPEND");
        try {
            aNoShowSuspends();
        } finally {
            Booking.policy("kaga", "noShowOutcome", "REVIEW");
        }
    }

    private void aNoShowSuspends() {
        String id = confirmed("seeker-kaga", slot(3));
        meetingEvent("jp.madoguchi.meeting.NoShowDetected.v1", id);
        awaitState("seeker-kaga", id, "NO_SHOW");

        Booking.apply("seeker-kaga", "kaga", slot(4)).then().statusCode(403)
                .body("type", equalTo("urn:madoguchi:problem:reservation.suspended"));
        String restriction = given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("size", 100).get("/api/staff/restrictions")
                .then().statusCode(200)
                .extract().path("find { it.kind == 'SUSPENDED' && it.userId == '"
                        + Tokens.claim(Tokens.of("seeker-kaga"), "sub") + "' }.id");
        given().auth().oauth2(Tokens.of("counselor-kaga")).delete("/api/staff/restrictions/" + restriction)
                .then().statusCode(200);
        Booking.apply("seeker-kaga", "kaga", slot(4)).then().statusCode(201);
    }

    @Test
    void aMeetingThatEndsCompletesTheBooking() {
        String id = confirmed("seeker2-kaga", slot(5));
        meetingEvent("jp.madoguchi.meeting.MeetingEnded.v1", id);
        awaitState("seeker2-kaga", id, "COMPLETED");
    }
}
