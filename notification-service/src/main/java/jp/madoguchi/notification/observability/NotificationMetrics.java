package jp.madoguchi.notification.observability;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.observability.GaugeTable;

/**
 * Messages per office, channel and delivery status, read from the delivery log on a timer. FAILED (waiting for a
 * retry) and DEAD (out of attempts, waiting for staff) are the ones to alert on: a person was not told.
 */
@ApplicationScoped
public class NotificationMetrics {

    private static final Logger LOG = Logger.getLogger(NotificationMetrics.class);

    private final GaugeTable byStatus;

    public NotificationMetrics(MeterRegistry registry) {
        this.byStatus = new GaugeTable(registry, "madoguchi.notifications.current",
                "Notifications in the delivery log, per office, channel and status (QUEUED, SENT, FAILED, DEAD)",
                "office", "channel", "status");
    }

    @Scheduled(every = "${madoguchi.metrics.refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return refresh()
                .onFailure().invoke(e -> LOG.debugf("notification gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reads the counts now. */
    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select n.officeId, n.channel, n.status, count(n) from Notification n "
                        + "group by n.officeId, n.channel, n.status", Object[].class)
                .getResultList()))
                .invoke(byStatus::update)
                .replaceWithVoid();
    }

    /** Notifications of an office, channel and status as last read; for tests. */
    public long current(String office, String channel, String status) {
        return byStatus.value(office, channel, status);
    }
}
