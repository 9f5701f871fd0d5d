package jp.madoguchi.reservation.policy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Everything an office decides about its online consultations, in one place. An office is opened with it (the
 * seeds' two offices from their data files, {@code offices/*.json}); its admins change it through the API. Rules
 * read it, never an office id.
 *
 * @param eligible               who may use online consultation
 * @param sessionMinutes         length of a consultation; the seeds cap it at 30
 * @param leadTime               how long before the session the booking must be confirmed
 * @param responseDeadline       how long the office has to answer a request, counted from the application
 *                               ({@code AFTER_APPLICATION}) or back from the session ({@code BEFORE_SESSION})
 * @param cancellationChannels   how a person may cancel (ONLINE is My Page)
 * @param sameDayCancellationChannels how a person may cancel on the day of the session
 * @param adHocOffered           whether immediate (ad-hoc) sessions are offered
 * @param noShowGraceMinutes     after this long with nobody joined and no word, the booking is a no-show
 * @param noShowOutcome          what a no-show leads to: online booking suspended at once until staff lift it, or
 *                               a staff review that decides (both seeds say only that service "may" be refused)
 * @param revisionRequiresReconsent whether bookings made under earlier terms wait for consent to a revision (Kaga
 *                               6(4)); Kabe's terms say nothing of it, so its bookings stand under a revision
 * @param followUpDetailChannels how the details of a follow-up booked during a consultation reach the person: PHONE
 *                               (access code read out) and/or EMAIL (URL); Kaga 6(6) both, Kabe 6(4) email only
 * @param counselorNameAsked     whether the application names the person's counselor
 * @param autoConfirm            whether a request for a free slot is confirmed at once
 * @param reconsentCutoff        after a terms revision, re-consent must arrive this long before the session
 * @param maxPreferences         how many desired times one application may list
 * @param maxOpenRequests        how many of a person's applications may await the office's answer at once; each one
 *                               mails the address it gives, so this bounds what one account can make the office send
 * @param maxApplicationsPerDay  how many times a person may apply to the office on one calendar day (office's zone)
 * @param bookingHorizonDays     how far ahead sessions can be asked for: the office plans its counselors' weeks
 * @param applicationMailSubject the subject of the mail by which a person applies to the office's mailbox (Kabe:
 *                               the mail completes the tentative booking taken by phone or at the counter); null
 *                               when the office takes no application by mail
 */
public record OfficePolicy(
        @NotEmpty Set<Eligibility> eligible,
        @Min(10) @Max(30) int sessionMinutes,
        @NotNull @Valid DayCount leadTime,
        @NotNull @Valid ResponseDeadline responseDeadline,
        @NotEmpty Set<Channel> cancellationChannels,
        @NotEmpty Set<Channel> sameDayCancellationChannels,
        boolean adHocOffered,
        @Min(1) @Max(30) int noShowGraceMinutes,
        @NotNull NoShowOutcome noShowOutcome,
        boolean revisionRequiresReconsent,
        @NotEmpty Set<Channel> followUpDetailChannels,
        boolean counselorNameAsked,
        boolean autoConfirm,
        @NotNull @Valid DayCount reconsentCutoff,
        @Min(1) @Max(5) int maxPreferences,
        @Min(1) @Max(50) int maxOpenRequests,
        @Min(1) @Max(100) int maxApplicationsPerDay,
        @Min(7) @Max(366) int bookingHorizonDays,
        @Size(min = 1, max = 200) String applicationMailSubject) {

    public enum Eligibility {
        /** Job seekers whose registration is complete. */
        REGISTERED_SEEKER,
        /** Job seekers about to register. */
        PROSPECTIVE_SEEKER,
        /** HR staff of employers with openings at the office. */
        EMPLOYER
    }

    public enum Channel { PHONE, EMAIL, ONLINE }

    public enum NoShowOutcome {
        /** Online booking is suspended at once, until staff lift it. */
        SUSPEND,
        /** The no-show goes to the office's review queue; staff decide whether to refuse further online use. */
        REVIEW
    }

    public record ResponseDeadline(@NotNull Basis basis, @NotNull @Valid DayCount days) {
        public enum Basis { AFTER_APPLICATION, BEFORE_SESSION }
    }

    @JsonIgnore
    @AssertTrue(message = "follow-up details go by phone or email")
    public boolean isFollowUpChannelsValid() {
        return followUpDetailChannels == null || !followUpDetailChannels.contains(Channel.ONLINE);
    }

    @JsonIgnore
    @AssertTrue(message = "same-day cancellation channels must be among the cancellation channels")
    public boolean isSameDayChannelsConsistent() {
        return cancellationChannels == null || sameDayCancellationChannels == null
                || cancellationChannels.containsAll(sameDayCancellationChannels);
    }

    /**
     * Whether an application staff take down by phone or at the counter is only tentative until the person's own
     * application mail arrives (Kabe 2): it may lack the contact email, which that mail brings, and nobody is sent an
     * acknowledgement before it.
     */
    @JsonIgnore
    public boolean awaitsApplicationMail() {
        return applicationMailSubject != null;
    }

    /** The last instant of a day as the database and the events keep it (microseconds): a deadline reads back equal. */
    public static final LocalTime END_OF_DAY = LocalTime.MAX.truncatedTo(java.time.temporal.ChronoUnit.MICROS);

    public Duration sessionLength() {
        return Duration.ofMinutes(sessionMinutes);
    }

    /** The last day on which a booking for a session on {@code sessionDay} can still be confirmed. */
    public LocalDate confirmationDeadline(LocalDate sessionDay, BusinessCalendar calendar) {
        return leadTime.before(sessionDay, calendar);
    }

    /** Whether a session starting at {@code start} can still be booked {@code today}. */
    public boolean bookable(LocalDate sessionDay, LocalDate today, BusinessCalendar calendar) {
        return !confirmationDeadline(sessionDay, calendar).isBefore(today);
    }

    /** The last day whose sessions can be asked for today. */
    public LocalDate lastBookableDay(LocalDate today) {
        return today.plusDays(bookingHorizonDays);
    }

    /**
     * The moment a request for a session on {@code sessionDay} can no longer be confirmed: the end of its
     * confirmation deadline day, in the office's zone. Still unconfirmed then, the request expires.
     */
    public OffsetDateTime confirmBy(LocalDate sessionDay, ZoneId zone, BusinessCalendar calendar) {
        return confirmationDeadline(sessionDay, calendar).atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
    }

    /** The first day whose sessions can still be booked today. */
    public LocalDate earliestBookableDay(LocalDate today, BusinessCalendar calendar) {
        LocalDate day = today;
        while (!bookable(day, today, calendar)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * When the office's answer to a request is due: the end of the deadline day, in the office's zone, and never
     * later than the last day the session can still be confirmed (an answer after that, or a "please phone us"
     * after the session, is of no use: applying on a Thursday for the Monday after, Kaga's two business days would
     * end on the Monday itself).
     */
    public OffsetDateTime responseDue(OffsetDateTime appliedAt, OffsetDateTime sessionStart, ZoneId zone,
            BusinessCalendar calendar) {
        LocalDate sessionDay = sessionStart.atZoneSameInstant(zone).toLocalDate();
        LocalDate due = switch (responseDeadline.basis()) {
            case AFTER_APPLICATION -> responseDeadline.days().after(appliedAt.atZoneSameInstant(zone).toLocalDate(), calendar);
            case BEFORE_SESSION -> responseDeadline.days().before(sessionDay, calendar);
        };
        LocalDate lastConfirmable = confirmationDeadline(sessionDay, calendar);
        if (lastConfirmable.isBefore(due)) {
            due = lastConfirmable;
        }
        return due.atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
    }

    /** Channels by which a session starting at {@code start} may be cancelled at {@code now}. */
    public Set<Channel> cancellationChannelsAt(OffsetDateTime now, OffsetDateTime start, ZoneId zone) {
        boolean sameDay = now.atZoneSameInstant(zone).toLocalDate().equals(start.atZoneSameInstant(zone).toLocalDate());
        return sameDay ? sameDayCancellationChannels : cancellationChannels;
    }

    /**
     * The abuse limits of a person's own application: {@code open} of their requests await the office's answer and
     * they applied {@code today} times today. Empty when the application may go ahead.
     */
    public java.util.Optional<Limit> applicationLimit(long open, long today) {
        if (open >= maxOpenRequests) {
            return java.util.Optional.of(Limit.OPEN_REQUESTS);
        }
        return today >= maxApplicationsPerDay ? java.util.Optional.of(Limit.DAILY_APPLICATIONS) : java.util.Optional.empty();
    }

    public enum Limit { OPEN_REQUESTS, DAILY_APPLICATIONS }

    /** The moment after which a booking still waiting for re-consent becomes void. */
    public OffsetDateTime reconsentDeadline(OffsetDateTime sessionStart, ZoneId zone, BusinessCalendar calendar) {
        LocalDate last = reconsentCutoff.before(sessionStart.atZoneSameInstant(zone).toLocalDate(), calendar);
        return last.atTime(END_OF_DAY).atZone(zone).toOffsetDateTime();
    }
}
