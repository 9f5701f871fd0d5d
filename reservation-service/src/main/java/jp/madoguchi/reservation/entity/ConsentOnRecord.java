package jp.madoguchi.reservation.entity;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Projection: the newest terms version a person consented to at an office, from ConsentRecorded. */
@Entity
@Table(name = "consent_on_record")
@IdClass(ConsentOnRecord.Key.class)
public class ConsentOnRecord extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public String userId;

    @Id
    @Column(name = "office_id")
    public String officeId;

    @Column(name = "terms_version_id", nullable = false)
    public String termsVersionId;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;

    public static class Key implements Serializable {
        public String userId;
        public String officeId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(officeId, k.officeId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, officeId);
        }
    }
}
