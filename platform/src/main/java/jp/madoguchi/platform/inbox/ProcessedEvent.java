package jp.madoguchi.platform.inbox;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An event a consumer has handled; its key makes a redelivered event a no-op. */
@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    public String consumer;

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;

    public static class Key implements Serializable {
        public String consumer;
        public String eventId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(consumer, k.consumer) && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
