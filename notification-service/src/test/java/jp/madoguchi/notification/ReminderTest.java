package jp.madoguchi.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.repository.BookingStateRepository;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.notification.service.Dispatcher;
import jp.madoguchi.notification.service.Reminders;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.TestClock;

/**
 * The reminder the day before: from 10:00 (office time) on the day before a confirmed session, once, by email and in
 * My Page; never for a booking that was cancelled or made void, nor for one whose invitation went out that same day,
 * nor when the session is too close. The service's clock is set to a fixed day; the reservation events come over the
 * real broker; the job and the dispatcher are driven step by step (their timers are out of the way).
 */
@QuarkusTest
@TestProfile(ReminderTest.Stepwise.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class ReminderTest {

    public static class Stepwise implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("madoguchi.reservation-service.url", "http://localhost:9",
                    "madoguchi.notification.dispatch-interval", "off",
                    "madoguchi.notification.reminder.check-interval", "PT1H");
        }
    }

    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    /** The first event of a run waits for the consumer group to form, on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A Wednesday; the session is on the Thursday after. */
    private static final OffsetDateTime DAY_BEFORE = OffsetDateTime.parse("2027-06-09T00:00:00+09:00");
    private static final OffsetDateTime SESSION = OffsetDateTime.parse("2027-06-10T14:00:00+09:00");

    @Inject
    TestClock clock;

    @Inject
    Reminders reminders;

    @Inject
    Dispatcher dispatcher;

    @Inject
    NotificationRepository notifications;

    @Inject
    BookingStateRepository states;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aConfirmedSessionIsRemindedOnceFromTenOClockTheDayBeforeByEmailAndInMyPage() {
        UUID booking = confirmed(SESSION, DAY_BEFORE.minusDays(3));

        clock.setTo(DAY_BEFORE.withHour(9).withMinute(59).toInstant());
        queueDue();
        assertEquals(List.of(), reminders(booking), "not before ten o'clock the day before");

        clock.setTo(DAY_BEFORE.withHour(10).withMinute(5).toInstant());
        queueDue();
        List<Notification> first = reminders(booking);
        assertEquals(List.of("REMINDER", "REMINDER_MY_PAGE"), first.stream().map(n -> n.kind).sorted().toList());
        first.forEach(n -> {
            assertEquals(Notification.Status.QUEUED, n.status);
            assertEquals(SESSION.toInstant(), n.usefulUntil.toInstant(), "of use until the session starts");
            assertEquals("EMAIL", param(n, "invitedBy"), "the reminder says where the join link is");
        });

        // the job again, later, or on another replica, or after a restart: nothing twice
        clock.setTo(DAY_BEFORE.withHour(15).toInstant());
        queueDue();
        queueDue();
        assertEquals(first.stream().map(n -> n.id).sorted().toList(),
                reminders(booking).stream().map(n -> n.id).sorted().toList());
    }

    @Test
    void noReminderForACancelledOrVoidBookingOrOneInvitedOnTheDayBeforeOrOneAboutToStart() {
        UUID cancelled = confirmed(SESSION, DAY_BEFORE.minusDays(3));
        Events.reservation("ReservationCancelled", cancelled, "kaga", "CANCELLED", SESSION);
        UUID voided = confirmed(SESSION, DAY_BEFORE.minusDays(3));
        Events.reservation("ReservationVoided", voided, "kaga", "VOID", SESSION);
        awaitState(cancelled, "CANCELLED");
        awaitState(voided, "VOID");
        // confirmed and invited on the day before itself, after ten: that invitation is the reminder
        UUID invitedToday = confirmed(SESSION, DAY_BEFORE.withHour(11));
        // a session later today (the day before it was missed, say by an outage): under two hours away, too late
        UUID soon = confirmed(DAY_BEFORE.withHour(13), DAY_BEFORE.minusDays(3));
        // two days away: tomorrow's job
        UUID later = confirmed(SESSION.plusDays(1), DAY_BEFORE.minusDays(3));

        clock.setTo(DAY_BEFORE.withHour(11).withMinute(30).toInstant());
        queueDue();
        for (UUID none : List.of(cancelled, voided, invitedToday, soon, later)) {
            assertEquals(List.of(), reminders(none), "no reminder for " + none);
        }
    }

    @Test
    void aReminderQueuedForABookingCancelledBeforeItGoesOutIsSkipped() {
        UUID booking = confirmed(SESSION, DAY_BEFORE.minusDays(3));
        clock.setTo(DAY_BEFORE.withHour(10).withMinute(30).toInstant());
        queueDue();
        assertEquals(2, reminders(booking).size());

        Events.reservation("ReservationCancelled", booking, "kaga", "CANCELLED", SESSION);
        awaitState(booking, "CANCELLED");
        await().atMost(WAIT).untilAsserted(() -> {
            onVertx(() -> dispatcher.processBatch());
            reminders(booking).forEach(n -> {
                assertEquals(Notification.Status.SKIPPED, n.status);
                assertEquals("booking CANCELLED", n.skipReason);
                assertEquals(null, n.sentAt);
            });
        });
    }

    /** A booking confirmed for {@code start} whose invitation (by email) went out at {@code invitedAt}. */
    private UUID confirmed(OffsetDateTime start, OffsetDateTime invitedAt) {
        UUID id = UUID.randomUUID();
        Events.reservation("ReservationConfirmed", id, "kaga", "CONFIRMED", start);
        awaitState(id, "CONFIRMED");
        // the invitation as the dispatcher records it once sent (sending it needs the reservation service)
        onVertx(() -> Panache.withTransaction(() -> {
            Notification n = new Notification();
            n.id = UUID.randomUUID();
            n.sourceEventId = "test-invitation:" + id;
            n.kind = "INVITATION";
            n.reservationId = id;
            n.officeId = "kaga";
            n.channel = Notification.Channel.EMAIL;
            n.status = Notification.Status.SENT;
            n.params = "{}";
            n.createdAt = invitedAt;
            n.nextAttemptAt = invitedAt;
            n.sentAt = invitedAt;
            return notifications.persist(n);
        }));
        return id;
    }

    private void awaitState(UUID id, String state) {
        await().atMost(WAIT).until(() -> {
            var s = onVertx(() -> Panache.withSession(() -> states.findById(id)));
            return s != null && state.equals(s.state);
        });
    }

    private void queueDue() {
        onVertx(() -> reminders.queueDue());
    }

    private List<Notification> reminders(UUID booking) {
        return onVertx(() -> Panache.withSession(() -> notifications.list(
                "reservationId = ?1 and kind in ('REMINDER', 'REMINDER_MY_PAGE')", booking)));
    }

    private static String param(Notification n, String field) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(n.params).path(field).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T onVertx(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(call);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
