package jp.madoguchi.meeting.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.meeting.entity.MeetingTask;

/** A TeleOffice call that is due, under way, done or given up; never a URL or a passcode. */
public record MeetingTaskView(UUID id, UUID reservationId, String officeId, String kind, String state, int attempts,
        OffsetDateTime slotStart, OffsetDateTime dueAt, String lastError, OffsetDateTime updatedAt) {

    public static MeetingTaskView of(MeetingTask t) {
        return new MeetingTaskView(t.id, t.reservationId, t.officeId, t.kind, t.state, t.attempts, t.slotStart, t.dueAt,
                t.lastError, t.updatedAt);
    }
}
