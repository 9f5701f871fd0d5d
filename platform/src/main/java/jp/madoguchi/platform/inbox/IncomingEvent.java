package jp.madoguchi.platform.inbox;

import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
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

    /**
     * Reads a binary-mode CloudEvent from a record's headers and value, as they were kept when it was parked;
     * empty when an attribute is missing or the value is not JSON. The live path reads records the same way, so a
     * replay sees exactly what the first attempt saw.
     */
    public static Optional<IncomingEvent> from(Map<String, String> headers, String payload, ObjectMapper mapper) {
        String id = headers.get("ce_id");
        String type = headers.get("ce_type");
        String source = headers.get("ce_source");
        if (id == null || id.isBlank() || type == null || source == null || !"1.0".equals(headers.get("ce_specversion"))) {
            return Optional.empty();
        }
        try {
            JsonNode data = payload == null ? mapper.nullNode() : mapper.readTree(payload);
            if (data == null || !(data.isObject() || data.isNull())) {
                return Optional.empty();
            }
            return Optional.of(new IncomingEvent(id, type, source, headers.get("ce_subject"), time(headers.get("ce_time")), data));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static ZonedDateTime time(String text) {
        try {
            return text == null ? null : ZonedDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public String text(String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
