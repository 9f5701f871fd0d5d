package jp.madoguchi.reservation.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jp.madoguchi.platform.problem.ProblemException;

/** One application for a consultation and everything that happens to it. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    /** Keycloak subject of the applicant. */
    @Column(name = "user_id", nullable = false)
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_kind", nullable = false)
    public UserKind userKind = UserKind.SEEKER;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind = Kind.REGULAR;

    @Column(name = "seeker_number")
    public String seekerNumber;

    @Column(nullable = false)
    public String name;

    /** Empty only while a tentative booking awaits the person's application mail, which brings it. */
    public String email;

    @Column(nullable = false)
    public String phone;

    /** Desired starts in order of preference, ISO-8601, comma-separated. */
    public String preferences;

    /** Keycloak subject of the counselor who holds the consultation, once confirmed. */
    @Column(name = "counselor_id")
    public String counselorId;

    /** The counselor the applicant named, where the office asks for it. */
    @Column(name = "counselor_name")
    public String counselorName;

    /** Declared companions (interpreter, caregiver, ...), comma-separated. */
    public String companions;

    @Column(name = "companion_note")
    public String companionNote;

    /** How the details of a follow-up reach the person: by phone (access code) or email (URL). */
    @Enumerated(EnumType.STRING)
    @Column(name = "detail_delivery")
    public DetailDelivery detailDelivery;

    @Column(name = "response_due_at")
    public OffsetDateTime responseDueAt;

    @Column(name = "overdue_at")
    public OffsetDateTime overdueAt;

    /** A request not confirmed by then can no longer be (the office's lead time): it expires. */
    @Column(name = "confirm_by")
    public OffsetDateTime confirmBy;

    /** While awaiting re-consent: the office's cut-off, after which the booking is void. */
    @Column(name = "reconsent_due_at")
    public OffsetDateTime reconsentDueAt;

    /** Once confirmed: minutes after the start with nobody joined and no word before it is a no-show. */
    @Column(name = "no_show_grace_minutes")
    public Short noShowGraceMinutes;

    /** Once a no-show: what the office's policy made of it (SUSPEND or REVIEW). */
    @Column(name = "no_show_outcome")
    public String noShowOutcome;

    /** A no-show's review by staff. */
    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "confirmed_at")
    public OffsetDateTime confirmedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Column(name = "closed_reason")
    public String closedReason;

    @Column(name = "cancel_channel")
    public String cancelChannel;

    /** The version of the office's terms the booking was accepted under. */
    @Column(name = "terms_version_id")
    public String termsVersionId;

    /** While awaiting re-consent: the state to return to once the person consents. */
    @Enumerated(EnumType.STRING)
    @Column(name = "reconsent_from")
    public ReservationState reconsentFrom;

    /** The consultation during which this follow-up was booked. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** How the application reached the office. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel = Channel.ONLINE;

    /** A tentative booking by phone or at the counter that the person's application mail is still to complete. */
    @Column(name = "awaiting_application_mail", nullable = false)
    public boolean awaitingApplicationMail;

    /** The counselor staff named on entering the application, to hold it once confirmed. */
    @Column(name = "planned_counselor_id")
    public String plannedCounselorId;

    @Column(name = "slot_start", nullable = false)
    public OffsetDateTime slotStart;

    @Column(name = "slot_end", nullable = false)
    public OffsetDateTime slotEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReservationState state;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public int version;

    public enum UserKind { SEEKER, EMPLOYER }

    public enum Kind { REGULAR, FOLLOW_UP, AD_HOC }

    /** How an application reached the office: My Page, a call or a visit taken down by staff, or a mail. */
    public enum Channel { ONLINE, PHONE, COUNTER, EMAIL }

    /** How details reach the person: email (URL), phone (access code), or the My Page inbox (ad-hoc code). */
    public enum DetailDelivery { EMAIL, PHONE, MYPAGE }

    /**
     * Moves along the life cycle of DESIGN.md; anything else is a conflict, never a silent change.
     */
    public void moveTo(ReservationState next) {
        if (!state.canMoveTo(next)) {
            throw ProblemException.conflict("reservation.illegal-transition", state, next).with("state", state);
        }
        state = next;
    }
}
