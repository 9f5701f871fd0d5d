package jp.madoguchi.platform.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import jp.madoguchi.platform.inbox.Failures.Kind;
import jp.madoguchi.platform.inbox.ParkedEvent.Reason;
import jp.madoguchi.platform.inbox.ParkedEvent.Status;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;

/**
 * The service's parked records: kept as they arrived, listed for operators, replayed through the same checks and
 * handler as a live record (idempotent: the inbox's processed-id dedupe makes a second replay, or the replay of a
 * record handled meanwhile, a no-op) or discarded with a reason that is kept.
 */
@ApplicationScoped
public class ParkingLot {

    private static final Logger LOG = Logger.getLogger(ParkingLot.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final Clock clock;
    private final InboxMetrics metrics;
    /** The inbox parks through this lot and replays through the inbox: a lazy handle breaks the cycle. */
    private final Instance<EventInbox> inbox;

    public ParkingLot(ObjectMapper mapper, Clock clock, InboxMetrics metrics, Instance<EventInbox> inbox) {
        this.mapper = mapper;
        this.clock = clock;
        this.metrics = metrics;
        this.inbox = inbox;
    }

    /** Records a parked record, or notes that the same record (same topic, partition, offset) came back. */
    Uni<Void> park(String consumer, KafkaRecord record, IncomingEvent event, Reason reason, String error, int attempts) {
        String headers;
        try {
            headers = mapper.writeValueAsString(record.headers());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new PermanentEventFailure("headers not serialisable", e));
        }
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "insert into parked_event (id, consumer, topic, kafka_partition, kafka_offset, record_key, event_id, "
                                + "event_type, event_source, headers, payload, reason, error, first_seen_at, last_seen_at, "
                                + "attempts, status) values (:id, :consumer, :topic, :partition, :offset, :key, :eventId, "
                                + ":type, :source, :headers, :payload, :reason, :error, :now, :now, :attempts, 'PARKED') "
                                + "on conflict (consumer, topic, kafka_partition, kafka_offset) do update set "
                                + "last_seen_at = excluded.last_seen_at, attempts = parked_event.attempts + excluded.attempts, "
                                + "error = excluded.error")
                .setParameter("id", UUID.randomUUID())
                .setParameter("consumer", consumer)
                .setParameter("topic", record.topic())
                .setParameter("partition", record.partition())
                .setParameter("offset", record.offset())
                .setParameter("key", cut(record.key(), 200))
                .setParameter("eventId", cut(event != null ? event.id() : record.headers().get("ce_id"), 200))
                .setParameter("type", cut(event != null ? event.type() : record.headers().get("ce_type"), 200))
                .setParameter("source", cut(event != null ? event.source() : record.headers().get("ce_source"), 200))
                .setParameter("headers", headers)
                .setParameter("payload", record.payload())
                .setParameter("reason", reason.name())
                .setParameter("error", cut(error, 2000))
                .setParameter("now", now)
                .setParameter("attempts", attempts)
                .executeUpdate()))
                .replaceWithVoid();
    }

    /** A page of parked records, oldest first; {@code status} null for every status. */
    public Uni<Page<ParkedEvent>> page(Status status, PageRequest request) {
        return Panache.withSession(() -> Page.of(status == null
                ? ParkedEvent.<ParkedEvent>find("order by firstSeenAt, id")
                : ParkedEvent.<ParkedEvent>find("status = ?1 order by firstSeenAt, id", status), request));
    }

    public Uni<ParkedEvent> find(UUID id) {
        return Panache.withSession(() -> ParkedEvent.<ParkedEvent>findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("parked-event", id));
    }

    /**
     * Hands a parked record to its consumer again, through the same checks and handler as a live record. Already
     * replayed: a no-op answering the row as it is. Still failing: the row stays parked with the new error, and the
     * caller gets a 409 (cannot succeed) or 503 (try again later) problem.
     */
    public Uni<ParkedEvent> replay(UUID id, String operator) {
        return Panache.withTransaction(() -> lockOpen(id, false).flatMap(row -> {
            if (row.status != Status.PARKED) {
                return Uni.createFrom().item(row);
            }
            IncomingEvent event = readable(row);
            inbox.get().violation(row.topic, event).ifPresent(v -> {
                throw new PermanentEventFailure(v);
            });
            var handler = inbox.get().handler(row.consumer, event.type())
                    .orElseThrow(() -> new ProblemException(409, "parked-event.no-handler", row.consumer, event.type()));
            return inbox.get().handleOnce(row.consumer, event, handler).map(ran -> {
                row.status = Status.REPLAYED;
                row.resolvedAt = now();
                row.resolvedBy = operator;
                row.attempts++;
                LOG.infof("%s: parked event %s (%s) replayed by %s%s", row.consumer, row.eventId, row.eventType,
                        operator, ran ? "" : " (already processed: nothing done)");
                metrics.resolved(row.consumer, "replayed");
                return row;
            });
        })).onFailure(f -> !isOwnAnswer(f)).recoverWithUni(failure -> stillFailing(id, failure));
    }

    /** This lot's own answers (no such row, no handler) go to the operator as they are; the rest is the handler's. */
    private static boolean isOwnAnswer(Throwable f) {
        return f instanceof ProblemException p && (p.type().startsWith("parked-event.") || p.type().equals("not-found"));
    }

    /** Closes a parked record without handling it; the reason is kept with the row. */
    public Uni<ParkedEvent> discard(UUID id, String operator, String reason) {
        return Panache.withTransaction(() -> lockOpen(id, true).map(row -> {
            row.status = Status.DISCARDED;
            row.resolvedAt = now();
            row.resolvedBy = operator;
            row.discardReason = cut(reason, 1000);
            LOG.infof("%s: parked event %s (%s) discarded by %s", row.consumer, row.eventId, row.eventType, operator);
            metrics.resolved(row.consumer, "discarded");
            return row;
        }));
    }

    private Uni<ParkedEvent> lockOpen(UUID id, boolean mustBeOpen) {
        return ParkedEvent.<ParkedEvent>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("parked-event", id))
                .invoke(row -> {
                    if (mustBeOpen && row.status != Status.PARKED) {
                        throw ProblemException.conflict("parked-event.resolved", id, row.status);
                    }
                });
    }

    private IncomingEvent readable(ParkedEvent row) {
        try {
            return IncomingEvent.from(mapper.readValue(row.headers, HEADERS), row.payload, mapper)
                    .orElseThrow(() -> new PermanentEventFailure("not a readable CloudEvent"));
        } catch (JsonProcessingException e) {
            throw new PermanentEventFailure("stored headers unreadable", e);
        }
    }

    /** The replay failed: the row keeps waiting, with what failed this time. */
    private Uni<ParkedEvent> stillFailing(UUID id, Throwable failure) {
        String error = Failures.describe(failure);
        Kind kind = Failures.classify(failure);
        LOG.warnf("parked event row %s: replay failed (%s): %s", id, kind, error);
        return Panache.withTransaction(() -> ParkedEvent.<ParkedEvent>findById(id).invoke(row -> {
            row.attempts++;
            row.lastSeenAt = now();
            row.error = cut(error, 2000);
        })).onItemOrFailure().transformToUni((row, f) -> Uni.createFrom().failure(kind == Kind.TRANSIENT
                ? new ProblemException(503, "parked-event.unavailable", id)
                : new ProblemException(409, "parked-event.still-failing", id).with("error", cut(error, 500))));
    }

    private OffsetDateTime now() {
        // as PostgreSQL keeps it, so an answer read back later shows the same instant
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
