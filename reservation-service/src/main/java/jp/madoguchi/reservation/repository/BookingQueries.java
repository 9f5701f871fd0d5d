package jp.madoguchi.reservation.repository;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.entity.Restriction;

/**
 * The reads of the write path, each folded into one statement so that an application or a confirmation makes as few
 * round trips to PostgreSQL as it can (README, "Performance: the write path"). All run on the caller's session, in its
 * transaction.
 * <p>
 * A lock and the reads it guards are never one statement: under READ COMMITTED a statement reads from the snapshot
 * taken when it starts, so a count in the statement that waited for the lock would miss what the previous holder
 * committed while it waited. The lock is one statement, and the count the next.
 */
@ApplicationScoped
public class BookingQueries {

    /** {@link ReservationRepository#HOLDS_SEAT} in SQL: a confirmed booking, also while it waits for re-consent. */
    private static final String HOLDS_SEAT = "(state = '" + ReservationState.CONFIRMED + "' OR (state = '"
            + ReservationState.AWAITING_RECONSENT + "' AND reconsent_from = '" + ReservationState.CONFIRMED + "'))";

    /** Advisory lock keys are text hashed as {@link AdvisoryLock} does, so both name the same locks. */
    private static final String LOCK = "pg_advisory_xact_lock(hashtextextended(%s, 0))";

    /**
     * The office's version, the person's active restriction, the terms in force, whether a named counselor works
     * there, and then the person's application lock: the restriction and the terms do not depend on the lock, and
     * nothing between this statement and the count that needs the lock waits on the database.
     */
    private static final String APPLICATION = "SELECT o.version,"
            + " (SELECT x.kind FROM restriction x WHERE x.user_id = :user AND x.office_id = o.id AND x.lifted_at IS NULL"
            + "   ORDER BY x.created_at LIMIT 1),"
            + " (SELECT t.terms_version_id FROM office_terms t WHERE t.office_id = o.id),"
            + " EXISTS (SELECT 1 FROM counselor c WHERE c.office_id = o.id AND c.user_id = :counselor),"
            + " (SELECT count(*) FROM (SELECT " + LOCK.formatted(":lock") + ") l)"
            + " FROM office o WHERE o.id = :office";

    /** After the person's lock: their open requests and their own applications since the start of today. */
    private static final String PERSON_COUNTS = "SELECT"
            + " count(*) FILTER (WHERE state = '" + ReservationState.REQUESTED + "'),"
            + " count(*) FILTER (WHERE kind = '" + Reservation.Kind.REGULAR + "' AND created_at >= :since)"
            + " FROM reservation WHERE user_id = :user AND office_id = :office";

    /**
     * The counselor confirming is on the office's roster (as {@link CounselorRepository#enrol}, but without touching
     * an existing row: an update would lock the counselor's row until commit and queue all of their confirmations
     * behind each other), the office's version, and whether the counselor the booking goes to works there.
     */
    private static final String CONFIRMATION = "WITH enrolled AS ("
            + " INSERT INTO counselor (office_id, user_id, name, enrolled_at) VALUES (:office, :caller, NULL, :now)"
            + " ON CONFLICT (office_id, user_id) DO NOTHING)"
            + " SELECT o.version, EXISTS (SELECT 1 FROM counselor c WHERE c.office_id = o.id AND c.user_id = :counselor)"
            + " FROM office o WHERE o.id = :office";

    private static final String SLOT_LOCK = "SELECT count(*) FROM (SELECT " + LOCK.formatted(":slot") + ") l";
    /** Slot first, then counselor, everywhere both are taken: two bookings never wait for each other in a circle. */
    private static final String SLOT_AND_COUNSELOR_LOCK = "SELECT count(*) FROM (SELECT " + LOCK.formatted(":slot") + ", "
            + LOCK.formatted(":counselor") + ") l";

