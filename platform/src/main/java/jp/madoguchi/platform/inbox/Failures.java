package jp.madoguchi.platform.inbox;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JacksonException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jp.madoguchi.platform.problem.ProblemException;

/**
 * Sorts a failure by its type (and, for PostgreSQL, its SQLSTATE class): worth retrying while it lasts, or sure to
 * fail again. Looks through wrappers (Hibernate, Mutiny, REST client) at every cause.
 */
public final class Failures {

    /** What to do with a failed attempt. */
    public enum Kind {
        /** The database, the broker or a dependency is away or busy: retry for as long as it lasts. */
        TRANSIENT,
        /** The event itself is wrong here: park it for an operator. */
        PERMANENT,
        /** Neither: retried a bounded number of times, then parked (a bug should not hold a partition forever). */
        UNCLASSIFIED
    }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = classifyOne(t);
            if (kind != null) {
                return kind;
            }
        }
        return Kind.UNCLASSIFIED;
    }

    private static Kind classifyOne(Throwable t) {
        if (t instanceof PermanentEventFailure) {
            return Kind.PERMANENT;
        }
        if (t instanceof PgException pg) {
            return sqlState(pg.getSqlState());
        }
        if (t instanceof ClosedConnectionException || t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException || t instanceof IOException
                || t instanceof OptimisticLockException || t instanceof PessimisticLockException
                || t instanceof org.hibernate.StaleStateException || t instanceof ProcessingException) {
            return Kind.TRANSIENT;
        }
        if (t instanceof WebApplicationException web) {
            int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
            return status >= 500 || status == 429 || status == 408 ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        if (t instanceof ProblemException problem) {
            // a business rule said no (a state that forbids it, an unknown id): asking again changes nothing
            return problem.status() >= 500 || problem.status() == 429 ? Kind.TRANSIENT : Kind.PERMANENT;
        }
        if (t instanceof JacksonException || t instanceof DateTimeException || t instanceof ValidationException
                || t instanceof IllegalArgumentException) {
            // an unreadable field: UUID.fromString, OffsetDateTime.parse, a missing required value
            return Kind.PERMANENT;
        }
        if (t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).toLowerCase().contains("connection")) {
            // the pool's "Connection is not active now", "Connection refused" and friends
            return Kind.TRANSIENT;
        }
        return null;
    }

    /** PostgreSQL error classes that say "not now" rather than "never". */
    private static Kind sqlState(String state) {
        if (state == null || state.length() < 2) {
            return Kind.UNCLASSIFIED;
        }
        return switch (state.substring(0, 2)) {
            // connection exception, invalid authorization (a role locked during maintenance), transaction
            // rollback (serialization, deadlock), insufficient resources, object not in prerequisite state
            // (lock not available, database not accepting connections), operator intervention (shutdown,
            // cannot connect now), system error
            case "08", "28", "40", "53", "55", "57", "58" -> Kind.TRANSIENT;
            // data exception, integrity constraint violation: this record will break them again
            case "22", "23" -> Kind.PERMANENT;
            default -> Kind.UNCLASSIFIED;
        };
    }

    /** Exception class and message, bounded: what an operator needs, never a payload. */
    public static String describe(Throwable failure) {
        return chain(failure, true);
    }

    /** The exception classes of the cause chain only, for a log line where a message might carry personal data. */
    public static String classes(Throwable failure) {
        return chain(failure, false);
    }

    private static String chain(Throwable failure, boolean messages) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = failure; t != null && s.length() < 1500; t = t.getCause() == t ? null : t.getCause()) {
            if (!s.isEmpty()) {
                s.append(" <- ");
            }
            s.append(t.getClass().getName());
            if (messages && t.getMessage() != null) {
                s.append(": ").append(t.getMessage());
            }
        }
        return s.length() <= 2000 ? s.toString() : s.substring(0, 2000);
    }
}
