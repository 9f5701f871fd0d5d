package jp.madoguchi.consent.repository;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.ConsentRecord;

@ApplicationScoped
public class ConsentRecordRepository implements PanacheRepositoryBase<ConsentRecord, UUID> {

    /** Newest first (the id breaks ties, so pages never overlap). */
    public PanacheQuery<ConsentRecord> history(String userId) {
        return find("userId = ?1 order by recordedAt desc, id", userId);
    }

    public PanacheQuery<ConsentRecord> historyAt(String userId, String officeId) {
        return find("userId = ?1 and officeId = ?2 order by recordedAt desc, id", userId, officeId);
    }

    /** Everyone with a consent on record at the office, each once. */
    public Uni<java.util.List<String>> consentersAt(String officeId) {
        return getSession().flatMap(s -> s.createSelectionQuery(
                "select distinct r.userId from ConsentRecord r where r.officeId = :office order by r.userId", String.class)
                .setParameter("office", officeId).getResultList());
    }

    public Uni<ConsentRecord> newestAt(String userId, String officeId) {
        return historyAt(userId, officeId).firstResult();
    }
}
