package jp.madoguchi.reservation.mapping;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

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
        return new ReservationView(r.id, r.officeId, r.kind, r.state, jst(r.slotStart), jst(r.slotEnd),
                preferences(r), r.counselorName, companions(r), jst(r.responseDueAt), jst(r.createdAt),
                jst(r.confirmedAt), jst(r.confirmBy), jst(r.reconsentDueAt));
    }

    public StaffReservationView toStaffView(Reservation r) {
        return new StaffReservationView(r.id, r.officeId, r.kind, r.state, jst(r.slotStart), jst(r.slotEnd),
                preferences(r), r.userId, r.userKind, r.seekerNumber, r.name, r.email, r.phone, r.counselorId,
                r.counselorName, companions(r), r.companionNote, r.detailDelivery, jst(r.responseDueAt),
                r.overdueAt != null, r.closedReason, r.cancelChannel, r.parentId, r.termsVersionId, jst(r.createdAt),
                jst(r.confirmedAt), jst(r.confirmBy), jst(r.reconsentDueAt), r.noShowOutcome, jst(r.reviewedAt),
                r.channel, r.awaitingApplicationMail);
    }

    public ContactView toContact(Reservation r) {
        return new ContactView(r.id, r.officeId, r.userId, r.userKind.name(), r.name, r.email, r.phone, r.kind.name(),
                r.detailDelivery == null ? null : r.detailDelivery.name(), jst(r.slotStart), jst(r.slotEnd),
                r.noShowGraceMinutes == null ? null : r.noShowGraceMinutes.intValue());
    }

    private OffsetDateTime jst(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime();
    }

    private List<OffsetDateTime> preferences(Reservation r) {
        return r.preferences == null || r.preferences.isBlank() ? List.of()
                : Arrays.stream(r.preferences.split(",")).map(OffsetDateTime::parse).map(this::jst).toList();
    }

    private static List<String> companions(Reservation r) {
        return r.companions == null || r.companions.isBlank() ? List.of() : List.of(r.companions.split(","));
    }
}
