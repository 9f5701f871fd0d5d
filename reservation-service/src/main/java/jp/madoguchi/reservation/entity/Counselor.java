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

/**
 * A counselor of an office: whom a booking of that office may be given to. Enrolled when the counselor works at the
 * office (their token names it) or by the office's admin.
 */
@Entity
@Table(name = "counselor")
@IdClass(Counselor.Key.class)
public class Counselor extends PanacheEntityBase {

    @Id
    @Column(name = "office_id")
    public String officeId;

    /** Keycloak subject. */
    @Id
    @Column(name = "user_id")
    public String userId;

    public String name;

    @Column(name = "enrolled_at", nullable = false)
    public OffsetDateTime enrolledAt;

    public static class Key implements Serializable {
        public String officeId;
        public String userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(officeId, k.officeId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(officeId, userId);
        }
    }
}
