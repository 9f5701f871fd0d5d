package jp.madoguchi.notification.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.platform.jobs.BatchJobs;
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
    /** The PostgreSQL NOTIFY channel of queued messages. */
    static final String CHANNEL = "madoguchi_messages";

    private final DispatchClaims claims;
    private final OutgoingMessages outgoing;
    private final MailSender sender;
    private final DeliveryRecorder recorder;
    private final Tracer tracer;
    private final BatchJobs jobs;
    private final NotificationConfig config;

    public Dispatcher(DispatchClaims claims, OutgoingMessages outgoing, MailSender sender, DeliveryRecorder recorder,
            Tracer tracer, BatchJobs jobs, NotificationConfig config) {
        this.claims = claims;
        this.outgoing = outgoing;
        this.sender = sender;
        this.recorder = recorder;
        this.tracer = tracer;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * Runs {@link #processBatch()} as soon as a queued message commits ({@link #CHANNEL}), batch after batch while
     * there are any, and on the fallback poll for retries that come due and wake-ups missed while the LISTEN
     * connection was down. Replicas share the work: the claim skips rows another holds.
     */
    void start(@Observes StartupEvent event) {
        if ("off".equalsIgnoreCase(config.dispatchInterval().strip())) {
            return;
        }
        jobs.define("notification-dispatcher").every(DurationConverter.parseDuration(config.dispatchInterval()))
                .initialDelay(Duration.ofSeconds(2)).wakeOn(CHANNEL).start(BatchJobs.counting(this::processBatch));
    }

    /** Wakes the dispatchers when the caller's transaction commits: a message was queued. */
    public static Uni<Void> wake() {
        return BatchJobs.notify(CHANNEL);
    }

    /**
     * Claims the messages due now and processes them, several bookings at a time (each send waits mostly on
     * look-ups and SMTP), one booking's messages in the order they were asked for (an invitation before the
     * cancellation after it); returns how many were claimed.
     */
    public Uni<Integer> processBatch() {
        return claims.claimDue().flatMap(claimed -> Multi.createFrom()
                .iterable(claimed.stream().collect(Collectors.groupingBy(
                        (Notification n) -> n.reservationId == null ? n.id : n.reservationId,
                        LinkedHashMap::new, Collectors.toList())).values())
                // each booking on a context (and database session) of its own: they are sent side by side
                .onItem().transformToUni(ofOneBooking -> jobs.onFreshContext(() -> Multi.createFrom().iterable(ofOneBooking)
                        .onItem().transformToUniAndConcatenate(this::process).collect().last()))
                .merge(config.sendConcurrency())
                .collect().asList()
                .map(done -> claimed.size()));
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
