package jp.madoguchi.reservation.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.entity.ReservationState;

/**
 * The reads anyone signed in makes most, as projections in SQL on the service's pool: no session, no entity, no
 * personal column. Each is one statement; both carry the office's row version, which moves with every change of
 * its policy, profile, schedule or closure days ({@link OfficeRepository#touch}), so the caller can tell whether
 * what it keeps of the office is still current (see {@code OfficeSnapshots}).
 */
@ApplicationScoped
public class AvailabilityReads {

    /** {@link ReservationRepository#HOLDS_SEAT} in SQL: a confirmed booking, also while it waits for re-consent. */
    private static final String HELD = "SELECT o.version, h.slot_start, h.seats FROM office o LEFT JOIN ("
            + " SELECT slot_start, count(*) AS seats FROM reservation"
            + " WHERE office_id = $1 AND slot_start >= $2 AND slot_start < $3"
            + " AND (state = '" + ReservationState.CONFIRMED + "' OR (state = '" + ReservationState.AWAITING_RECONSENT
            + "' AND reconsent_from = '" + ReservationState.CONFIRMED + "'))"
            + " GROUP BY slot_start) h ON true WHERE o.id = $1";

    private static final String VERSION = "SELECT version FROM office WHERE id = $1";

    /** The office's row version and the seats held per slot start in {@code [from, to)}. */
    public record Held(long officeVersion, Map<Instant, Integer> seats) {
    }

    private final Pool pool;

    public AvailabilityReads(Pool pool) {
        this.pool = pool;
    }

    /** Seats held per slot between two instants, with the office's version read in the same statement; null if no such office. */
    public Uni<Held> held(String officeId, OffsetDateTime from, OffsetDateTime to) {
        return pool.preparedQuery(HELD).execute(Tuple.of(officeId, from, to)).map(AvailabilityReads::held);
    }

    /** The office's row version; null if no such office. */
    public Uni<Long> officeVersion(String officeId) {
        return pool.preparedQuery(VERSION).execute(Tuple.of(officeId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    private static Held held(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        long version = -1;
        Map<Instant, Integer> seats = new HashMap<>();
        for (Row row : rows) {
            version = row.getLong(0);
            OffsetDateTime start = row.getOffsetDateTime(1);
            if (start != null) {
                seats.put(start.toInstant(), row.getLong(2).intValue());
            }
        }
        return new Held(version, seats);
    }
}
