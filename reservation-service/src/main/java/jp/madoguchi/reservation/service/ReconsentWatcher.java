package jp.madoguchi.reservation.service;

import java.time.Duration;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;
import jp.madoguchi.reservation.config.ReservationConfig;

/** Voids bookings still waiting for re-consent when the office's cut-off passes. */
@ApplicationScoped
public class ReconsentWatcher {

    private static final long LOCK = BatchJobs.lockKey("reservation-reconsent");

    private final LifecycleService lifecycle;
    private final BatchJobs jobs;
    private final ReservationConfig config;

    public ReconsentWatcher(LifecycleService lifecycle, BatchJobs jobs, ReservationConfig config) {
        this.lifecycle = lifecycle;
        this.jobs = jobs;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // one replica at a time, or two would void (and announce) the same booking
        jobs.define("reservation-reconsent").every(config.reconsentCheck()).initialDelay(Duration.ofSeconds(10))
                .start(() -> BatchJobs.exclusively(LOCK, lifecycle::voidUnanswered, 0).replaceWith(Next.IDLE));
    }
}
