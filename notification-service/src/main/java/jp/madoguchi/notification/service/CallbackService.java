package jp.madoguchi.notification.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.client.ContactDirectory;
import jp.madoguchi.notification.client.MeetingDirectory;
import jp.madoguchi.notification.entity.CallbackTask;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.repository.CallbackTaskRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;

/**
 * Call-back tasks: where the rules say "by phone", staff of the office phone the person. One member of staff
 * claims a task, reads the number and what to say (fetched from their owners at that moment) and records how
 * it went; a person who could not be reached goes back on the list.
 */
@ApplicationScoped
public class CallbackService {

    /** What the member of staff who claimed a task needs for the call. */
    public record Call(CallbackTask task, ContactDirectory.Contact contact, MeetingDirectory.Access meeting) {
    }

    private final CallbackTaskRepository tasks;
    private final ContactDirectory contacts;
    private final MeetingDirectory meetings;
    private final Clock clock;

    public CallbackService(CallbackTaskRepository tasks, @RestClient ContactDirectory contacts,
            @RestClient MeetingDirectory meetings, Clock clock) {
        this.tasks = tasks;
        this.contacts = contacts;
        this.meetings = meetings;
        this.clock = clock;
    }

    /**
     * Puts a message on the office's list of calls: one that goes by phone, or one that could not be delivered
     * while it was of use. Runs in the transaction that records the message's outcome; a message has one task,
     * opened again if it comes back (a resent message that died again).
     */
    public Uni<CallbackTask> open(Notification n, CallbackTask.Reason reason) {
        return tasks.find("notificationId", n.id).firstResult().flatMap(existing -> {
            if (existing != null) {
                existing.reason = reason;
                existing.state = CallbackTask.State.OPEN;
                existing.claimedBy = null;
                existing.claimedAt = null;
                existing.completedAt = null;
                existing.outcome = null;
                return Uni.createFrom().item(existing);
            }
            CallbackTask t = new CallbackTask();
            t.id = UUID.randomUUID();
            t.notificationId = n.id;
            t.officeId = n.officeId;
            t.reservationId = n.reservationId;
            t.kind = n.kind;
            t.reason = reason;
            t.state = CallbackTask.State.OPEN;
            t.createdAt = OffsetDateTime.now(clock);
            return tasks.persist(t);
        });
    }

    @WithSession
    public Uni<Page<CallbackTask>> list(String officeId, CallbackTask.State state, PageRequest page) {
        return Page.of(tasks.ofOffice(officeId, state), page);
    }

    /** Claims an open task for {@code staffId}; 409 if another member of staff has it or it is done. */
    @WithTransaction
    public Uni<CallbackTask> claim(UUID id, String officeId, String staffId) {
        return tasks.claim(id, officeId, staffId, OffsetDateTime.now(clock))
                .flatMap(claimed -> visible(id, officeId).map(t -> {
                    if (!claimed && !(t.state == CallbackTask.State.CLAIMED && staffId.equals(t.claimedBy))) {
                        throw ProblemException.conflict("callback.taken", t.state).with("state", t.state);
                    }
                    return t;
                }));
    }

    /** The call sheet: number, name and what to tell, for the member of staff holding the task only. */
    @WithSession
    public Uni<Call> call(UUID id, String officeId, String staffId) {
        return visible(id, officeId).flatMap(t -> {
            requireHolder(t, staffId);
            Uni<MeetingDirectory.Access> meeting = MessagePlan.Kind.INVITATION.name().equals(t.kind)
                    ? meetings.access(t.reservationId) : Uni.createFrom().nullItem();
            return contacts.contact(t.reservationId)
                    .flatMap(contact -> meeting.map(m -> new Call(t, contact, m)));
        });
    }

    /**
     * Records the call: reached closes the task; not reached puts it back on the list for another try. The row is
     * versioned: of two concurrent completions, the later answers 409.
     */
    @WithTransaction
    public Uni<CallbackTask> complete(UUID id, String officeId, String staffId, CallbackTask.Outcome outcome,
            String note) {
        return visible(id, officeId).invoke(t -> {
            requireHolder(t, staffId);
            t.outcome = outcome;
            t.note = note;
            if (outcome == CallbackTask.Outcome.REACHED) {
                t.state = CallbackTask.State.DONE;
                t.completedAt = OffsetDateTime.now(clock);
            } else {
                t.state = CallbackTask.State.OPEN;
                t.claimedBy = null;
                t.claimedAt = null;
            }
        });
    }

    private Uni<CallbackTask> visible(UUID id, String officeId) {
        return Visible.orNotFound(tasks.findById(id), t -> t.officeId.equals(officeId), "callback", id);
    }

    private static void requireHolder(CallbackTask t, String staffId) {
        if (t.state != CallbackTask.State.CLAIMED || !staffId.equals(t.claimedBy)) {
            throw ProblemException.conflict("callback.not-yours", t.state).with("state", t.state);
        }
    }
}
