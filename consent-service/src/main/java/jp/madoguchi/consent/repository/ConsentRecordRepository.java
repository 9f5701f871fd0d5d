package jp.madoguchi.consent.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.ConsentRecord;

@ApplicationScoped
public class ConsentRecordRepository implements PanacheRepositoryBase<ConsentRecord, UUID> {

    public Uni<List<ConsentRecord>> history(String userId) {
        return list("userId = ?1 order by recordedAt desc", userId);
    }
}
