package jp.madoguchi.meeting.service;

import java.time.Duration;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.platform.jobs.BatchJobs;
import jp.madoguchi.platform.jobs.Next;

/** Fires due no-shows and ends meetings past their close, from deadlines stored in the database. */
@ApplicationScoped
public class DeadlineWatcher {

    private final MeetingService meetings;
    private final BatchJobs jobs;
    private final MeetingConfig config;

    public DeadlineWatcher(MeetingService meetings, BatchJobs jobs, MeetingConfig config) {
        this.meetings = meetings;
        this.jobs = jobs;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // replicas share the work: each step locks the rows it claims (FOR UPDATE SKIP LOCKED)
        jobs.define("meeting-deadlines").every(config.deadlineCheck()).initialDelay(Duration.ofSeconds(5))
                .start(() -> meetings.fireNoShows().flatMap(n -> meetings.endMeetings()).replaceWith(Next.IDLE));
    }
}
