package jp.madoguchi.meeting.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.meeting.events.MeetingEvents;
import jp.madoguchi.platform.outbox.OutboxPublished;

/**
 * Meeting figures per office, counted from the events that left through the outbox (committed only): no-shows
 * detected (nobody joined in time) and meetings provisioned.
 */
@ApplicationScoped
public class MeetingMetrics {

    private final MeterRegistry registry;
    private final ObjectMapper mapper;

    public MeetingMetrics(MeterRegistry registry, ObjectMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    void onPublished(@Observes OutboxPublished event) {
        String name;
        String description;
        if (MeetingEvents.NO_SHOW.equals(event.type())) {
            name = "madoguchi.meeting.no.shows.detected";
            description = "Meetings nobody joined in time (NoShowDetected)";
        } else if (MeetingEvents.PROVISIONED.equals(event.type())) {
            name = "madoguchi.meetings.provisioned";
            description = "TeleOffice meetings provisioned";
        } else {
            return;
        }
        Counter.builder(name).description(description).tag("office", office(event.payload()))
                .register(registry).increment();
    }

    private String office(String payload) {
        try {
            JsonNode office = mapper.readTree(payload).get("officeId");
            return office == null || office.isNull() ? "none" : office.asText();
        } catch (Exception e) {
            return "none";
        }
    }
}
