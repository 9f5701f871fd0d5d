package jp.madoguchi.meeting.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A call to TeleOffice that must happen (create, revoke or end a reservation's meeting), recorded with the event that
 * asked for it and carried out by {@link jp.madoguchi.meeting.service.MeetingTaskWorker} outside any transaction.
 */
@Entity
@Table(name = "meeting_task")
public class MeetingTask extends PanacheEntityBase {

    public static final String PROVISION = "PROVISION";
    public static final String REVOKE = "REVOKE";
    /** End a meeting before its close (a no-show, staff), with a notice for whoever comes to it later. */
    public static final String END = "END";

    public static final String PENDING = "PENDING";
    /** Claimed by a worker until {@link #dueAt}; taken again after that if no outcome was recorded. */
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    /** A provisioning that a cancellation made unnecessary before it ran. */
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "booking_kind")
    public String bookingKind;

    @Column(name = "slot_start", nullable = false)
    public OffsetDateTime slotStart;

    @Column(name = "slot_end", nullable = false)
    public OffsetDateTime slotEnd;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "due_at", nullable = false)
    public OffsetDateTime dueAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
