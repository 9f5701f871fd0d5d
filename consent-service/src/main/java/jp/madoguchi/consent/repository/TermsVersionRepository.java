package jp.madoguchi.consent.repository;

import java.time.LocalDate;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.TermsVersion;

@ApplicationScoped
public class TermsVersionRepository implements PanacheRepositoryBase<TermsVersion, String> {

    /** The version in force on {@code day}: the latest published one already effective. */
    public Uni<TermsVersion> inForce(String officeId, LocalDate day) {
        return find("officeId = ?1 and status in ('PUBLISHED', 'SUPERSEDED') and effectiveFrom <= ?2 "
                + "order by effectiveFrom desc", officeId, day).firstResult();
    }
}
