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

    /**
     * Access records of an office's meetings between two instants, for the admin's audit export: {@code limit} rows
     * from {@code offset}, by time (the id breaks ties, so consecutive pages never overlap).
     */
    public Uni<List<Object[]>> auditRows(String officeId, java.time.OffsetDateTime from, java.time.OffsetDateTime to,
            int offset, int limit) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(s -> s.createSelectionQuery(
                        "select m.reservationId, m.providerMeetingId, p.role, p.event, p.at, p.devicePseudonym "
                                + AUDIT_ROWS + " order by p.at, p.id", Object[].class)
                .setParameter("office", officeId).setParameter("from", from).setParameter("to", to)
                .setFirstResult(offset).setMaxResults(limit)
                .getResultList());
    }

    public Uni<Long> countAuditRows(String officeId, java.time.OffsetDateTime from, java.time.OffsetDateTime to) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(s -> s.createSelectionQuery(
                        "select count(*) " + AUDIT_ROWS, Long.class)
                .setParameter("office", officeId).setParameter("from", from).setParameter("to", to)
                .getSingleResult());
    }

    private static final String AUDIT_ROWS = "from ParticipantEvent p, Meeting m where p.meetingId = m.id "
            + "and m.officeId = :office and p.at >= :from and p.at < :to";

    /** Whether the person the consultation is for (not staff, not a companion) has entered. */
    public Uni<Boolean> clientJoined(UUID meetingId) {
        return count("meetingId = ?1 and event = 'JOINED' and role in ('SEEKER', 'EMPLOYER')", meetingId).map(n -> n > 0);
    }
}
