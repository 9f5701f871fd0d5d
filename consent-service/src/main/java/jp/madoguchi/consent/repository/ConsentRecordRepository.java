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

    public Uni<ConsentRecord> newestAt(String userId, String officeId) {
        return historyAt(userId, officeId).firstResult();
    }
}
