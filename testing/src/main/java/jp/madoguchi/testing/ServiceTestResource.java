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
        return config(stack, db, testDb, Stack.TOPIC_PREFIX);
    }

    /** Configuration that points a service at the stack; also used for the end-to-end processes. */
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
        // gauges read from the database: fresh enough for a test to wait on them
        config.put("madoguchi.metrics.refresh-interval", "1s");
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
