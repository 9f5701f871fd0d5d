package jp.madoguchi.reservation.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.WeeklySlot;

@ApplicationScoped
public class WeeklySlotRepository implements PanacheRepositoryBase<WeeklySlot, Long> {

    public Uni<List<WeeklySlot>> ofOffice(String officeId) {
        return list("officeId = ?1 order by dayOfWeek, startTime", officeId);
    }
}
