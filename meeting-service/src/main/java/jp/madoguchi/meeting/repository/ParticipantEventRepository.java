package jp.madoguchi.meeting.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.entity.ParticipantEvent;

@ApplicationScoped
public class ParticipantEventRepository implements PanacheRepositoryBase<ParticipantEvent, UUID> {

    public Uni<List<ParticipantEvent>> of(UUID meetingId) {
        return list("meetingId = ?1 order by at", meetingId);
    }

    /** Whether the person the consultation is for (not staff, not a companion) has entered. */
    public Uni<Boolean> clientJoined(UUID meetingId) {
        return count("meetingId = ?1 and event = 'JOINED' and role in ('SEEKER', 'EMPLOYER')", meetingId).map(n -> n > 0);
    }
}
