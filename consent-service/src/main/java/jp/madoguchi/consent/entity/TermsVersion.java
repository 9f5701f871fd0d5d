package jp.madoguchi.consent.entity;

import java.time.LocalDate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One version of an office's terms of use. */
@Entity
@Table(name = "terms_version")
public class TermsVersion extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "enacted_on", nullable = false)
    public LocalDate enactedOn;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(nullable = false)
    public String status;
}
