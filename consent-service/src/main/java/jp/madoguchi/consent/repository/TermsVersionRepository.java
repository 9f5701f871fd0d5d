package jp.madoguchi.consent.repository;

import java.time.LocalDate;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.TermsVersion;

@ApplicationScoped
public class TermsVersionRepository implements PanacheRepositoryBase<TermsVersion, String> {

    /** Newest first (the id breaks ties, so pages never overlap); drafts only if asked for. */
    public PanacheQuery<TermsVersion> ofOffice(String officeId, boolean withDrafts) {
        return withDrafts
                ? find("officeId = ?1 order by effectiveFrom desc, enactedOn desc, id", officeId)
                : find("officeId = ?1 and status <> 'DRAFT' order by effectiveFrom desc, enactedOn desc, id", officeId);
    }

    public Uni<java.util.List<TermsVersion>> published(String officeId) {
        return list("officeId = ?1 and status = 'PUBLISHED'", officeId);
    }

    /** The newest published version, in force or due to take effect: what people are asked to consent to. */
    public Uni<TermsVersion> latestPublished(String officeId) {
        return find("officeId = ?1 and status = 'PUBLISHED' order by effectiveFrom desc", officeId).firstResult();
    }

    /** Published versions nobody has announced yet (the seeded ones, at first start). */
    public Uni<java.util.List<TermsVersion>> unannounced() {
        return list("status = 'PUBLISHED' and announcedAt is null order by effectiveFrom");
    }

    /** The version in force on {@code day}: the latest published one already effective. */
    public Uni<TermsVersion> inForce(String officeId, LocalDate day) {
        return find("officeId = ?1 and status in ('PUBLISHED', 'SUPERSEDED') and effectiveFrom <= ?2 "
                + "order by effectiveFrom desc", officeId, day).firstResult();
    }
}
