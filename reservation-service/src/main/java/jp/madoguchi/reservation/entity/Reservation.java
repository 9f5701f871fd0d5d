package jp.madoguchi.reservation.entity;

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

/** One application for a consultation and everything that happens to it. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    /** Keycloak subject of the applicant. */
    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "seeker_number", nullable = false)
    public String seekerNumber;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String phone;

    @Column(name = "slot_start", nullable = false)
    public OffsetDateTime slotStart;

    @Column(name = "slot_end", nullable = false)
    public OffsetDateTime slotEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReservationState state;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public int version;
}
