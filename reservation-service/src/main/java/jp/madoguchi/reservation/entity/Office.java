package jp.madoguchi.reservation.entity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A public employment office offering online consultation. */
@Entity
@Table(name = "office")
public class Office extends PanacheEntityBase {

    /** Short code used in URLs and tokens, e.g. {@code kaga}. */
    @Id
    public String id;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    /** The office's {@code OfficePolicy}, as JSON. */
    public String policy;

    /**
     * The office's number (安定所番号): the first five digits of the seeker numbers it gives, so a person's office of
     * registration is read from their identity.
     */
    @Column(name = "office_code")
    public String officeCode;

    /** Where people phone: cancellations, missing answers. */
    public String phone;

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;
}
