package jp.madoguchi.meeting.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Local projection of a reservation: when it is and what state it is in, nothing personal. */
@Entity
@Table(name = "booking")
public class Booking extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "slot_start", nullable = false)
    public OffsetDateTime slotStart;

    @Column(name = "slot_end", nullable = false)
    public OffsetDateTime slotEnd;

    @Column(nullable = false)
    public String state;

    /** The office's no-show grace as the reservation events said it once confirmed; null: they did not say. */
    @Column(name = "no_show_grace_minutes")
    public Integer noShowGraceMinutes;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Optimistic locking: a change made on a stale copy fails instead of undoing another (409 to a person). */
    @Version
    public long version;
}
