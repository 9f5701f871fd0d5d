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

/** One message to a person and its delivery state. Holds no contact details: those are fetched to send. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    public enum Status { QUEUED, SENT, FAILED, DEAD }

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
}
