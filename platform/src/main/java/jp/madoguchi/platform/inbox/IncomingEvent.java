package jp.madoguchi.platform.inbox;

import java.time.ZonedDateTime;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/** A CloudEvent as a consumer sees it: the envelope's attributes and the JSON payload. */
public record IncomingEvent(String id, String type, String source, String subject, ZonedDateTime time, JsonNode data) {

    /** Reads a binary-mode CloudEvent; empty when the record carries no CloudEvent attributes. */
    public static Optional<IncomingEvent> from(Message<String> message, ObjectMapper mapper) {
        @SuppressWarnings("unchecked")
        Optional<IncomingCloudEventMetadata<Object>> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata<Object>) m);
        if (ce.isEmpty()) {
            return Optional.empty();
        }
        IncomingCloudEventMetadata<Object> meta = ce.get();
        try {
            JsonNode data = message.getPayload() == null ? mapper.nullNode() : mapper.readTree(message.getPayload());
            return Optional.of(new IncomingEvent(meta.getId(), meta.getType(), String.valueOf(meta.getSource()),
                    meta.getSubject().orElse(null), meta.getTimeStamp().orElse(null), data));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
