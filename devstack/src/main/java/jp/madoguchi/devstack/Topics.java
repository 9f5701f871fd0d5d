package jp.madoguchi.devstack;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The event topics, created before any service subscribes: as operations would provision them, and so that a
 * consumer never waits for a metadata refresh to find a topic that appeared after it started. With them go the
 * services' ACLs for those names ({@link KafkaAccess#bindings}): a test run's prefixed topics are as closed as the
 * stack's own.
 */
public final class Topics {

    /** One topic per aggregate. */
    public static final List<String> ALL = List.of("madoguchi.reservations", "madoguchi.consents", "madoguchi.terms",
            "madoguchi.meetings", "madoguchi.offices");
    /** Topics whose newest record per key is the whole state: a late consumer rebuilds its projection from them. */
    static final java.util.Set<String> COMPACTED = java.util.Set.of("madoguchi.offices");
    private static final int PARTITIONS = 3;

    private Topics() {
    }

    /** Creates the topics {@code prefix + name} and grants the services' ACLs on them; {@code admin}: a super user's client settings. */
    public static void create(Properties admin, String prefix) {
        try (Admin a = Admin.create(admin)) {
            create(a, prefix);
            KafkaAccess.grant(a, prefix);
        }
    }

    private static void create(Admin admin, String prefix) {
        try {
            for (String name : ALL) {
                try {
                    NewTopic topic = new NewTopic(prefix + name, PARTITIONS, (short) 1);
                    if (COMPACTED.contains(name)) {
                        topic.configs(java.util.Map.of("cleanup.policy", "compact"));
                    }
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + prefix + name, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topics in time", e);
        }
    }
}