    /** After the locks: the seats held in the slot and the counselor's consultations overlapping its time. */
    private static final String TAKEN = "SELECT"
            + " (SELECT count(*) FROM reservation WHERE office_id = :office AND slot_start = :start AND " + HOLDS_SEAT + "),"
            + " (SELECT count(*) FROM reservation WHERE counselor_id = :counselor AND slot_start < :end AND slot_end > :start"
            + "   AND " + HOLDS_SEAT + ")";

    /** Stands for "no counselor" in parameters: no user id is empty. */
    private static final String NOBODY = "";

    /** What an application reads before it writes; {@code restriction} and {@code termsVersionId} may be null. */
    public record ApplicationContext(long officeVersion, Restriction.Kind restriction, String termsVersionId,
            boolean counselorOfOffice) {
    }

    /** What a confirmation reads first. */
    public record ConfirmationContext(long officeVersion, boolean counselorOfOffice) {
    }

    /** Seats held in a slot and the counselor's overlapping consultations (0 without a counselor). */
    public record Taken(long seats, long counselorBusy) {
    }

    /**
     * One statement: see {@link #APPLICATION}. Holds the person's application lock at the office (the key
     * {@code applicationLock}) until the transaction ends; null, and no lock, if there is no such office.
     */
    public Uni<ApplicationContext> application(String officeId, String userId, String counselorId, String applicationLock) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(APPLICATION, Object[].class)
                .setParameter("office", officeId)
                .setParameter("user", userId)
                .setParameter("counselor", counselorId == null ? NOBODY : counselorId)
                .setParameter("lock", applicationLock)
                .getSingleResultOrNull())
                .map(row -> row == null ? null : new ApplicationContext(((Number) row[0]).longValue(),
                        row[1] == null ? null : Restriction.Kind.valueOf(row[1].toString()),
                        row[2] == null ? null : row[2].toString(), (Boolean) row[3]));
    }

    /** The person's open requests and today's applications, as {open, today}; after {@link #application}. */
    public Uni<long[]> personCounts(String officeId, String userId, OffsetDateTime since) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(PERSON_COUNTS, Object[].class)
                .setParameter("office", officeId)
                .setParameter("user", userId)
                .setParameter("since", since)
                .getSingleResult())
                .map(row -> new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue() });
    }

    /** One statement: see {@link #CONFIRMATION}. Null if there is no such office. */
    public Uni<ConfirmationContext> confirmation(String officeId, String callerId, String counselorId, OffsetDateTime now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(CONFIRMATION, Object[].class)
                .setParameter("office", officeId)
                .setParameter("caller", callerId)
                .setParameter("counselor", counselorId == null ? NOBODY : counselorId)
                .setParameter("now", now)
                .getSingleResultOrNull())
                // the statement cannot see its own insert: the caller is on the roster now, whatever EXISTS said
                .map(row -> row == null ? null : new ConfirmationContext(((Number) row[0]).longValue(),
                        callerId.equals(counselorId) || (Boolean) row[1]));
    }

    /** The slot's lock and, with a counselor, then the counselor's, in one statement, held until the transaction ends. */
    public Uni<Void> lock(String slotKey, String counselorKey) {
        return Panache.getSession().flatMap(s -> {
            var query = s.createNativeQuery(counselorKey == null ? SLOT_LOCK : SLOT_AND_COUNSELOR_LOCK, Long.class)
                    .setParameter("slot", slotKey);
            if (counselorKey != null) {
                query.setParameter("counselor", counselorKey);
            }
            return query.getSingleResult();
        }).replaceWithVoid();
    }

    /** After {@link #lock}: what holds the slot's seats and the counselor's time. */
    public Uni<Taken> taken(String officeId, OffsetDateTime start, OffsetDateTime end, String counselorId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(TAKEN, Object[].class)
                .setParameter("office", officeId)
                .setParameter("start", start)
                .setParameter("end", end)
                .setParameter("counselor", counselorId == null ? NOBODY : counselorId)
                .getSingleResult())
                .map(row -> new Taken(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }
}
