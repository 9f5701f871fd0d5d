package jp.madoguchi.platform.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * PostgreSQL {@code LISTEN} for the batch jobs of this service: one dedicated connection (Vert.x {@link PgSubscriber})
 * that reconnects by itself after the database went away. A NOTIFY is delivered when the transaction that sent it
 * commits, so a listener runs exactly when new work became visible. Every (re-)subscription also wakes the
 * listener, because notifications sent while the connection was down are lost.
 */
@ApplicationScoped
public class Wakeups {

    private static final Logger LOG = Logger.getLogger(Wakeups.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;
    private boolean closed;

    public Wakeups(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url)
                .setUser(username).setPassword(password);
    }

    /**
     * Calls {@code listener} (on a Vert.x event loop) with {@code "notify"} whenever a NOTIFY on {@code channel}
     * commits, and with {@code "subscribed"} each time the channel is (re-)subscribed.
     */
    public synchronized void listen(String channel, Consumer<String> listener) {
        BatchJobs.checkChannel(channel);
        boolean first = !listeners.containsKey(channel);
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        if (subscriber == null) {
            subscriber = PgSubscriber.subscriber(vertx, options)
                    // while the database is away, try again every second (the jobs' poll covers the gap meanwhile)
                    .reconnectPolicy(retries -> 1000L);
            connect();
        } else if (first) {
            subscribe(channel);
        }
    }

    private void connect() {
        subscriber.connect().onComplete(done -> {
            if (done.succeeded()) {
                listeners.keySet().forEach(this::subscribe);
            } else {
                LOG.warnf("LISTEN connection failed (%s); retrying, the jobs poll meanwhile", done.cause().getMessage());
                vertx.setTimer(1000, id -> {
                    synchronized (this) {
                        if (!closed) {
                            connect();
                        }
                    }
                });
            }
        });
    }

    private void subscribe(String channel) {
        subscriber.channel(channel)
                // also after a reconnection: anything committed meanwhile was not announced
                .subscribeHandler(v -> fire(channel, "subscribed"))
                .handler(payload -> fire(channel, "notify"));
    }

    private void fire(String channel, String cause) {
        for (Consumer<String> listener : listeners.getOrDefault(channel, List.of())) {
            try {
                listener.accept(cause);
            } catch (RuntimeException e) {
                LOG.warnf("listener of %s failed: %s", channel, e.getMessage());
            }
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        closed = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
