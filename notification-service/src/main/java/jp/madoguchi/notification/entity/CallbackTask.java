package jp.madoguchi.notification.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A phone call staff owe a person, where the rules say the details go by phone. No phone number or access code
 * is kept here: whoever claims the task reads them from their owners at that moment.
 */
@Entity
@Table(name = "callback_task")
public class CallbackTask extends PanacheEntityBase {

    public enum State { OPEN, CLAIMED, DONE }

    public enum Outcome { REACHED, UNREACHABLE }

    /** DETAILS: the rules say the details go by phone. UNDELIVERED: a message could not be delivered in time. */
    public enum Reason { DETAILS, UNDELIVERED }

    @Id
    public UUID id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    @Column(nullable = false)
    public String kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    public String note;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason = Reason.DETAILS;

    @Version
    public long version;
}
