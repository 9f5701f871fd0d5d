package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * Requests the office has not answered by its deadline are flagged, once, and an event tells the person to
 * phone the office (the seeds: a missing answer may be a lost email). Requests that can no longer be confirmed
 * in time expire, and the person is told.
 */
@ApplicationScoped
public class OverdueWatcher {

    private static final long LOCK = BatchJobs.lockKey("reservation-overdue");

    private final ReservationRepository reservations;
    private final ReservationEvents events;
    private final Clock clock;
    private final BatchJobs jobs;
    private final ReservationConfig config;

    public OverdueWatcher(ReservationRepository reservations, ReservationEvents events, Clock clock, BatchJobs jobs,
            ReservationConfig config) {
        this.reservations = reservations;
        this.events = events;
        this.clock = clock;
        this.jobs = jobs;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        jobs.define("reservation-overdue").every(config.overdueCheck()).initialDelay(Duration.ofSeconds(5))
                .start(() -> flagOverdue().flatMap(n -> expireLapsed()).replaceWith(Next.IDLE));
    }

    /**
     * Requests that can no longer be confirmed in time (the office's lead time has passed for every preferred start)
     * expire, and the person is told; returns how many.
     */
    public Uni<Integer> expireLapsed() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return BatchJobs.exclusively(LOCK, () -> reservations.lapsed(now)
                .flatMap(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(r -> {
                            r.moveTo(ReservationState.EXPIRED);
                            r.closedAt = now;
                            r.closedReason = "not confirmed within the office's lead time";
                            return events.emit(ReservationEvents.EXPIRED, r);
                        })
                        .collect().asList().map(java.util.List::size)), 0);
    }

    /** Flags what is overdue now; returns how many were flagged. */
    public Uni<Integer> flagOverdue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        // one replica at a time, or two would flag (and announce) the same request
        return BatchJobs.exclusively(LOCK, () -> reservations.newlyOverdue(now)
                .flatMap(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(r -> {
                            r.overdueAt = now;
                            return events.emit(ReservationEvents.RESPONSE_OVERDUE, r);
                        })
                        .collect().asList().map(java.util.List::size)), 0);
    }
}
