package jp.madoguchi.notification.policy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification.Channel;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.IncomingEvent;

/**
 * The one place that says which message an event means for the person, and how it reaches them. The offices'
 * rules meet here: details of a follow-up "by phone" become a call-back task for staff, an ad-hoc access code
 * goes to My Page or by phone, and whoever has no email address on record reads their messages in My Page.
 */
@ApplicationScoped
public class MessagePlan {

    /** The messages a person can receive; each has a template of the same name (camel case) under templates/mail. */
    public enum Kind {
        REQUEST_RECEIVED, INVITATION, REJECTED, RESPONSE_OVERDUE, RECONSENT, RECONSENTED, VOIDED, EXPIRED, CANCELLED,
        NO_SHOW, MEETING_FAILED,
        /** A revision of the office's terms (article 13), by email; and the same notice in My Page. */
        TERMS_REVISED, TERMS_REVISED_MY_PAGE(TERMS_REVISED),
        /** The answer to a cancellation by mail the office takes only by phone (then, or at all): the number. */
        CANCEL_BY_PHONE,
        /** The day before a confirmed session, by email; and the same in My Page. */
        REMINDER, REMINDER_MY_PAGE(REMINDER);

        /** The email this is the My Page copy of (same template, always in My Page); null for any other message. */
        private final Kind myPageCopyOf;

        Kind() {
            this.myPageCopyOf = null;
        }

        Kind(Kind email) {
            this.myPageCopyOf = email;
        }

        /** A copy that is always read in My Page, beside the same message by email. */
        public boolean isMyPageCopy() {
            return myPageCopyOf != null;
        }

        /** An email that also goes to My Page as a copy of its own: sent to My Page, it would say it twice. */
        public boolean hasMyPageCopy() {
            for (Kind k : values()) {
                if (k.myPageCopyOf == this) {
                    return true;
                }
            }
            return false;
        }

        public String template() {
            if (myPageCopyOf != null) {
                return myPageCopyOf.template();
            }
            String[] words = name().toLowerCase().split("_");
            StringBuilder b = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return b.toString();
        }
    }

    /** Sessions confirmed in the same breath as they are requested: the invitation is the first word they need. */
    private static final Set<String> CONFIRMED_AT_ONCE = Set.of("FOLLOW_UP", "AD_HOC");

    /**
     * The messages an event calls for: a revision is told both in My Page and by email (article 13 asks that
     * everyone be told; My Page is where a person without an email address on record reads it).
     */
    public List<Kind> messagesFor(IncomingEvent event) {
        if (EventTypes.TERMS_REVISION_ANNOUNCED.equals(event.type())) {
            return List.of(Kind.TERMS_REVISED_MY_PAGE, Kind.TERMS_REVISED);
        }
        return messageFor(event).map(List::of).orElse(List.of());
    }

    /** The message an event calls for, if any. */
    public Optional<Kind> messageFor(IncomingEvent event) {
        Kind kind = switch (event.type()) {
            // a tentative booking taken by phone that waits for the person's application mail (Kabe): they were told
            // on the phone, and the office has no address yet; the invitation is the answer to their mail
            case EventTypes.RESERVATION_REQUESTED -> confirmedAtOnce(event.text("kind"))
                    || "true".equals(event.text("awaitingApplicationMail")) ? null : Kind.REQUEST_RECEIVED;
            case EventTypes.MEETING_PROVISIONED -> Kind.INVITATION;
            // TeleOffice could not create the meeting in time: the person is told to phone, not left waiting
            case EventTypes.MEETING_PROVISIONING_FAILED -> Kind.MEETING_FAILED;
            case EventTypes.RESERVATION_REJECTED -> Kind.REJECTED;
            case EventTypes.RESERVATION_RESPONSE_OVERDUE -> Kind.RESPONSE_OVERDUE;
            case EventTypes.RECONSENT_REQUESTED -> Kind.RECONSENT;
            // after consenting, the person is told their booking (or request) stands
            case EventTypes.RESERVATION_RECONSENTED -> Kind.RECONSENTED;
            case EventTypes.RESERVATION_VOIDED -> Kind.VOIDED;
            case EventTypes.RESERVATION_EXPIRED -> Kind.EXPIRED;
            case EventTypes.RESERVATION_CANCELLED -> Kind.CANCELLED;
            case EventTypes.RESERVATION_NO_SHOW -> Kind.NO_SHOW;
            default -> null;
        };
        return Optional.ofNullable(kind);
    }

