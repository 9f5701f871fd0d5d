package jp.madoguchi.consent.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Evidence that a person consented to a version of an office's terms. */
@Entity
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "terms_version_id", nullable = false)
    public String termsVersionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentMethod method;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "reservation_id")
    public UUID reservationId;

    /** Evidence: where the consent was given (MYPAGE, EMAIL_LINK, APPLICATION). */
    public String channel;

    /** Evidence: a keyed hash of the device identifier; the identifier itself is never stored. */
    @Column(name = "device_pseudonym")
    public String devicePseudonym;
}
