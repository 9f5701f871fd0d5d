package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.repository.NotificationRepository;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;

/**
 * The reminder the day before a session (a missed session costs a person their online access): queued by one
 * idempotent statement from the local booking states and the invitations sent, then sent like any other message,
 * which drops it if the booking has ended by then.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);

    private final NotificationRepository notifications;
    private final NotificationConfig config;
    private final BatchJobs jobs;
    private final Clock clock;

    public Reminders(NotificationRepository notifications, NotificationConfig config, BatchJobs jobs, Clock clock) {
        this.notifications = notifications;
        this.config = config;
        this.jobs = jobs;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        jobs.define("reminders").every(config.reminder().checkInterval()).start(() -> queueDue().replaceWith(Next.IDLE));
    }

    /** Queues the reminders due now; returns how many. */
    public Uni<Integer> queueDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> notifications.queueReminders(now, config.zone().getId(),
                        config.reminder().sendAt(), now.plus(config.reminder().minLead()))
                // the dispatchers wake when this commits
                .call(queued -> queued == 0 ? Uni.createFrom().voidItem() : Dispatcher.wake()))
                .invoke(queued -> {
                    if (queued > 0) {
                        LOG.infof("%d reminder(s) queued", queued);
                    }
                });
    }
}
