package jp.madoguchi.reservation.events;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.outbox.Outbox;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.Office;
import jp.madoguchi.reservation.policy.OfficePolicy;

/**
 * The office's public profile and policy, told on the compacted offices topic after every change, through the
 * outbox: the other services keep their own projection of it and write in the office's name from that.
 */
@ApplicationScoped
public class OfficeEvents {

    public static final String OPENED = EventTypes.OFFICE_OPENED;
    public static final String CHANGED = EventTypes.OFFICE_CHANGED;
    public static final String CLOSED = EventTypes.OFFICE_CLOSED;

    private final Outbox outbox;
    private final ReservationConfig config;
    private final Clock clock;

    public OfficeEvents(Outbox outbox, ReservationConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records {@code type} for the office as it is, in the caller's transaction. The office must have been flushed,
     * so that its version is the one the change produced.
     */
    public Uni<Void> emit(String type, Office office, OfficePolicy policy) {
        office.announcedVersion = office.version;
        return outbox.record(config.officesTopic(), type, office.id, OfficeProfile.of(office, policy, OffsetDateTime.now(clock)))
                .replaceWithVoid();
    }

    /** The payload of every office event (v1): the office after the change. */
    public record OfficeProfile(String officeId, long officeVersion, String state, String nameJa, String nameEn,
            String officeCode, String phone, String timeZone, String mailSender, String mailbox, OfficePolicy policy,
            OffsetDateTime changedAt) {

        static OfficeProfile of(Office o, OfficePolicy policy, OffsetDateTime at) {
            return new OfficeProfile(o.id, o.version, o.state, o.nameJa, o.nameEn, o.officeCode, o.phone, o.timeZone,
                    o.mailSender, o.mailbox, policy, at);
        }
    }
}
