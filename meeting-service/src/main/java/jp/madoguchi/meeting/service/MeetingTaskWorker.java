package jp.madoguchi.meeting.service;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.entity.MeetingTask;
import jp.madoguchi.meeting.provider.TeleOfficeProvider;
import jp.madoguchi.meeting.rest.webhook.TeleOfficeWebhookResource;
import jp.madoguchi.meeting.service.MeetingTasks.Claim;
import jp.madoguchi.platform.jobs.BatchJobs;

/**
 * Carries out meeting tasks (create, revoke, end): claims due ones in a short transaction, calls TeleOffice outside any transaction
 * (keyed by reservation id, so a call repeated after a crash creates no second meeting), records each outcome in
 * another. {@link #processBatch()} is the whole job.
 */
@ApplicationScoped
public class MeetingTaskWorker {

    private static final Logger LOG = Logger.getLogger(MeetingTaskWorker.class);

    private final MeetingTasks tasks;
    private final TeleOfficeProvider provider;
    private final EndNotices notices;
    private final OfficeProfileService offices;
    private final MeetingConfig config;
    private final BatchJobs jobs;
    private final Clock clock;

    public MeetingTaskWorker(MeetingTasks tasks, TeleOfficeProvider provider, EndNotices notices,
            OfficeProfileService offices, MeetingConfig config, BatchJobs jobs, Clock clock) {
        this.tasks = tasks;
        this.provider = provider;
        this.notices = notices;
        this.offices = offices;
        this.config = config;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Runs {@link #processBatch()} as soon as a task commits ({@link MeetingTasks#CHANNEL}), batch after batch while
     * any are due, and on the fallback poll for retries that come due. Replicas share the work (the claim skips
     * rows another holds).
     */
    void start(@Observes StartupEvent event) {
        jobs.define("meeting-tasks").every(config.tasks().check()).initialDelay(Duration.ofSeconds(2))
                .wakeOn(MeetingTasks.CHANNEL).start(BatchJobs.counting(this::processBatch));
    }

    /** Claims one batch of due tasks and carries each out; the number claimed. */
    public Uni<Integer> processBatch() {
        return tasks.claim(config.tasks().batchSize()).flatMap(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndConcatenate(c -> process(c)
                        // an outcome that could not be recorded: the lease runs out and the task is tried again
                        .onFailure().invoke(e -> LOG.warnf("meeting task %s: outcome not recorded: %s", c.id(), e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().asList().map(List::size));
    }

    private Uni<Void> process(Claim claim) {
        return switch (claim.kind()) {
            case MeetingTask.PROVISION -> provision(claim);
            case MeetingTask.END -> end(claim);
            default -> revoke(claim);
        };
    }

    /** Joinable from five minutes before the start until its end, thirty minutes at most, recording off. */
    private Uni<Void> provision(Claim claim) {
        OffsetDateTime start = claim.slotStart();
        OffsetDateTime end = claim.slotEnd();
        OffsetDateTime closes = end.isAfter(start.plus(config.maxLength())) ? start.plus(config.maxLength()) : end;
        OffsetDateTime opens = start.minus(config.joinOpensBefore());
        return provider.create(claim.reservationId().toString(), "オンライン職業相談 " + claim.officeId(), opens, closes,
                        config.publicBaseUrl() + TeleOfficeWebhookResource.PATH)
                .onItemOrFailure().transformToUni((created, failure) -> failure == null
                        ? tasks.provisioned(claim, created, opens, closes)
                        : tasks.failed(claim, failure));
    }

    private Uni<Void> revoke(Claim claim) {
        return tasks.meetingOf(claim.reservationId()).flatMap(m -> {
            if (m == null) {
                return tasks.nothingToRevoke(claim);
            }
            if (!Meeting.OPEN.equals(m.status)) {
                return tasks.finished(claim);
            }
            if (m.underWay(OffsetDateTime.now(clock))) {
                // it ends, for whoever is in it too
                return end(claim, m, Meeting.CANCELLED);
            }
            return call(claim, provider.revoke(m.providerMeetingId), () -> tasks.revoked(claim));
        });
    }

    /** A meeting ended before its close, for the reason it was asked for; one closed meanwhile needs nothing. */
    private Uni<Void> end(Claim claim) {
        return tasks.meetingOf(claim.reservationId()).flatMap(m -> m == null || !Meeting.OPEN.equals(m.status)
                ? tasks.finished(claim)
                : end(claim, m, m.endReason));
    }

    /** The notice names the office as its projection holds it when the meeting ends. */
    private Uni<Void> end(Claim claim, Meeting m, String reason) {
        return offices.of(m.officeId).flatMap(office -> call(claim,
                provider.end(m.providerMeetingId, notices.of(m, reason, office)), () -> tasks.ended(claim, reason)));
    }

    /** A call about a meeting TeleOffice has: one it does not know (any more) leaves nothing to undo there. */
    private Uni<Void> call(Claim claim, Uni<Void> call, Supplier<Uni<Void>> outcome) {
        return call.onFailure(TeleOfficeProvider.UnknownMeeting.class).recoverWithNull()
                .onItemOrFailure().transformToUni((v, failure) -> failure == null ? outcome.get() : tasks.failed(claim, failure));
    }
}
