package jp.madoguchi.reservation.service;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Voids bookings still waiting for re-consent when the office's cut-off passes. */
@ApplicationScoped
public class ReconsentWatcher {

    private static final Logger LOG = Logger.getLogger(ReconsentWatcher.class);

    private final LifecycleService lifecycle;

    public ReconsentWatcher(LifecycleService lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${madoguchi.reservation.reconsent-check:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return lifecycle.voidUnanswered().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("re-consent check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
