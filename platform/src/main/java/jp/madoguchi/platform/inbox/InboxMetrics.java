package jp.madoguchi.platform.inbox;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.inbox.Failures.Kind;
import jp.madoguchi.platform.inbox.ParkedEvent.Reason;
import jp.madoguchi.platform.observability.GaugeTable;

/**
 * What an operator watches of the consumers: records parked (a counter, and a gauge of those still waiting for
 * a decision, by consumer and reason), retries of failing handlers, replays and discards.
 */
@ApplicationScoped
public class InboxMetrics {

    private static final Logger LOG = Logger.getLogger(InboxMetrics.class);

    private final MeterRegistry registry;
    private final GaugeTable open;

    public InboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.open = new GaugeTable(registry, "madoguchi.inbox.parked.open",
                "Parked records waiting for an operator (replay or discard)", "consumer", "reason");
    }

    void parked(String consumer, Reason reason) {
        Counter.builder("madoguchi.inbox.parked").description("Records a consumer parked instead of handling them")
                .tag("consumer", consumer).tag("reason", reason.name()).register(registry).increment();
    }

    void retried(String consumer, Kind kind) {
        Counter.builder("madoguchi.inbox.retries").description("Failed attempts to handle a record that were retried")
                .tag("consumer", consumer).tag("kind", kind.name()).register(registry).increment();
    }

    void resolved(String consumer, String outcome) {
        Counter.builder("madoguchi.inbox.parked.resolved").description("Parked records replayed or discarded by an operator")
                .tag("consumer", consumer).tag("outcome", outcome).register(registry).increment();
    }

    @Scheduled(every = "${madoguchi.metrics.refresh-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return refresh()
                .onFailure().invoke(e -> LOG.debugf("inbox metrics not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                        .createSelectionQuery("select p.consumer, p.reason, count(p) from ParkedEvent p "
                                + "where p.status = jp.madoguchi.platform.inbox.ParkedEvent.Status.PARKED "
                                + "group by p.consumer, p.reason", Object[].class)
                        .getResultList()))
                .invoke(open::update)
                .replaceWithVoid();
    }
}
