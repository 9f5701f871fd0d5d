package jp.madoguchi.platform.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs a service's batch jobs: "claim and process one batch", on a schedule (the fallback poll) and at once when
 * woken by a PostgreSQL {@code NOTIFY} that committed (so work leaves as soon as it is visible, not at the next
 * tick). One run of a job at a time per instance: a wake-up during a run makes one more run after it, never a
 * second concurrent one. A run that asks for it ({@link Next#AGAIN}) is followed at once by another (draining a
 * backlog batch by batch); a failed run, or one answering {@link Next#RETRY}, is retried after a capped exponential
 * backoff. Runs happen on a fresh duplicated Vert.x context, where Hibernate Reactive (Panache) may be used.
 *
 * <p>Across replicas, a job makes itself exclusive in one of two ways:
 * <ul>
 * <li>{@link #exclusively}: the run holds a transaction-scoped advisory lock; other replicas' runs find it taken and
 * do nothing. For work that must stay in order (the outbox relay).</li>
 * <li>{@code SELECT ... FOR UPDATE SKIP LOCKED} in the job's own claim query: replicas share the work. For
 * "claim in a short transaction, call outside it, record the outcome in another" (dispatching messages,
 * provisioning meetings): the claim marks rows (e.g. {@code claimed_until}) so the call happens outside any
 * transaction.</li>
 * </ul>
 *
 * <p>Wiring a job, e.g. a dispatcher whose {@code dispatchOnce()} claims and sends one batch and returns how many it
 * handled, woken by the writers' {@code BatchJobs.notify("madoguchi_messages")} in their transactions:
 * <pre>{@code
 * void start(@Observes StartupEvent e) {
 *     jobs.define("notification-dispatcher")
 *             .every(config.dispatchInterval())          // fallback poll, e.g. 30s
 *             .wakeOn("madoguchi_messages")               // LISTEN channel
 *             .start(BatchJobs.counting(dispatcher::dispatchOnce));  // n > 0: run again at once
 * }
 * }</pre>
 */
@ApplicationScoped
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Vertx vertx;
    private final Wakeups wakeups;
    private final MeterRegistry registry;
    private final List<Job> jobs = new CopyOnWriteArrayList<>();

    public BatchJobs(Vertx vertx, Wakeups wakeups, MeterRegistry registry) {
        this.vertx = vertx;
        this.wakeups = wakeups;
        this.registry = registry;
    }

    /** Starts describing a job; {@code name} labels its log lines and metrics. */
    public Definition define(String name) {
        return new Definition(name);
    }

    /**
     * Runs {@code work} on a fresh duplicated Vert.x context, with a Hibernate Reactive session of its own: for work
     * done side by side within one run (a session must not be used by two operations at once).
     */
    public <T> Uni<T> onFreshContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(v -> Uni.createFrom().<T>deferred(work::get).subscribe().with(emitter::complete, emitter::fail));
        });
    }

    /** A run that processed {@code n > 0} items asks for another at once; 0 means idle. */
    public static Supplier<Uni<Next>> counting(Supplier<Uni<Integer>> batch) {
        return () -> batch.get().map(n -> n > 0 ? Next.AGAIN : Next.IDLE);
    }

    /**
     * Runs {@code work} in a transaction that holds the advisory lock {@code key}, or answers {@code notElected}
     * without running it when another replica holds it. The lock ends with the transaction.
     */
    public static <T> Uni<T> exclusively(long key, Supplier<Uni<T>> work, T notElected) {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("select pg_try_advisory_xact_lock(" + key + ")", Boolean.class)
                        .getSingleResult())
                .flatMap(elected -> elected ? work.get() : Uni.createFrom().item(notElected)));
    }

    /** A stable advisory-lock key for a job name (the same in every replica and version). */
    public static long lockKey(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Wakes the listeners of {@code channel} when the caller's transaction commits (nothing if it rolls back). Must run
     * inside that transaction ({@code Panache.withTransaction}); PostgreSQL folds repeated notifications of one
     * transaction into one.
     */
    public static Uni<Void> notify(String channel) {
        checkChannel(channel);
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("NOTIFY " + channel).executeUpdate())
                .replaceWithVoid();
    }

    static void checkChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
    }

    void stopAll(@Observes ShutdownEvent event) {
        jobs.forEach(Job::stop);
    }

    /** How a job is triggered. */
    public final class Definition {
        private final String name;
        private Duration every = Duration.ofSeconds(30);
        private Duration initialDelay = Duration.ofSeconds(1);
        private Duration retryBackoff = Duration.ofMillis(200);
        private String channel;

        private Definition(String name) {
            this.name = name;
        }

        /** The fallback poll: a run at least this often, whatever the wake-ups. */
        public Definition every(Duration interval) {
            this.every = interval;
            return this;
        }

        /** The first poll after start (wake-ups may come earlier). */
        public Definition initialDelay(Duration delay) {
            this.initialDelay = delay;
            return this;
        }

        /** First pause after a failed run; doubled per failure up to the poll interval. */
        public Definition retryBackoff(Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        /** Also run when a NOTIFY on this channel commits (and after each reconnection of the LISTEN connection). */
        public Definition wakeOn(String channel) {
            checkChannel(channel);
            this.channel = channel;
            return this;
        }

        /** Starts the job; {@code run} processes one batch and says what should follow. */
        public Handle start(Supplier<Uni<Next>> run) {
            Job job = new Job(name, every, retryBackoff, run);
            jobs.add(job);
            job.startPolling(initialDelay);
            if (channel != null) {
                wakeups.listen(channel, job::trigger);
            }
            LOG.debugf("job %s: every %s%s", name, every, channel == null ? "" : ", woken on " + channel);
            return job;
        }
    }

    /** A started job. */
    public interface Handle {
        /** Asks for a run now (coalesced with one in progress). */
        void wake();

        void stop();
    }

    private final class Job implements Handle {
        private final String name;
        private final Duration every;
        private final Duration retryBackoff;
        private final Supplier<Uni<Next>> run;
        private long periodic = -1;
        private boolean running;
        private boolean pending;
        private boolean stopped;
        private int failures;

        Job(String name, Duration every, Duration retryBackoff, Supplier<Uni<Next>> run) {
            this.name = name;
            this.every = every;
            this.retryBackoff = retryBackoff;
            this.run = run;
        }

        synchronized void startPolling(Duration initialDelay) {
            periodic = vertx.setPeriodic(Math.max(1, initialDelay.toMillis()), Math.max(1, every.toMillis()),
                    id -> trigger("poll"));
        }

        @Override
        public void wake() {
            trigger("wake");
        }

        synchronized void trigger(String cause) {
            if (stopped) {
                return;
            }
            Counter.builder("madoguchi.jobs.triggers").description("Reasons a batch job was asked to run")
                    .tag("job", name).tag("cause", cause).register(registry).increment();
            if (running) {
                pending = true;
                return;
            }
            running = true;
            launch();
        }

        private void launch() {
            onFreshContext(run).subscribe().with(this::finished, this::failed);
        }

        private synchronized void finished(Next next) {
            count("ok");
            // a run asking to retry counts like a failure for the backoff: a broker away for long is not hammered
            failures = next == Next.RETRY ? failures + 1 : 0;
            if (stopped) {
                running = false;
                return;
            }
            if (next == Next.AGAIN || pending && next != Next.RETRY) {
                pending = false;
                launch();
                return;
            }
            running = false;
            if (next == Next.RETRY) {
                retryLater(failures);
            }
        }

        private synchronized void failed(Throwable failure) {
            count("failed");
            failures++;
            running = false;
            pending = false;
            if (failures == 1 || failures % 10 == 0) {
                LOG.warnf("job %s failed (%d in a row): %s", name, failures, failure.getMessage());
            }
            if (!stopped) {
                retryLater(failures);
            }
        }

        private void retryLater(int attempt) {
            long pause = Math.min(every.toMillis(), retryBackoff.toMillis() << Math.min(attempt - 1, 20));
            vertx.setTimer(Math.max(1, pause), id -> trigger("retry"));
        }

        private void count(String outcome) {
            Counter.builder("madoguchi.jobs.runs").description("Runs of a batch job by outcome")
                    .tag("job", name).tag("outcome", outcome).register(registry).increment();
        }

        @Override
        public synchronized void stop() {
            stopped = true;
            if (periodic >= 0) {
                vertx.cancelTimer(periodic);
            }
        }
    }
}
