package jp.madoguchi.reservation.entity;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Projection: the version of an office's terms in force, from the consent service's TermsRevised. */
@Entity
@Table(name = "office_terms")
public class OfficeTerms extends PanacheEntityBase {

    @Id
    @Column(name = "office_id")
    public String officeId;

    @Column(name = "terms_version_id", nullable = false)
    public String termsVersionId;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;
}
