package jp.madoguchi.reservation.mapping;

import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.Reservation;

@ApplicationScoped
public class ReservationMapper {

    private final ZoneId zone;

    public ReservationMapper(ReservationConfig config) {
        this.zone = config.zone();
    }

    /** Times are shown in the office's zone (JST), whatever zone they were stored in. */
    public ReservationView toView(Reservation r) {
        return new ReservationView(r.id, r.officeId,
                r.slotStart.atZoneSameInstant(zone).toOffsetDateTime(),
                r.slotEnd.atZoneSameInstant(zone).toOffsetDateTime(),
                r.state,
                r.createdAt.atZoneSameInstant(zone).toOffsetDateTime());
    }

    public ContactView toContact(Reservation r) {
        return new ContactView(r.id, r.officeId, r.name, r.email, r.phone);
    }
}
