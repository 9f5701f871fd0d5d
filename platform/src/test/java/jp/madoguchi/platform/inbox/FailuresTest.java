package jp.madoguchi.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import jp.madoguchi.platform.inbox.Failures.Kind;
import jp.madoguchi.platform.problem.ProblemException;

/** Which failures are waited out and which park the record at once. */
class FailuresTest {

    @Test
    void anAbsentDatabaseOrDependencyIsTransientWhateverWrapsIt() {
        assertEquals(Kind.TRANSIENT, Failures.classify(new RuntimeException(new ConnectException("refused"))));
        assertEquals(Kind.TRANSIENT, Failures.classify(new PgException("not accepting connections", "FATAL", "55000", null)));
        assertEquals(Kind.TRANSIENT, Failures.classify(new PgException("terminating connection", "FATAL", "57P01", null)));
        assertEquals(Kind.TRANSIENT, Failures.classify(new jakarta.ws.rs.WebApplicationException(503)));
        assertEquals(Kind.TRANSIENT, Failures.classify(new jakarta.persistence.OptimisticLockException("lost race")));
    }

    @Test
    void aRecordThatCannotSucceedIsPermanent() {
        assertEquals(Kind.PERMANENT, Failures.classify(PermanentEventFailure.unknownReference("reservation", "x")));
        assertEquals(Kind.PERMANENT, Failures.classify(new IllegalArgumentException("Invalid UUID string: x")));
        assertEquals(Kind.PERMANENT, Failures.classify(new DateTimeParseException("bad", "x", 0)));
        assertEquals(Kind.PERMANENT, Failures.classify(ProblemException.conflict("reservation.illegal-transition")));
        assertEquals(Kind.PERMANENT, Failures.classify(new PgException("value too long", "ERROR", "22001", null)));
        assertEquals(Kind.PERMANENT, Failures.classify(new jakarta.ws.rs.WebApplicationException(404)));
    }

    @Test
    void anythingElseIsRetriedBoundedly() {
        assertEquals(Kind.UNCLASSIFIED, Failures.classify(new IllegalStateException("a bug")));
        assertEquals(Kind.UNCLASSIFIED, Failures.classify(new NullPointerException()));
    }
}
