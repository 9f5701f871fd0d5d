package jp.madoguchi.notification.repository;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.CallbackTask;

@ApplicationScoped
public class CallbackTaskRepository implements PanacheRepositoryBase<CallbackTask, UUID> {

    /** Oldest first; the id breaks ties so that pages never overlap. */
    public PanacheQuery<CallbackTask> ofOffice(String officeId, CallbackTask.State state) {
        return state == null ? find("officeId = ?1 order by createdAt, id", officeId)
                : find("officeId = ?1 and state = ?2 order by createdAt, id", officeId, state);
    }

    /** Takes an open task for one member of staff; false if someone else was quicker. */
    public Uni<Boolean> claim(UUID id, String officeId, String staffId, OffsetDateTime at) {
        // one conditional statement: of two concurrent claims exactly one matches
        return update("state = ?1, claimedBy = ?2, claimedAt = ?3, version = version + 1 "
                        + "where id = ?4 and officeId = ?5 and state = ?6",
                CallbackTask.State.CLAIMED, staffId, at, id, officeId, CallbackTask.State.OPEN).map(n -> n == 1);
    }
}
