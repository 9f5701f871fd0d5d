package jp.madoguchi.meeting.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The TeleOffice meeting of one consultation. Its URL and passcode leave this service only over authenticated calls. */
@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String REVOKED = "REVOKED";
    public static final String ENDED = "ENDED";

    /** Why a meeting is ended before its close ({@link #endReason}). */
    public static final String NO_SHOW = "NO_SHOW";
    public static final String BY_STAFF = "STAFF";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;

    @Column(name = "reservation_id", nullable = false, unique = true)
    public UUID reservationId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "provider_meeting_id", nullable = false)
    public String providerMeetingId;

    @Column(name = "join_url", nullable = false)
    public String joinUrl;

    @Column(nullable = false)
    public String passcode;

    @Column(name = "starts_at", nullable = false)
    public OffsetDateTime startsAt;

    @Column(name = "opens_at", nullable = false)
    public OffsetDateTime opensAt;

    @Column(name = "closes_at", nullable = false)
    public OffsetDateTime closesAt;

    @Column(name = "no_show_due_at", nullable = false)
    public OffsetDateTime noShowDueAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "no_show_at")
    public OffsetDateTime noShowAt;

    @Column(name = "contact_noted_at")
    public OffsetDateTime contactNotedAt;

    @Column(name = "ended_at")
    public OffsetDateTime endedAt;

    /** Set when an end before the close is asked for (NO_SHOW, STAFF, CANCELLED); null: it ran to its close. */
    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /**
     * The session is under way from its start (the room opens five minutes earlier, for getting ready): before it,
     * a meeting is revoked with its cancelled booking and cannot be ended by staff.
     */
    public boolean underWay(OffsetDateTime now) {
        return !now.isBefore(startsAt);
    }

    /** It is over: before its close for {@code reason} (the one asked for first stays), or at its close (null). */
    public void end(OffsetDateTime at, String reason) {
        status = ENDED;
        endedAt = at;
        if (endReason == null) {
            endReason = reason;
        }
    }

    /** Optimistic locking: a change made on a stale copy fails instead of undoing another (409 to a person). */
    @Version
    public long version;
}
