package jp.madoguchi.notification.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A booking's state as the reservation events tell it (a local projection, written only by the consumer with one
 * conditional upsert). It decides whether a message is still true when it goes out, without a call to the
 * reservation service: a cancelled booking's invitation is dropped even while that service is unreachable.
 */
@Entity
@Table(name = "booking_state")
public class BookingState extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(nullable = false)
    public String state;

    @Column(name = "slot_start")
    public OffsetDateTime slotStart;

    @Column(name = "slot_end")
    public OffsetDateTime slotEnd;

    /** The time of the event that set it: an older event arriving late changes nothing. */
    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
