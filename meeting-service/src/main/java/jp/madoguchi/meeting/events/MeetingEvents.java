package jp.madoguchi.meeting.events;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.outbox.Outbox;

/** Meeting events, keyed by reservation so they line up with it: never a URL, a passcode or a device. */
@ApplicationScoped
public class MeetingEvents {

    private final Outbox outbox;
    private final MeetingConfig config;
    private final Clock clock;

    public MeetingEvents(Outbox outbox, MeetingConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Void> emit(String type, Meeting m, String role) {
        return outbox.record(config.topic(), type, m.reservationId.toString(),
                new MeetingChanged(m.id, m.reservationId, m.officeId, m.status, m.startsAt, m.opensAt, m.closesAt, role,
                        OffsetDateTime.now(clock)))
                .replaceWithVoid();
    }

    public Uni<Void> emit(String type, Meeting m) {
        return emit(type, m, null);
    }

    /** No meeting could be created in time: the person has none and must be told. */
    public Uni<Void> provisioningFailed(UUID reservationId, String officeId, OffsetDateTime startsAt, int attempts) {
        return outbox.record(config.topic(), PROVISIONING_FAILED, reservationId.toString(),
                new ProvisioningFailed(reservationId, officeId, startsAt, attempts, OffsetDateTime.now(clock)))
                .replaceWithVoid();
    }

    public static final String PROVISIONING_FAILED = EventTypes.MEETING_PROVISIONING_FAILED;
    public static final String PROVISIONED = EventTypes.MEETING_PROVISIONED;
    public static final String REVOKED = EventTypes.MEETING_REVOKED;
    public static final String JOINED = EventTypes.PARTICIPANT_JOINED;
    public static final String NO_SHOW = EventTypes.NO_SHOW_DETECTED;
    public static final String ENDED = EventTypes.MEETING_ENDED;

    public record ProvisioningFailed(UUID reservationId, String officeId, OffsetDateTime startsAt, int attempts,
            OffsetDateTime at) {
    }

    public record MeetingChanged(UUID meetingId, UUID reservationId, String officeId, String status,
            OffsetDateTime startsAt, OffsetDateTime opensAt, OffsetDateTime closesAt, String role, OffsetDateTime at) {
    }
}
