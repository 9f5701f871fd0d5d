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

/** A person may not book online at an office until staff lift this. */
@Entity
@Table(name = "restriction")
public class Restriction extends PanacheEntityBase {

    public enum Kind {
        /** Refused for threats, abuse or use for other purposes than finding work (article 12). */
        REFUSED,
        /** Suspended after a no-show, until staff review (article 6). */
        SUSPENDED
    }

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "lifted_at")
    public OffsetDateTime liftedAt;

    @Column(name = "lifted_by")
    public String liftedBy;

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;
}
