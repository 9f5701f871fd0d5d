package jp.madoguchi.notification.service;

import java.util.List;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.platform.observability.TraceContext;

/**
 * Sends queued messages: claim a batch (short transaction), then per message the look-ups and the send outside
 * any transaction, then its outcome in a transaction of its own. Nothing is dropped: a failure is retried for as
 * long as the message is of use, then it is DEAD and staff are told. A crash between send and record repeats that
 * one message once, when its lease runs out, with the same Message-ID.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final DispatchClaims claims;
    private final OutgoingMessages outgoing;
    private final MailSender sender;
    private final DeliveryRecorder recorder;
    private final Tracer tracer;

    public Dispatcher(DispatchClaims claims, OutgoingMessages outgoing, MailSender sender, DeliveryRecorder recorder,
            Tracer tracer) {
        this.claims = claims;
        this.outgoing = outgoing;
        this.sender = sender;
        this.recorder = recorder;
        this.tracer = tracer;
    }

    /**
     * The fallback poll. Seam for the platform's wake-on-commit batch helper: it calls {@link #processBatch()}
     * (once across replicas, when a message is committed), and this trigger stays as the poll behind it.
     */
    @Scheduled(every = "${madoguchi.notification.dispatch-interval:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return processBatch().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("dispatch pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Claims the messages due now and processes them one by one; returns how many were claimed. */
    public Uni<Integer> processBatch() {
        return claims.claimDue().flatMap(claimed -> Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndConcatenate(this::process)
                .collect().asList()
                .map(List::size));
    }

    private Uni<Void> process(Notification n) {
        if (!claims.stillHeld(n)) {
            LOG.infof("notification %s: lease nearly over before its turn; left for the next claim", n.id);
            return Uni.createFrom().voidItem();
        }
        // one span per attempt, in the trace of the event that asked for the message: the booking's trace
        // runs from the HTTP request through Kafka to this send
        Span span = tracer.spanBuilder("notification " + n.kind)
                .setParent(new TraceContext(n.traceParent, null).asParent())
                .setAttribute("madoguchi.notification.id", n.id.toString())
                .setAttribute("madoguchi.notification.attempt", (long) n.attempts)
                .startSpan();
        return Uni.createFrom().deferred(() -> outgoing.prepare(n)).flatMap(sender::send)
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure != null) {
                        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                        return recorder.failed(n, failure);
                    }
                    if (sent.channel() != null) {
                        span.setAttribute("madoguchi.notification.channel", sent.channel().name());
                    }
                    return recorder.done(n, sent);
                })
                .onTermination().invoke(span::end)
                // not recorded (the database away): the claim's lease runs out and the message is tried once more
                .onFailure().invoke(e -> LOG.warnf("notification %s: outcome not recorded: %s", n.id, e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
