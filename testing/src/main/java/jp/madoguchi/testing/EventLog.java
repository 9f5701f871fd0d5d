package jp.madoguchi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import jp.madoguchi.devstack.KafkaAccess;

/**
 * Reads and replays the CloudEvents on a real topic, as an integrator would see them. Every event read or published
 * here is checked against the AsyncAPI document ({@link EventContract}): a test that looks at events fails when a
 * service produces one that breaks the contract, and the events tests make up to stand in for another service must
 * keep to it too.
 */
public final class EventLog {

    /** When set, one line per checked event ("read|published type topic"): which types the tests really cover. */
    private static final String CONTRACT_LOG = System.getenv("MADOGUCHI_CONTRACT_LOG");

    private EventLog() {
    }

    public record Event(String key, String id, String type, String source, String subject, String time,
            String data, ConsumerRecord<String, String> record) {
    }

    /** Everything on the topic so far; fails if any event there breaks the contract. */
    public static List<Event> read(String topic) {
        Properties p = Stack.get().kafkaAdmin(); // an integrator's view of everything
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 5000;
            int emptyPolls = 0;
            while (System.currentTimeMillis() < deadline && emptyPolls < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && !consumer.assignment().isEmpty()) {
                    emptyPolls++;
                }
                records.forEach(r -> {
                    EventContract.get().check(r.topic(), r.key(), headers(r), r.value());
                    note("read", header(r, "ce_type"), r.topic());
                    events.add(new Event(r.key(), header(r, "ce_id"), header(r, "ce_type"), header(r, "ce_source"),
                            header(r, "ce_subject"), header(r, "ce_time"), r.value(), r));
                });
            }
        }
        return events;
    }

    /** Sends a record again, headers and all, as the topic's owner: what a redelivery looks like to a consumer. */
    public static void redeliver(Event event) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerOf(ownerOf(event.record().topic())), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> again = new ProducerRecord<>(event.record().topic(), null,
                    event.key(), event.data(), event.record().headers());
            producer.send(again).get();
        } catch (Exception e) {
            throw new IllegalStateException("redelivery failed", e);
        }
    }

    /**
     * Publishes a binary-mode CloudEvent as another service would, with the Kafka credentials of the topic's owner
     * (the only principal allowed to write it), once it is known to keep the contract; returns its id.
     */
    public static String publish(String topic, String type, String source, String subject, String json) {
        return publish(topic, type, source, subject, json, Map.of());
    }

    /** Same, with extra record headers (e.g. a W3C {@code traceparent}); returns its id. */
    public static String publish(String topic, String type, String source, String subject, String json,
            Map<String, String> headers) {
        return publishAs(ownerOf(topic), topic, type, source, subject, json, headers);
    }

    /**
     * Same, as the Kafka principal {@code principal}: another service's (which the ACLs refuse) or
     * {@link KafkaAccess#ADMIN}, who may write anything, for a test of what a consumer does with a forged event.
     */
    public static String publishAs(String principal, String topic, String type, String source, String subject, String json,
            Map<String, String> headers) {
        String id = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerOf(principal), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, subject, json);
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(id)).add("ce_type", bytes(type))
                    .add("ce_source", bytes(source)).add("ce_subject", bytes(subject))
                    .add("ce_time", bytes(java.time.OffsetDateTime.now().toString()))
                    .add("content-type", bytes("application/json"));
            headers.forEach((name, value) -> record.headers().add(name, bytes(value)));
            EventContract.get().check(topic, subject, headers(record.headers()), json);
            note("published", type, topic);
            producer.send(record).get();
            return id;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }

    /**
     * Sends a record as it is, without the contract check: what a misbehaving or hostile producer could write (a
     * forged source, a type of another topic, a value that is not JSON). Headers are sent in the map's order.
     * Never on a topic a test reads with {@link #read}, which would rightly fail on it. It is sent as the stack's
     * Kafka super user: the ACLs keep every service principal off topics it does not own (KafkaAccessTest), so
     * this is the consumer's own check being tested, for a producer the broker let through.
     */
    public static void forge(String topic, String key, Map<String, String> headers, String value) {
        Properties p = Stack.get().kafkaAdmin();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, v) -> record.headers().add(name, bytes(v)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("forging failed", e);
        }
    }

    /** The binary-mode CloudEvent headers a producer sets; ordered, so tests can alter one before forging. */
    public static Map<String, String> cloudEventHeaders(String id, String type, String source, String subject) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", source);
        h.put("ce_subject", subject);
        h.put("ce_time", java.time.OffsetDateTime.now().toString());
        h.put("content-type", "application/json");
        return h;
    }

    /** Waits until a consumer group has committed past everything now on the partition. */
    public static void awaitConsumed(String group, String topic, int partition, Duration timeout) {
        withAdmin(admin -> awaitPartition(admin, group, new TopicPartition(topic, partition), timeout));
    }

    /** Waits until a consumer group has committed past everything now on every partition of the topic. */
    public static void awaitTopicConsumed(String group, String topic, Duration timeout) {
        withAdmin(admin -> {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            for (int i = 0; i < partitions; i++) {
                awaitPartition(admin, group, new TopicPartition(topic, i), timeout);
            }
        });
    }

    private static void awaitPartition(Admin admin, String group, TopicPartition tp, Duration timeout) throws Exception {
        long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        if (end == 0) {
            return;
        }
        // a group's coordinator may not be found at the first ask (a service just started, a broker busy): ask again
        Awaitility.await().atMost(timeout).ignoreExceptions().until(() -> {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).get(tp);
            return o != null && o.offset() >= end;
        });
    }

    private interface AdminWork {
        void run(Admin admin) throws Exception;
    }

    private static void withAdmin(AdminWork work) {
        try (Admin admin = Admin.create(Stack.get().kafkaAdmin())) {
            work.run(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service whose principal may write the topic (prefixed or not); the admin for any other topic. */
    static String ownerOf(String topic) {
        return KafkaAccess.owner(topic).orElse(KafkaAccess.ADMIN);
    }

    private static Properties producerOf(String principal) {
        Properties p = Stack.get().kafkaClient(principal);
        // a refused write fails the test at once instead of waiting a minute for metadata
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return p;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static synchronized void note(String origin, String type, String topic) {
        if (CONTRACT_LOG == null) {
            return;
        }
        try {
            Files.writeString(Path.of(CONTRACT_LOG), origin + " " + type + " " + topic + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's headers as text, the last value of each name (what a CloudEvents reader takes). */
    static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : headers) {
            map.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> r) {
        return headers(r.headers());
    }

    /** A record header as text; null when absent. */
    public static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
