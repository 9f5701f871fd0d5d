package jp.madoguchi.consent.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person asked to consent to revised terms before their booked consultation (Kaga article 6(4)). */
@Entity
@Table(name = "reconsent_request")
public class ReconsentRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "terms_version_id", nullable = false)
    public String termsVersionId;

    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The session the booking is for. */
    @Column(name = "slot_start")
    public OffsetDateTime slotStart;

    /** The office's cut-off, as the reservation service computed it: the booking is void after it. */
    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "answered_at")
    public OffsetDateTime answeredAt;

    /** Optimistic lock: two answers at once record one consent; the other is told (409). */
    @Version
    public int version;
}
