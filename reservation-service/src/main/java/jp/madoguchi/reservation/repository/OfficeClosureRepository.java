package jp.madoguchi.reservation.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.OfficeClosure;

@ApplicationScoped
public class OfficeClosureRepository implements PanacheRepositoryBase<OfficeClosure, OfficeClosure.Key> {

    public Uni<List<OfficeClosure>> ofOffice(String officeId) {
        return list("officeId = ?1 order by day", officeId);
    }

    /** Day is unique within an office: a total order for paging. */
    public PanacheQuery<OfficeClosure> pageOf(String officeId) {
        return find("officeId = ?1 order by day", officeId);
    }
}
