package jp.madoguchi.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.devstack.Topics;

/**
 * Points a service under {@code @QuarkusTest} at the real dev stack: a fresh database of its own,
 * topics of its own on the real broker, the real Keycloak realm and the real SMTP server.
 * Init arg {@code db}: the service's database (and role) name, e.g. {@code reservation}; the service is
 * {@code <db>-service}.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private String db;

    @Override
    public void init(Map<String, String> initArgs) {
        db = initArgs.get("db");
    }

    @Override
    public Map<String, String> start() {
        StackInfo stack = Stack.get();
        String testDb = db + "_test";
        Databases.recreate(stack, testDb, db);
        Map<String, String> config = config(stack, db, testDb, Stack.TOPIC_PREFIX);
        // a port known before the start, so the service can name its own public address (the webhook the
        // TeleOffice simulator, another process, calls back)
        int port = freePort();
        config.put("quarkus.http.test-port", String.valueOf(port));
        config.put("madoguchi.meeting.public-base-url", "http://localhost:" + port);
        // every answer of this service a test gets is checked against the service's OpenAPI document
        ApiContract.install(port);
        return config;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configuration that points a service at the stack; also used for the end-to-end processes. */
    /** The browser origin the services let in under test (the end-to-end tests name the real web app's instead). */
    public static final String FRONT_END_ORIGIN = "https://mypage.test.example";

    public static Map<String, String> config(StackInfo stack, String role, String database, String topicPrefix) {
        Topics.create(stack.kafkaAdmin(), topicPrefix);
        String service = role + "-service";
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", role);
        // the stack's own random secrets, so a service runs here as in production: no default would pass its guard
        config.putAll(stack.secrets().serviceSettings(role + "-service"));
        config.put("quarkus.datasource.reactive.url", stack.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl(database));
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrap());
        config.put("madoguchi.kafka.topic-prefix", topicPrefix);
        // the service's own Kafka principal, whose ACLs Topics.create granted for this prefix too
        config.put("madoguchi.kafka.username", service);
        config.put("madoguchi.kafka.password", stack.kafkaPassword(service));
        // consumer groups of this run only: a member an earlier, killed run left behind would otherwise hold up
        // every rebalance of the service's group until its session times out
        config.put("mp.messaging.connector.smallrye-kafka.group.id", consumerGroup("${quarkus.application.name}", topicPrefix));
        config.put("quarkus.oidc.auth-server-url", stack.keycloakRealmUrl());
        config.put("madoguchi.smtp.host", stack.smtpHost());
        config.put("madoguchi.smtp.port", String.valueOf(stack.smtpPort()));
        config.put("madoguchi.imap.host", stack.smtpHost());
        config.put("madoguchi.imap.port", String.valueOf(stack.imapPort()));
        // the one setting that differs from production: the stack's IMAP server listens on loopback only, where no
        // one else is on the wire; production keeps TLS (the default), and a start without it fails the handshake
        config.put("madoguchi.notification.inbound.tls", "false");
        // the stack's TeleOffice simulator, with this stack's own key and webhook secret
        config.put("madoguchi.meeting.provider.base-url", stack.teleofficeUrl());
        config.put("madoguchi.meeting.provider.api-key", stack.teleofficeApiKey());
        config.put("madoguchi.meeting.webhook-secret", stack.teleofficeWebhookSecret());
        // gauges read from the database: fresh enough for a test to wait on them
        config.put("madoguchi.metrics.refresh-interval", "1s");
        // the one front-end origin an environment would name (QUARKUS_HTTP_CORS_ORIGINS); CorsTest proves that no
        // other origin is let in, which is what production, naming its own, relies on
        config.put("quarkus.http.cors.origins", FRONT_END_ORIGIN);
        return config;
    }

    /** The consumer group a service uses in a test run with this topic prefix. */
    public static String consumerGroup(String service, String topicPrefix) {
        return topicPrefix + service;
    }

    @Override
    public void stop() {
        // the stack outlives one service's tests; it stops with the build that started it
    }
}
