package jp.madoguchi.notification.service;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.repository.OfficeProfileRepository;
import jp.madoguchi.platform.inbox.IncomingEvent;
import jp.madoguchi.platform.inbox.PermanentEventFailure;

/** The local projection of offices, kept from reservation-service's office events (OfficeProfile payloads). */
@ApplicationScoped
public class OfficeProfileService {

    private final OfficeProfileRepository offices;

    public OfficeProfileService(OfficeProfileRepository offices) {
        this.offices = offices;
    }

    /** Takes the office an OfficeOpened, OfficeChanged or OfficeClosed reports; runs in the consumer's transaction. */
    public Uni<Void> record(IncomingEvent event) {
        // a payload that breaks the contract is parked (a permanent failure), never half taken
        return Uni.createFrom().item(() -> profile(event)).flatMap(offices::record).replaceWithVoid();
    }

    private static OfficeProfile profile(IncomingEvent event) {
        JsonNode d = event.data();
        OfficeProfile p = new OfficeProfile();
        p.officeId = required(d, "officeId");
        if (event.subject() != null && !event.subject().equals(p.officeId)) {
            throw new PermanentEventFailure("ce_subject " + event.subject() + " is not the payload's officeId");
        }
        JsonNode version = d.get("officeVersion");
        if (version == null || !version.canConvertToLong() || version.asLong() < 0) {
            throw new PermanentEventFailure("officeVersion missing or not a non-negative integer");
        }
        p.officeVersion = version.asLong();
        p.state = required(d, "state");
        p.nameJa = required(d, "nameJa");
        p.nameEn = required(d, "nameEn");
        p.phone = required(d, "phone");
        p.mailSender = required(d, "mailSender");
        JsonNode mailbox = d.get("mailbox");
        p.mailbox = mailbox == null || mailbox.isNull() ? null : mailbox.asText();
        JsonNode policy = d.get("policy");
        if (policy == null || !policy.isObject()) {
            throw new PermanentEventFailure("policy missing");
        }
        p.policy = policy.toString();
        try {
            p.changedAt = OffsetDateTime.parse(required(d, "changedAt"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PermanentEventFailure("changedAt is not a date-time", e);
        }
        return p;
    }

    /** The office as last reported, or null if no event about it arrived yet. */
    public Uni<OfficeProfile> of(String officeId) {
        return officeId == null ? Uni.createFrom().nullItem() : offices.findById(officeId);
    }

    private static String required(JsonNode data, String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new PermanentEventFailure("office event lacks " + field);
        }
        return v.asText();
    }
}
