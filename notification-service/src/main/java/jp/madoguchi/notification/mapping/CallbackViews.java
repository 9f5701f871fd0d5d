package jp.madoguchi.notification.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.notification.entity.CallbackTask;
import jp.madoguchi.notification.service.CallbackService;

/** Call-back tasks as staff see them: the list carries no personal details; the call sheet, for its holder, does. */
public final class CallbackViews {

    private CallbackViews() {
    }

    /** {@code reason}: DETAILS (the rules say by phone) or UNDELIVERED (the message could not be delivered in time). */
    public record Task(UUID id, String kind, CallbackTask.Reason reason, UUID reservationId, CallbackTask.State state, String claimedBy,
            OffsetDateTime claimedAt, CallbackTask.Outcome outcome, String note, OffsetDateTime createdAt,
            OffsetDateTime completedAt) {
    }

    /** What to say on the phone: to whom, which number, and for an access code, the code and the session's times. */
    public record CallSheet(Task task, String name, String phone, OffsetDateTime startsAt, OffsetDateTime closesAt,
            String joinUrl, String accessCode) {
    }

    public static Task of(CallbackTask t) {
        return new Task(t.id, t.kind, t.reason, t.reservationId, t.state, t.claimedBy, t.claimedAt, t.outcome, t.note,
                t.createdAt, t.completedAt);
    }

    public static CallSheet of(CallbackService.Call call) {
        var m = call.meeting();
        return new CallSheet(of(call.task()), call.contact().name(), call.contact().phone(),
                m != null ? m.startsAt() : call.contact().slotStart(), m != null ? m.closesAt() : call.contact().slotEnd(),
                m == null ? null : m.joinUrl(), m == null ? null : m.passcode());
    }
}
