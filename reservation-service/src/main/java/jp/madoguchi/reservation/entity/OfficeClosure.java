package jp.madoguchi.reservation.entity;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A day an office is closed besides weekends, national holidays and the year-end closure. */
@Entity
@Table(name = "office_closure")
@IdClass(OfficeClosure.Key.class)
public class OfficeClosure extends PanacheEntityBase {

    @Id
    @Column(name = "office_id")
    public String officeId;

    @Id
    public LocalDate day;

    public String reason;

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;

    public static class Key implements Serializable {
        public String officeId;
        public LocalDate day;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(officeId, k.officeId) && Objects.equals(day, k.day);
        }

        @Override
        public int hashCode() {
            return Objects.hash(officeId, day);
        }
    }
}
