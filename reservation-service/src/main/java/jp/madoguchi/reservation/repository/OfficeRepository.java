package jp.madoguchi.reservation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jp.madoguchi.reservation.entity.Office;

@ApplicationScoped
public class OfficeRepository implements PanacheRepositoryBase<Office, String> {

    /**
     * Claims the right to change what hangs off the office (its weekly schedule, its closure days) by moving the
     * office's version on, in one conditional statement: a concurrent change waits for this one and then fails
     * on the version it read, so two schedules are never mixed into one.
     */
    public Uni<Void> touch(Office office) {
        return update("version = version + 1 where id = ?1 and version = ?2", office.id, office.version)
                .invoke(n -> {
                    if (n != 1) {
                        throw new OptimisticLockException("office " + office.id + " changed concurrently");
                    }
                }).replaceWithVoid();
    }
}
