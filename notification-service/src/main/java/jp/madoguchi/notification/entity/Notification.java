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

/** One message to a person and its delivery state. Holds no contact details: those are fetched to send. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    /**
     * QUEUED → SENDING (claimed, lease running) → SENT | FAILED (due again later) | SKIPPED (no longer true) |
     * DEAD (no longer of use, staff told). A SENDING message whose lease ran out is due again.
     */
    public enum Status { QUEUED, SENDING, SENT, FAILED, SKIPPED, DEAD }

    public enum Channel { EMAIL, INBOX, CALLBACK }

    @Id
    public UUID id;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "office_id")
    public String officeId;

    /** Decided when the message goes out; empty while it waits. */
    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public int attempts;

    /** When it is due; while SENDING, when the claim's lease runs out. */
    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    /** Template values from the event (JSON): identifiers and times, nothing personal. */
    @Column(nullable = false)
    public String params;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /** W3C traceparent of the event that asked for this message: sending it continues that trace. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** Whose claim this is while SENDING: only that holder records the outcome. */
    @Column(name = "claim_token")
    public UUID claimToken;

    /** Past this the message is of no use to the person: it is DEAD and staff are told. */
    @Column(name = "useful_until")
    public OffsetDateTime usefulUntil;

    /** Why a SKIPPED message was not sent (the booking's state then). */
    @Column(name = "skip_reason")
    public String skipReason;

    /** The message came back undelivered (a delivery report in the office's mailbox). */
    @Column(name = "bounced_at")
    public OffsetDateTime bouncedAt;

    @Version
    public long version;

    /** The email's Message-ID, the same for every attempt: a repeat after a crash is recognisable as the same mail. */
    public String messageId() {
        return "<" + id + "@notification.madoguchi>";
    }
}
