package jp.madoguchi.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Where a record came from and what it carried, as kept for an operator when it is parked. */
record KafkaRecord(String topic, int partition, long offset, String key, Map<String, String> headers, String payload) {

    @SuppressWarnings("unchecked")
    static KafkaRecord of(Message<String> message) {
        var meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (IncomingKafkaRecordMetadata<Object, Object>) m)
                .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : meta.getHeaders()) {
            // the last value wins, as with the connector's own reading of ce_* headers
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new KafkaRecord(meta.getTopic(), meta.getPartition(), meta.getOffset(),
                meta.getKey() == null ? null : String.valueOf(meta.getKey()), headers, message.getPayload());
    }
}
