package jp.madoguchi.reservation.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.Reservation;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    public Uni<List<Reservation>> listOwnedBy(String userId) {
        return list("userId = ?1 order by slotStart", userId);
    }
}
