package jp.madoguchi.consent.repository;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.entity.ReconsentRequest;

@ApplicationScoped
public class ReconsentRequestRepository implements PanacheRepositoryBase<ReconsentRequest, UUID> {

    public Uni<ReconsentRequest> forReservation(UUID reservationId, String versionId) {
        return find("reservationId = ?1 and termsVersionId = ?2", reservationId, versionId).firstResult();
    }
}
