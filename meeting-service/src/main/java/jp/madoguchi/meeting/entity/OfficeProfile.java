package jp.madoguchi.meeting.entity;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An office as the office events of reservation-service (its owner) last told it: a local projection, written only
 * by the consumer with one conditional upsert.
 */
@Entity
@Table(name = "office_profile")
public class OfficeProfile extends PanacheEntityBase {

    @Id
    @Column(name = "office_id")
    public String officeId;

    /** The event's officeVersion: an event not newer than this changes nothing. */
    @Column(name = "office_version", nullable = false)
    public long officeVersion;

    /** OPEN or CLOSED. */
    @Column(nullable = false)
    public String state;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    /** The office's public line, where people phone. */
    @Column(nullable = false)
    public String phone;

    /** The office's policy (the event's {@code policy} object) as JSON text. */
    @Column(nullable = false)
    public String policy;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;
}
