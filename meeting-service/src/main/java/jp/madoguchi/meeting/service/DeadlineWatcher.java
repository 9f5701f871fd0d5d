package jp.madoguchi.meeting.service;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Fires due no-shows and ends meetings past their close, from deadlines stored in the database. */
@ApplicationScoped
public class DeadlineWatcher {

    private static final Logger LOG = Logger.getLogger(DeadlineWatcher.class);

    private final MeetingService meetings;

    public DeadlineWatcher(MeetingService meetings) {
        this.meetings = meetings;
    }

    @Scheduled(every = "${madoguchi.meeting.deadline-check:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return meetings.fireNoShows().flatMap(n -> meetings.endMeetings()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("deadline check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
