package jp.madoguchi.reservation.observability;

import java.util.Set;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.observability.GaugeTable;
import jp.madoguchi.platform.outbox.OutboxPublished;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.events.ReservationEvents;

/**
 * The reservation figures an office and operations watch, tagged by office. Counters follow the events that
 * left through the outbox (committed changes only, see {@link OutboxPublished}); the gauge of current
 * reservations per office and state is a cheap {@code group by} on a timer.
 */
@ApplicationScoped
public class ReservationMetrics {

    private static final Logger LOG = Logger.getLogger(ReservationMetrics.class);
    /** Events that announce something without moving the reservation to another state. */
    private static final Set<String> NOT_A_STATE_CHANGE = Set.of(ReservationEvents.RESPONSE_OVERDUE);

    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final ReservationConfig config;
    private final GaugeTable current;

    public ReservationMetrics(MeterRegistry registry, ObjectMapper mapper, ReservationConfig config) {
        this.registry = registry;
        this.mapper = mapper;
        this.config = config;
        this.current = new GaugeTable(registry, "madoguchi.reservations.current",
                "Reservations now in each state, per office", "office", "state");
    }

    void onPublished(@Observes OutboxPublished event) {
        if (!config.topic().equals(event.topic())) {
            return;
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(event.payload());
        } catch (Exception e) {
            LOG.debugf("reservation event %s not counted: unreadable payload", event.subject());
            return;
        }
        String office = text(payload, "officeId");
        if (!NOT_A_STATE_CHANGE.contains(event.type())) {
            count("madoguchi.reservations", "Reservation state changes, by office and the state entered",
                    "office", office, "state", text(payload, "state"));
        }
        if (ReservationEvents.CONFIRMED.equals(event.type())) {
            count("madoguchi.reservation.confirmations", "Reservations confirmed (本予約)", "office", office);
        } else if (ReservationEvents.NO_SHOW.equals(event.type())) {
            count("madoguchi.reservation.no.shows", "Reservations closed as no-shows", "office", office);
        } else if (ReservationEvents.RESPONSE_OVERDUE.equals(event.type())) {
            count("madoguchi.reservation.responses.overdue", "Requests the office did not answer in time",
                    "office", office);
        }
    }

    @Scheduled(every = "${madoguchi.metrics.refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return refresh()
                .onFailure().invoke(e -> LOG.debugf("reservation gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reads the current counts per office and state now. */
    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select r.officeId, r.state, count(r) from Reservation r group by r.officeId, r.state",
                        Object[].class)
                .getResultList()))
                .invoke(current::update)
                .replaceWithVoid();
    }

    /** Current reservations of an office in a state, as last read; for tests. */
    public long current(String office, String state) {
        return current.value(office, state);
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    private static String text(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        return node == null || node.isNull() ? "none" : node.asText();
    }
}
