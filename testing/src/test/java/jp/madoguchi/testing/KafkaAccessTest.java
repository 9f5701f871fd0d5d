package jp.madoguchi.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.devstack.Topics;

/**
 * The dev stack's broker as every test meets it: this run's topics are writable by their owner's principal only,
 * readable only by the services that consume them, and closed to a client without credentials.
 */
class KafkaAccessTest {

    private static final String MEETINGS = Stack.TOPIC_PREFIX + "madoguchi.meetings";
    private static StackInfo stack;

    @BeforeAll
    static void topics() {
        stack = Stack.get();
        Topics.create(stack.kafkaAdmin(), Stack.TOPIC_PREFIX);
    }

    @Test
    void theOwnerPublishesAndAnIntegratorReadsIt() {
        String reservationId = UUID.randomUUID().toString();
        String id = EventLog.publish(MEETINGS, "jp.madoguchi.meeting.MeetingEnded.v1", "/madoguchi/meeting-service",
                reservationId, Events.meetingPayload(reservationId, "kaga", "ENDED"));
        assertTrue(EventLog.read(MEETINGS).stream().anyMatch(e -> e.id().equals(id)), "the owner's event is not on the topic");
    }

    @Test
    void aProducerWithoutCredentialsCannotWrite() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>(MEETINGS, "k", "{}")).get(),
                    "a client without credentials wrote " + MEETINGS);
        }
    }

    @Test
    void aServiceCannotWriteATopicItDoesNotOwn() {
        String reservationId = UUID.randomUUID().toString();
        // reservation-service forging a no-show on the meetings topic
        Exception e = assertThrows(IllegalStateException.class, () -> EventLog.publishAs("reservation-service", MEETINGS,
                "jp.madoguchi.meeting.NoShowDetected.v1", "/madoguchi/meeting-service", reservationId,
                Events.meetingPayload(reservationId, "kaga", "OPEN"), Map.of()));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause().getCause(), "the broker did not refuse the write");
    }

    @Test
    void aServiceCannotReadATopicItDoesNotConsume() {
        // meeting-service consumes reservations only
        Properties p = stack.kafkaClient("meeting-service");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, ServiceTestResource.consumerGroup("meeting-service", Stack.TOPIC_PREFIX));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(MEETINGS));
            assertThrows(TopicAuthorizationException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }, "meeting-service read " + MEETINGS);
        }
    }
}
