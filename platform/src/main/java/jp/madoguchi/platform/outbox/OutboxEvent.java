package jp.madoguchi.platform.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One event waiting to leave (or having left) through the outbox; written in the state change's transaction. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    public int attempts;

    /** W3C {@code traceparent} of the span that wrote the event; null when it was written outside any trace. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** W3C {@code tracestate} that goes with {@link #traceParent}, if any. */
    @Column(name = "trace_state")
    public String traceState;

    @Column(name = "last_error")
    public String lastError;

    /** Set when Kafka refused the row for good, after a few attempts: it waits for an operator. */
    @Column(name = "parked_at")
    public OffsetDateTime parkedAt;

    /** Set when an operator gave up on a parked row; the rows of its key behind it then leave. */
    @Column(name = "discarded_at")
    public OffsetDateTime discardedAt;

    @Column(name = "discard_reason")
    public String discardReason;
}
