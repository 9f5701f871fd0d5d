package jp.madoguchi.meeting.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Booking;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.entity.MeetingTask;
import jp.madoguchi.meeting.events.MeetingEvents;
import jp.madoguchi.meeting.provider.TeleOfficeProvider;
import jp.madoguchi.meeting.provider.TeleOfficeProvider.ProvisionedMeeting;
import jp.madoguchi.meeting.repository.BookingRepository;
import jp.madoguchi.meeting.repository.MeetingRepository;
import jp.madoguchi.meeting.repository.MeetingTaskRepository;
import jp.madoguchi.platform.jobs.BatchJobs;

/**
 * The durable side of provisioning, revocation and ending: what is asked for (in the asker's transaction), and the
 * outcome of each call the worker made (each in a short transaction of its own). An outcome is recorded only by
 * the claim that made the call: a claim whose lease ran out and was taken again leaves it to the newer one.
 */
@ApplicationScoped
public class MeetingTasks {

    private static final Logger LOG = Logger.getLogger(MeetingTasks.class);
    /** The PostgreSQL NOTIFY channel of new tasks (MeetingTaskWorker listens). */
    static final String CHANNEL = "madoguchi_meeting_tasks";

    private final MeetingTaskRepository tasks;
    private final MeetingRepository meetings;
    private final BookingRepository bookings;
    private final MeetingEvents events;
    private final MeetingConfig config;
    private final Clock clock;
    private final MeterRegistry registry;

    public MeetingTasks(MeetingTaskRepository tasks, MeetingRepository meetings, BookingRepository bookings,
            MeetingEvents events, MeetingConfig config, Clock clock, MeterRegistry registry) {
        this.tasks = tasks;
        this.meetings = meetings;
        this.bookings = bookings;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.registry = registry;
    }

    /** What a worker took: enough to make the call and to recognise its own claim when recording the outcome. */
    public record Claim(UUID id, long version, String kind, UUID reservationId, String officeId, String bookingKind,
            OffsetDateTime slotStart, OffsetDateTime slotEnd, int attempts) {
        static Claim of(MeetingTask t) {
            return new Claim(t.id, t.version, t.kind, t.reservationId, t.officeId, t.bookingKind, t.slotStart, t.slotEnd,
                    t.attempts);
        }
    }

    /** In the consumer's transaction: a confirmed booking needs its meeting. Once per reservation. */
    public Uni<Void> requestProvisioning(UUID reservationId, String officeId, String bookingKind, OffsetDateTime start,
            OffsetDateTime end) {
        return request(MeetingTask.PROVISION, reservationId, officeId, bookingKind, start, end);
    }

    /** In the consumer's transaction: a cancelled or void booking's meeting must go, if it was asked for at all. */
    public Uni<Void> requestRevocation(UUID reservationId, String officeId, OffsetDateTime start, OffsetDateTime end) {
        return tasks.of(reservationId, MeetingTask.PROVISION).flatMap(provision -> provision == null
                ? Uni.createFrom().voidItem()
                : request(MeetingTask.REVOKE, reservationId, officeId, provision.bookingKind, start, end));
    }

    /**
     * In the asker's transaction (a no-show found, staff): the meeting ends before its close, for the reason its
     * {@code endReason} says. Once per reservation; tried until the meeting would have closed anyway.
     */
    public Uni<Void> requestEnd(Meeting m) {
        return request(MeetingTask.END, m.reservationId, m.officeId, m.kind, m.startsAt, m.closesAt);
    }

    private Uni<Void> request(String kind, UUID reservationId, String officeId, String bookingKind, OffsetDateTime start,
            OffsetDateTime end) {
        MeetingTask t = new MeetingTask();
        t.id = UUID.randomUUID();
        t.kind = kind;
        t.reservationId = reservationId;
        t.officeId = officeId;
        t.bookingKind = bookingKind;
        t.slotStart = start;
        t.slotEnd = end;
        t.createdAt = OffsetDateTime.now(clock);
        t.dueAt = t.createdAt;
        // a new task wakes the workers once this transaction commits
        return tasks.requestOnce(t).flatMap(inserted -> inserted > 0 ? BatchJobs.notify(CHANNEL) : Uni.createFrom().voidItem());
    }

