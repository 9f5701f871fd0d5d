package jp.madoguchi.platform.outbox;

/**
 * Fired (synchronously, as a CDI event) after the relay handed an outbox event to Kafka: a state change that
 * committed and left the service. Services count their business events from here rather than where they are
 * written, so a transaction that rolls back is never counted. At-least-once like the relay itself: a pass whose
 * bookkeeping fails after sending publishes (and reports) the event again.
 */
public record OutboxPublished(String topic, String type, String subject, String payload) {
}
