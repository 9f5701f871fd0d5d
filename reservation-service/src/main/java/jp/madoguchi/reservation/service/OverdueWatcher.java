package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * Requests the office has not answered by its deadline are flagged, once, and an event tells the person to
 * phone the office (the seeds: a missing answer may be a lost email).
 */
@ApplicationScoped
public class OverdueWatcher {

    private static final Logger LOG = Logger.getLogger(OverdueWatcher.class);

    private final ReservationRepository reservations;
    private final ReservationEvents events;
    private final Clock clock;

    public OverdueWatcher(ReservationRepository reservations, ReservationEvents events, Clock clock) {
        this.reservations = reservations;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(every = "${madoguchi.reservation.overdue-check:1m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return flagOverdue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("overdue check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Flags what is overdue now; returns how many were flagged. */
    public Uni<Integer> flagOverdue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> reservations.newlyOverdue(now)
                .flatMap(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(r -> {
                            r.overdueAt = now;
                            return events.emit(ReservationEvents.RESPONSE_OVERDUE, r);
                        })
                        .collect().asList().map(java.util.List::size)));
    }
}
