package jp.madoguchi.platform.inbox;

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

/** A record a consumer could not handle, kept as it arrived until an operator replays or discards it. */
@Entity
@Table(name = "parked_event")
public class ParkedEvent extends PanacheEntityBase {

    /** Why a record was parked. */
    public enum Reason {
        /** No CloudEvent, or a payload that is not JSON. */
        UNREADABLE,
        /** Its source or type does not belong to its topic's owner (issue 12): not believed. */
        NOT_FROM_OWNER,
        /** Read and believed, but its handler can never accept it (bad field, unknown reference, forbidden state). */
        REJECTED
    }

    public enum Status { PARKED, REPLAYED, DISCARDED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String consumer;

    @Column(nullable = false)
    public String topic;

    @Column(name = "kafka_partition", nullable = false)
    public int partition;

    @Column(name = "kafka_offset", nullable = false)
    public long offset;

    @Column(name = "record_key")
    public String key;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_source")
    public String eventSource;

    /** Every record header as a JSON object of strings (the CloudEvents attributes among them). */
    @Column(nullable = false)
    public String headers;

    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Reason reason;

    @Column(nullable = false)
    public String error;

    @Column(name = "first_seen_at", nullable = false)
    public OffsetDateTime firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    public int attempts;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "resolved_at")
    public OffsetDateTime resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "discard_reason")
    public String discardReason;

    @Version
    public int version;
}
