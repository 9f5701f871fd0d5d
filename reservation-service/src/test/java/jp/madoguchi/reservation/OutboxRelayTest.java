package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jp.madoguchi.platform.outbox.Outbox;
import jp.madoguchi.platform.outbox.OutboxEvent;
import jp.madoguchi.platform.retention.Retention;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Metrics;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * The relay publishes when the writing transaction commits (its poll is set to an hour here, so only the wake-up
 * can have sent anything); a row Kafka refuses for good is parked without holding up other keys, and its own key
 * waits behind it until an operator decides; published rows and old processed ids are purged.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.SlowPoll.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class OutboxRelayTest {

    public static class SlowPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("madoguchi.events.relay-interval", "1h",
                    // so that purgeOnce below is the only purge
                    "madoguchi.retention.interval", "1h");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A topic nobody reads, for the rows this test writes itself. */
    private static final String PROBE = Stack.TOPIC_PREFIX + "outbox-probe";

    /**
     * The probe topic exists, and reservation-service may write it, as it may its own topics: otherwise the broker's
     * ACLs, not the row's size, would be what refuses the rows.
     */
    @org.junit.jupiter.api.BeforeAll
    static void probeTopic() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(Stack.get().kafkaAdmin())) {
            try {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(PROBE, 1, (short) 1))).all().get();
            } catch (java.util.concurrent.ExecutionException exists) {
                // a rerun in the same stack: it is there already
            }
            var topic = new org.apache.kafka.common.resource.ResourcePattern(
                    org.apache.kafka.common.resource.ResourceType.TOPIC, PROBE, org.apache.kafka.common.resource.PatternType.LITERAL);
            List<org.apache.kafka.common.acl.AclBinding> acls = new java.util.ArrayList<>();
            for (var op : List.of(org.apache.kafka.common.acl.AclOperation.WRITE, org.apache.kafka.common.acl.AclOperation.DESCRIBE)) {
                acls.add(new org.apache.kafka.common.acl.AclBinding(topic, new org.apache.kafka.common.acl.AccessControlEntry(
                        "User:reservation-service", "*", op, org.apache.kafka.common.acl.AclPermissionType.ALLOW)));
            }
            admin.createAcls(acls).all().get();
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    Retention retention;

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void theRelayPublishesOnCommitWithoutWaitingForItsPoll() {
        String id = Booking.requested("seeker-kabe", "kabe", Booking.slot("kabe", 0, 3));
        await().atMost(WAIT).until(() -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream()
                .anyMatch(e -> id.equals(e.subject())));
        String metrics = metrics();
        assertTrue(Metrics.value(metrics, "madoguchi_jobs_triggers_total", "job=\"outbox-relay\"", "cause=\"notify\"") >= 1, metrics);
        // the hourly poll has not run at all in this application
        assertEquals(-1, Metrics.value(metrics, "madoguchi_jobs_triggers_total", "job=\"outbox-relay\"", "cause=\"poll\""), metrics);
    }

    @Test
    void anUnpublishableRowIsParkedOtherKeysFlowAndItsOwnKeyWaitsForAnOperator() throws Throwable {
        String key = UUID.randomUUID().toString();
        // larger than the producer's max.request.size (1 MiB): Kafka refuses it whatever the moment
        UUID tooLarge = record(PROBE, key, Map.of("blob", "x".repeat(1_100_000)));
        UUID behind = record(PROBE, key, Map.of("n", 2));
        UUID otherKey = record(PROBE, UUID.randomUUID().toString(), Map.of("n", 3));

        await().atMost(WAIT).until(() -> column(tooLarge, "parked_at") != null);
        assertNotNull(column(otherKey, "published_at"), "another key is not held up");
        assertTrue(column(tooLarge, "last_error").contains("RecordTooLargeException"), column(tooLarge, "last_error"));
        assertEquals("3", column(tooLarge, "attempts"));
        assertNull(column(behind, "published_at"), "the same key waits: order per key");
        // an application meanwhile leaves as usual
        String application = Booking.requested("seeker-kabe", "kabe", Booking.slot("kabe", 0, 2));
        await().atMost(WAIT).until(() -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream()
                .anyMatch(e -> application.equals(e.subject())));
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = metrics();
            assertEquals(1.0, Metrics.value(metrics, "madoguchi_outbox_parked"), metrics);
            assertEquals(1.0, Metrics.value(metrics, "madoguchi_outbox_held"), metrics);
        });
        assertTrue(Metrics.value(metrics(), "madoguchi_outbox_parked_events_total") >= 1);

        String operator = Tokens.of("operator");
        List<Integer> parked = given().auth().oauth2(operator).get("/api/operations/outbox/parked")
                .then().statusCode(200).extract().path("seq");
        long seq = Long.parseLong(column(tooLarge, "seq"));
        assertTrue(parked.stream().anyMatch(s -> s == seq), parked.toString());
        given().auth().oauth2(Tokens.of("admin-kabe")).get("/api/operations/outbox/parked").then().statusCode(403);

        given().auth().oauth2(operator).contentType(ContentType.JSON).body(Map.of("reason", "test blob, never meant to leave"))
                .post("/api/operations/outbox/parked/" + seq + "/discard")
                .then().statusCode(200).body("discardReason", equalTo("test blob, never meant to leave"));
        // the discard wakes the relay: the row behind it leaves now
        await().atMost(WAIT).until(() -> column(behind, "published_at") != null);
        assertNull(column(tooLarge, "published_at"));
    }

    @Test
    void publishedRowsAndOldProcessedIdsArePurgedAfterTheirRetention() throws Throwable {
        String oldEvent = UUID.randomUUID().toString();
        String recentEvent = UUID.randomUUID().toString();
        UUID oldRow = UUID.randomUUID();
        UUID recentRow = UUID.randomUUID();
        try (Connection c = connect()) {
            for (Object[] row : new Object[][] {{oldRow, "30 days"}, {recentRow, "1 hour"}}) {
                try (PreparedStatement s = c.prepareStatement("insert into outbox_event (id, topic, type, subject, payload, "
                        + "occurred_at, published_at, attempts) values (?, ?, 'jp.madoguchi.test.Probe.v1', 'k', '{}', "
                        + "now() - ?::interval, now() - ?::interval, 1)")) {
                    s.setObject(1, row[0]);
                    s.setString(2, PROBE);
                    s.setString(3, (String) row[1]);
                    s.setString(4, (String) row[1]);
                    s.executeUpdate();
                }
            }
            for (Object[] row : new Object[][] {{oldEvent, "30 days"}, {recentEvent, "1 hour"}}) {
                try (PreparedStatement s = c.prepareStatement("insert into processed_event (consumer, event_id, event_type, "
                        + "processed_at) values ('test', ?, 'jp.madoguchi.test.Probe.v1', now() - ?::interval)")) {
                    s.setString(1, (String) row[0]);
                    s.setString(2, (String) row[1]);
                    s.executeUpdate();
                }
            }
        }
        double before = Math.max(0, Metrics.value(metrics(), "madoguchi_inbox_processed_purged_total"));
        int purged = VertxContextSupport.subscribeAndAwait(() -> retention.purgeOnce());
        assertTrue(purged >= 2, "purged " + purged);
        assertNull(column(oldRow, "id"), "a row published 30 days ago is gone");
        assertNotNull(column(recentRow, "id"), "a row published an hour ago stays");
        assertEquals(0, EventParkingTest.count("select count(*) from processed_event where event_id = ?", oldEvent));
        assertEquals(1, EventParkingTest.count("select count(*) from processed_event where event_id = ?", recentEvent));
        assertTrue(Metrics.value(metrics(), "madoguchi_inbox_processed_purged_total") >= before + 1);
        assertTrue(Metrics.value(metrics(), "madoguchi_outbox_purged_total") >= 1);
    }

    private UUID record(String topic, String subject, Object payload) throws Throwable {
        OutboxEvent event = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> outbox.record(topic, "jp.madoguchi.test.Probe.v1", subject, payload)));
        return event.id;
    }

    private static String column(UUID id, String column) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select " + column + "::text from outbox_event where id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(Stack.get().jdbcUrl("reservation_test"), "reservation",
                Stack.get().secrets().dbPassword("reservation"));
    }
}
