package jp.madoguchi.consent.entity;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

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

    /** DRAFT, PUBLISHED or SUPERSEDED; published versions never change. */
    @Column(nullable = false)
    public String status;

    public String title;

    public String issuer;

    /** What changes and when it takes effect (article 13). */
    @Column(name = "change_notice")
    public String changeNotice;

    @Column(name = "previous_id")
    public String previousId;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    @Column(name = "announced_at")
    public OffsetDateTime announcedAt;

    /** When the draft was last edited. */
    @Column(name = "edited_at")
    public OffsetDateTime editedAt;

    /** Optimistic lock: an edit and a publication of the same draft never both commit. */
    @Version
    public int version;

    public static final String DRAFT = "DRAFT";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String SUPERSEDED = "SUPERSEDED";
}
