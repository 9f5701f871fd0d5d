package jp.madoguchi.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's real broker, started on its own ports in a directory of its own: it keeps its events, cluster and
 * credentials across a restart, and lets each service write only its own topics and read only those it consumes,
 * for the stack's topics and for a test run's prefixed ones.
 */
class KafkaBrokerTest {

    @TempDir
    static Path dir;
    private static int port;
    private static int controllerPort;
    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            port = a.getLocalPort();
            controllerPort = b.getLocalPort();
        }
        broker = KafkaBroker.start(dir, port, controllerPort, dir.resolve("kafka.log"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void eventsTheClusterAndThePasswordsSurviveARestart() throws Exception {
        String key = UUID.randomUUID().toString();
        send("reservation-service", "madoguchi.reservations", key);
        String endedRun = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Topics.create(broker.adminConfig(), endedRun);
        String cluster = broker.clusterId();
        Map<String, String> passwords = broker.passwords();

        broker.close();
        broker = KafkaBroker.start(dir, port, controllerPort, dir.resolve("kafka.log"));

        assertEquals(cluster, broker.clusterId(), "the restart formatted the storage again");
        assertEquals(passwords, broker.passwords(), "the restart changed the credentials");
        assertTrue(readKeys("consent-service", "consent-service", "madoguchi.reservations").contains(key),
                "the event published before the restart is gone");
        try (Admin admin = Admin.create(broker.adminConfig())) {
            Set<String> topics = admin.listTopics().names().get();
            assertTrue(topics.containsAll(Topics.ALL), "the stack's topics are gone: " + topics);
            assertTrue(topics.stream().noneMatch(t -> t.startsWith(endedRun)), "an ended test run's topics are kept: " + topics);
        }
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordCannotWrite() {
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        // a client the broker never lets in only times out: give it the short wait
        assertThrows(Exception.class, () -> send(anonymous, "madoguchi.meetings", "forged", 3000),
                "a client without credentials wrote a topic");

        Properties wrong = KafkaAccess.client(broker.bootstrap(), "meeting-service", "not-its-password");
        Exception e = assertThrows(Exception.class, () -> send(wrong, "madoguchi.meetings", "forged"));
        assertInstanceOf(SaslAuthenticationException.class, cause(e), "a wrong password must fail the SCRAM login");
    }

    @Test
    void aServiceCannotWriteATopicItDoesNotOwn() {
        Exception e = assertThrows(Exception.class, () -> send("reservation-service", "madoguchi.meetings", "forged"));
        assertInstanceOf(TopicAuthorizationException.class, cause(e), "reservation-service wrote madoguchi.meetings");
    }

    @Test
    void aServiceReadsOnlyWhatItConsumesInItsOwnGroup() {
        Exception topic = assertThrows(Exception.class, () -> readKeys("consent-service", "consent-service", "madoguchi.meetings"));
        assertInstanceOf(TopicAuthorizationException.class, cause(topic), "consent-service read madoguchi.meetings");
        Exception group = assertThrows(Exception.class,
                () -> readKeys("consent-service", "meeting-service", "madoguchi.reservations"));
        assertInstanceOf(GroupAuthorizationException.class, cause(group), "consent-service joined meeting-service's group");
    }

    @Test
    void aTestRunsPrefixedTopicsAreClosedTheSameWay() throws Exception {
        String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Topics.create(broker.adminConfig(), prefix);
        String key = UUID.randomUUID().toString();

        send("meeting-service", prefix + "madoguchi.meetings", key);

        assertTrue(readKeys("notification-service", prefix + "notification-service", prefix + "madoguchi.meetings").contains(key));
        Exception e = assertThrows(Exception.class, () -> send("notification-service", prefix + "madoguchi.meetings", "forged"));
        assertInstanceOf(TopicAuthorizationException.class, cause(e), "notification-service wrote the run's meetings topic");
    }

    @Test
    void theCredentialsFileIsTheOwnersOnly() throws IOException {
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("credentials.properties"))));
    }

    private static void send(String principal, String topic, String key) throws Exception {
        send(KafkaAccess.client(broker.bootstrap(), principal, broker.passwords().get(principal)), topic, key);
    }

    private static void send(Properties client, String topic, String key) throws Exception {
        // generous: a refused write or login fails at once (the broker answers so), while an allowed write into a topic
        // just created waited more than 3 s for its metadata on a machine busy with parallel builds
        send(client, topic, key, 30_000);
    }

    private static void send(Properties client, String topic, String key, int waitMillis) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(waitMillis));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(waitMillis));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(waitMillis, 10_000) * 2 / 3));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "{}")).get();
        }
    }

    private static List<String> readKeys(String principal, String group, String topic) {
        Properties p = KafkaAccess.client(broker.bootstrap(), principal, broker.passwords().get(principal));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    private static Throwable cause(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }
}
