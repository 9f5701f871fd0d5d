package jp.madoguchi.platform.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A parked record as an operator sees it; the headers and payload only when one record is shown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParkedEventView(UUID id, String consumer, String topic, int partition, long offset, String key,
        String eventId, String eventType, String eventSource, String reason, String error, OffsetDateTime firstSeenAt,
        OffsetDateTime lastSeenAt, int attempts, String status, OffsetDateTime resolvedAt, String resolvedBy,
        String discardReason, String headers, String payload) {

    public static ParkedEventView summary(ParkedEvent p) {
        return of(p, false);
    }

    public static ParkedEventView full(ParkedEvent p) {
        return of(p, true);
    }

    private static ParkedEventView of(ParkedEvent p, boolean full) {
        return new ParkedEventView(p.id, p.consumer, p.topic, p.partition, p.offset, p.key, p.eventId, p.eventType,
                p.eventSource, p.reason.name(), p.error, p.firstSeenAt, p.lastSeenAt, p.attempts, p.status.name(),
                p.resolvedAt, p.resolvedBy, p.discardReason, full ? p.headers : null, full ? p.payload : null);
    }

    /** Why a record is closed without handling it. */
    public record Discard(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 1000) String reason) {
    }
}