    /** Due tasks, marked RUNNING with a lease and one more attempt, in one short transaction. */
    public Uni<java.util.List<Claim>> claim(int limit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> tasks.lockDue(now, limit).call(due -> {
            for (MeetingTask t : due) {
                t.state = MeetingTask.RUNNING;
                t.attempts++;
                t.dueAt = now.plus(config.tasks().lease());
                t.updatedAt = now;
            }
            return Panache.getSession().flatMap(s -> s.flush());
        })).map(due -> due.stream().map(Claim::of).toList());
    }

    /** The meeting exists at TeleOffice: it exists here, and is announced unless its booking was closed meanwhile. */
    public Uni<Void> provisioned(Claim claim, ProvisionedMeeting created, OffsetDateTime opens, OffsetDateTime closes) {
        return Panache.withTransaction(() -> current(claim).flatMap(t -> t == null ? Uni.createFrom().voidItem()
                : meetings.ofReservation(claim.reservationId()).flatMap(existing -> {
                    t.state = MeetingTask.DONE;
                    t.lastError = null;
                    t.updatedAt = OffsetDateTime.now(clock);
                    if (existing != null) {
                        return Uni.createFrom().voidItem();
                    }
                    return bookings.findById(claim.reservationId())
                            .flatMap(booking -> create(claim, created, opens, closes, noShowGrace(booking), t.updatedAt));
                })));
    }

    private Uni<Void> create(Claim claim, ProvisionedMeeting created, OffsetDateTime opens, OffsetDateTime closes,
            Duration noShowGrace, OffsetDateTime now) {
        Meeting m = new Meeting();
        m.id = UUID.randomUUID();
        m.reservationId = claim.reservationId();
        m.officeId = claim.officeId();
        m.kind = claim.bookingKind();
        m.providerMeetingId = created.meetingId();
        m.joinUrl = created.joinUrl();
        m.passcode = created.passcode();
        m.startsAt = claim.slotStart();
        m.opensAt = opens;
        m.closesAt = closes;
        m.noShowDueAt = claim.slotStart().plus(noShowGrace);
        m.status = Meeting.OPEN;
        m.createdAt = now;
        // a cancellation that came while the call was under way: its revocation follows, no invitation
        return meetings.persist(m).flatMap(saved -> tasks.of(claim.reservationId(), MeetingTask.REVOKE))
                .flatMap(revoke -> revoke != null ? Uni.createFrom().voidItem() : events.emit(MeetingEvents.PROVISIONED, m));
    }

    /** The office's grace as the booking's events said it, the configured one where they did not (see the config). */
    private Duration noShowGrace(Booking booking) {
        return booking == null || booking.noShowGraceMinutes == null ? config.noShowGrace()
                : Duration.ofMinutes(booking.noShowGraceMinutes);
    }

    /** The meeting is revoked at TeleOffice (or was unknown there). */
    public Uni<Void> revoked(Claim claim) {
        return closed(claim, m -> {
            m.status = Meeting.REVOKED;
            return MeetingEvents.REVOKED;
        });
    }

    /** The meeting is ended at TeleOffice (or was unknown there) for {@code reason}: it is over, MeetingEnded says so. */
    public Uni<Void> ended(Claim claim, String reason) {
        return closed(claim, m -> {
            m.end(OffsetDateTime.now(clock), reason);
            return MeetingEvents.ENDED;
        });
    }

    /** The task is done; a meeting still open is changed by {@code close}, which names the event that announces it. */
    private Uni<Void> closed(Claim claim, java.util.function.Function<Meeting, String> close) {
        return Panache.withTransaction(() -> current(claim).flatMap(t -> t == null ? Uni.createFrom().voidItem()
                : meetings.ofReservation(claim.reservationId()).flatMap(m -> {
                    done(t);
                    if (m == null || !Meeting.OPEN.equals(m.status)) {
                        return Uni.createFrom().voidItem();
                    }
                    return events.emit(close.apply(m), m);
                })));
    }

    /**
     * A revocation found no meeting: a provisioning not yet started is called off; one under way is waited for
     * (its meeting is revoked on the next attempt); otherwise there is nothing to revoke.
     */
    public Uni<Void> nothingToRevoke(Claim claim) {
        return Panache.withTransaction(() -> current(claim).flatMap(t -> t == null ? Uni.createFrom().voidItem()
                : tasks.of(claim.reservationId(), MeetingTask.PROVISION).invoke(p -> {
                    if (p != null && MeetingTask.PENDING.equals(p.state)) {
                        p.state = MeetingTask.CANCELLED;
                        p.updatedAt = OffsetDateTime.now(clock);
                        done(t);
                    } else if (p != null && (MeetingTask.RUNNING.equals(p.state) || MeetingTask.DONE.equals(p.state))) {
                        t.state = MeetingTask.PENDING;
                        t.dueAt = OffsetDateTime.now(clock).plus(config.tasks().firstRetry());
                    } else {
                        done(t);
                    }
                }).replaceWithVoid()));
    }

    /** Nothing left to do for this task (a meeting already revoked or ended). */
    public Uni<Void> finished(Claim claim) {
        return Panache.withTransaction(() -> current(claim).invoke(t -> {
            if (t != null) {
                done(t);
            }
        }).replaceWithVoid());
    }

    /**
     * The call failed. Tried again with backoff while the meeting would still be of use (until the session ends);
     * after that, or when TeleOffice refused the request itself, the task is FAILED: counted, listed for staff and
     * operators, and a failed provisioning is announced (MeetingProvisioningFailed) so that the person is told.
     */
    public Uni<Void> failed(Claim claim, Throwable failure) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime next = now.plus(backoff(claim.attempts()));
        boolean last = failure instanceof TeleOfficeProvider.Refused || !next.isBefore(claim.slotEnd());
        String error = describe(failure);
        LOG.warnf("meeting task %s of reservation %s, attempt %d failed%s: %s", claim.kind(), claim.reservationId(),
                claim.attempts(), last ? " for good" : ", again at " + next, error);
        return Panache.withTransaction(() -> current(claim).flatMap(t -> {
            if (t == null) {
                return Uni.createFrom().item(false);
            }
            t.lastError = error;
            t.updatedAt = now;
            if (!last) {
                t.state = MeetingTask.PENDING;
                t.dueAt = next;
                return Uni.createFrom().item(false);
            }
            t.state = MeetingTask.FAILED;
            return (MeetingTask.PROVISION.equals(t.kind) ? events.provisioningFailed(t.reservationId, t.officeId,
                    t.slotStart, t.attempts) : Uni.createFrom().voidItem()).replaceWith(true);
        })).invoke(failedForGood -> {
            if (failedForGood) {
                Counter.builder("madoguchi.meeting.tasks.failed")
                        .description("TeleOffice calls given up (a meeting not created, or not revoked, in time)")
                        .tag("kind", claim.kind()).tag("office", claim.officeId()).register(registry).increment();
            }
        }).replaceWithVoid();
    }

    Duration backoff(int attempts) {
        Duration d = config.tasks().firstRetry().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return d.compareTo(config.tasks().maxRetry()) > 0 ? config.tasks().maxRetry() : d;
    }

    /** The task as this claim left it, or null when another claim has taken it since (or it is no longer running). */
    private Uni<MeetingTask> current(Claim claim) {
        return tasks.findById(claim.id()).map(t -> t != null && t.version == claim.version()
                && MeetingTask.RUNNING.equals(t.state) ? t : null);
    }

    private void done(MeetingTask t) {
        t.state = MeetingTask.DONE;
        t.lastError = null;
        t.updatedAt = OffsetDateTime.now(clock);
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    @WithSession
    public Uni<java.util.List<MeetingTask>> list(String office, String state, int limit) {
        return tasks.list(office, state, limit);
    }

    @WithSession
    public Uni<Meeting> meetingOf(UUID reservationId) {
        return meetings.ofReservation(reservationId);
    }
}