    private static boolean confirmedAtOnce(String reservationKind) {
        return reservationKind != null && CONFIRMED_AT_ONCE.contains(reservationKind);
    }

    /**
     * How a message reaches the person, decided when it is sent, from what the reservation says then: how the
     * details are to go ({@code detailDelivery}) and the contact email, if any.
     */
    public Channel channel(Kind kind, String detailDelivery, String email) {
        if (kind.isMyPageCopy()) {
            return Channel.INBOX;
        }
        if (kind == Kind.INVITATION && detailDelivery != null) {
            switch (detailDelivery) {
                case "PHONE":
                    // the access code is read out to the person on the phone registered with the office
                    return Channel.CALLBACK;
                case "MYPAGE":
                    return Channel.INBOX;
                default:
                    break;
            }
        }
        return email == null || email.isBlank() ? Channel.INBOX : Channel.EMAIL;
    }

    /**
     * Why a message on its way by this channel would only repeat another, empty while it would not: the email copy
     * of a revision, for someone without an email address, would be a second My Page copy.
     */
    public Optional<String> redundant(Kind kind, Channel channel) {
        return kind.hasMyPageCopy() && channel == Channel.INBOX
                ? Optional.of("no email address on record: the My Page copy tells them")
                : Optional.empty();
    }

    /** Booking states after which nothing about the session itself is true any more. */
    private static final Set<String> ENDED = Set.of("CANCELLED", "VOID", "NO_SHOW", "REJECTED", "EXPIRED", "COMPLETED");

    /**
     * Why a message is no longer true, given the booking's state when it is about to go out; empty while it is.
     * An unknown state (no reservation event seen yet) does not hold a message back. Messages that report what
     * happened (received, rejected, cancelled, void, no-show) stay true; those that ask the person to act or
     * to come do not outlive the booking.
     */
    public Optional<String> noLongerTrue(Kind kind, String bookingState) {
        if (bookingState == null) {
            return Optional.empty();
        }
        boolean moot = switch (kind) {
            case INVITATION, MEETING_FAILED -> ENDED.contains(bookingState);
            // "the office has not answered, please phone": not once it has answered
            case RESPONSE_OVERDUE -> !"REQUESTED".equals(bookingState);
            case RECONSENT, RECONSENTED -> ENDED.contains(bookingState);
            // "see you tomorrow" only for a session that stands as booked (not one waiting for consent, say)
            case REMINDER, REMINDER_MY_PAGE -> !"CONFIRMED".equals(bookingState);
            default -> false;
        };
        return moot ? Optional.of("booking " + bookingState) : Optional.empty();
    }

    /**
     * Until when a message is of use to the person, and so worth retrying; past it the message is DEAD and staff
     * are told. An invitation, an acknowledgement or an answer: until the session starts (for a session already
     * under way when it was asked for, such as an ad-hoc one: until it ends). A re-consent request: until its link
     * expires. A notice of what happened (cancelled, void, no-show): for {@code noticeWindow} after it was queued.
     * Without the times, {@code noticeWindow} too.
     */
    public OffsetDateTime usefulUntil(Kind kind, OffsetDateTime queuedAt, OffsetDateTime sessionStart,
            OffsetDateTime sessionEnd, OffsetDateTime linkExpires, Duration noticeWindow) {
        OffsetDateTime fallback = queuedAt.plus(noticeWindow);
        return switch (kind) {
            // "the meeting could not be set up, please phone" is of use only before the session, like the invitation
            case INVITATION, REQUEST_RECEIVED, REJECTED, RESPONSE_OVERDUE, MEETING_FAILED, RECONSENTED, REMINDER,
                    REMINDER_MY_PAGE -> {
                if (sessionStart != null && sessionStart.isAfter(queuedAt)) {
                    yield sessionStart;
                }
                yield sessionEnd != null && sessionEnd.isAfter(queuedAt) ? sessionEnd : fallback;
            }
            case RECONSENT -> linkExpires != null && linkExpires.isAfter(queuedAt) ? linkExpires : fallback;
            case VOIDED, EXPIRED, CANCELLED, NO_SHOW, TERMS_REVISED, TERMS_REVISED_MY_PAGE, CANCEL_BY_PHONE -> fallback;
        };
    }

    /** Whether a calendar entry sent earlier must be withdrawn (METHOD:CANCEL with the invitation's UID). */
    public boolean withdrawsCalendarEntry(Kind kind) {
        return kind == Kind.CANCELLED || kind == Kind.VOIDED || kind == Kind.NO_SHOW;
    }
}
