package jp.madoguchi.notification.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.notification.entity.Notification.Channel;
import jp.madoguchi.notification.policy.MessagePlan.Kind;
import jp.madoguchi.notification.client.ContactDirectory.Contact;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.inbox.IncomingEvent;

class MessagePlanTest {

    private final MessagePlan plan = new MessagePlan();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyStepOfABookingThatConcernsThePersonHasItsMessage() {
        assertEquals(Optional.of(Kind.REQUEST_RECEIVED), plan.messageFor(event(EventTypes.RESERVATION_REQUESTED, "REGULAR")));
        assertEquals(Optional.of(Kind.INVITATION), plan.messageFor(event(EventTypes.MEETING_PROVISIONED, null)));
        assertEquals(Optional.of(Kind.REJECTED), plan.messageFor(event(EventTypes.RESERVATION_REJECTED, "REGULAR")));
        assertEquals(Optional.of(Kind.RESPONSE_OVERDUE), plan.messageFor(event(EventTypes.RESERVATION_RESPONSE_OVERDUE, "REGULAR")));
        assertEquals(Optional.of(Kind.RECONSENT), plan.messageFor(event(EventTypes.RECONSENT_REQUESTED, null)));
        assertEquals(Optional.of(Kind.VOIDED), plan.messageFor(event(EventTypes.RESERVATION_VOIDED, "REGULAR")));
        // told the booking stands after consenting, and told a request lapsed when it can no longer be confirmed
        assertEquals(Optional.of(Kind.RECONSENTED), plan.messageFor(event(EventTypes.RESERVATION_RECONSENTED, "REGULAR")));
        assertEquals(Optional.of(Kind.EXPIRED), plan.messageFor(event(EventTypes.RESERVATION_EXPIRED, "REGULAR")));
        assertEquals(Optional.of(Kind.CANCELLED), plan.messageFor(event(EventTypes.RESERVATION_CANCELLED, "FOLLOW_UP")));
        assertEquals(Optional.of(Kind.NO_SHOW), plan.messageFor(event(EventTypes.RESERVATION_NO_SHOW, "REGULAR")));
        assertEquals(Optional.of(Kind.MEETING_FAILED), plan.messageFor(event(EventTypes.MEETING_PROVISIONING_FAILED, null)));
        // bookkeeping events nobody needs a message for
        assertEquals(Optional.empty(), plan.messageFor(event(EventTypes.RESERVATION_COMPLETED, "REGULAR")));
        assertEquals(Optional.empty(), plan.messageFor(event(EventTypes.PARTICIPANT_JOINED, null)));
    }

    /** Article 13: a revision is told in My Page and by email; without an email address, My Page alone tells it. */
    @Test
    void aRevisionIsToldInMyPageAndByEmailWithoutSayingItTwice() {
        assertEquals(java.util.List.of(Kind.TERMS_REVISED_MY_PAGE, Kind.TERMS_REVISED),
                plan.messagesFor(event(EventTypes.TERMS_REVISION_ANNOUNCED, null)));
        assertEquals(java.util.List.of(Kind.RECONSENT), plan.messagesFor(event(EventTypes.RECONSENT_REQUESTED, null)));
        assertEquals(jp.madoguchi.notification.entity.Notification.Channel.INBOX,
                plan.channel(Kind.TERMS_REVISED_MY_PAGE, null, "taro@example.jp"));
        assertEquals(jp.madoguchi.notification.entity.Notification.Channel.EMAIL,
                plan.channel(Kind.TERMS_REVISED, null, "taro@example.jp"));
        var noEmail = plan.channel(Kind.TERMS_REVISED, null, null);
        assertTrue(plan.redundant(Kind.TERMS_REVISED, noEmail).isPresent(), "a second My Page copy");
        assertTrue(plan.redundant(Kind.TERMS_REVISED_MY_PAGE, noEmail).isEmpty());
        assertEquals("termsRevised", Kind.TERMS_REVISED_MY_PAGE.template());
    }

    @Test
    void aReminderIsInMyPageAndByEmailOnlyForASessionThatStillStands() {
        assertEquals(Channel.INBOX, plan.channel(Kind.REMINDER_MY_PAGE, "PHONE", "taro@example.jp"));
        assertEquals(Channel.EMAIL, plan.channel(Kind.REMINDER, "PHONE", "taro@example.jp"),
                "the reminder carries no access code, so it goes by email even where the code went by phone");
        assertTrue(plan.redundant(Kind.REMINDER, plan.channel(Kind.REMINDER, null, null)).isPresent(),
                "without an email address, the My Page copy tells them");
        assertTrue(plan.noLongerTrue(Kind.REMINDER, "CONFIRMED").isEmpty());
        for (String ended : java.util.List.of("CANCELLED", "VOID", "AWAITING_RECONSENT", "NO_SHOW", "COMPLETED")) {
            assertEquals(Optional.of("booking " + ended), plan.noLongerTrue(Kind.REMINDER, ended));
            assertEquals(Optional.of("booking " + ended), plan.noLongerTrue(Kind.REMINDER_MY_PAGE, ended));
        }
        assertEquals("reminder", Kind.REMINDER_MY_PAGE.template());
    }

    @Test
    void sessionsConfirmedInTheSameBreathGetNoAcknowledgementOnlyTheirInvitation() {
        assertEquals(Optional.empty(), plan.messageFor(event(EventTypes.RESERVATION_REQUESTED, "FOLLOW_UP")));
        assertEquals(Optional.empty(), plan.messageFor(event(EventTypes.RESERVATION_REQUESTED, "AD_HOC")));
        // an event from a producer that does not say the kind is an ordinary application
        assertEquals(Optional.of(Kind.REQUEST_RECEIVED), plan.messageFor(event(EventTypes.RESERVATION_REQUESTED, null)));
    }

    @Test
    void detailsGoTheWayTheBookingSays() {
        assertEquals(Channel.CALLBACK, channel(Kind.INVITATION, contact("a@example.jp", "PHONE")),
                "a follow-up's access code by phone is a call staff make");
        assertEquals(Channel.INBOX, channel(Kind.INVITATION, contact(null, "MYPAGE")), "ad-hoc code in My Page");
        assertEquals(Channel.EMAIL, channel(Kind.INVITATION, contact("a@example.jp", "EMAIL")));
        assertEquals(Channel.EMAIL, channel(Kind.INVITATION, contact("a@example.jp", null)));
        // everything else is written: by email where there is an address, in My Page where there is none
        assertEquals(Channel.EMAIL, channel(Kind.CANCELLED, contact("a@example.jp", "PHONE")));
        assertEquals(Channel.INBOX, channel(Kind.CANCELLED, contact(null, "PHONE")));
        assertEquals(Channel.INBOX, channel(Kind.NO_SHOW, contact(" ", "MYPAGE")));
    }

    @Test
    void onlyEndingsWithdrawTheCalendarEntry() {
        assertTrue(plan.withdrawsCalendarEntry(Kind.CANCELLED));
        assertTrue(plan.withdrawsCalendarEntry(Kind.VOIDED));
        assertTrue(plan.withdrawsCalendarEntry(Kind.NO_SHOW));
        assertFalse(plan.withdrawsCalendarEntry(Kind.RECONSENT));
        assertFalse(plan.withdrawsCalendarEntry(Kind.REJECTED), "a rejected application was never in the calendar");
    }

    @Test
    void anInvitationOrAPleaseCallDoesNotOutliveTheBookingAReportOfWhatHappenedDoes() {
        assertEquals(Optional.of("booking CANCELLED"), plan.noLongerTrue(Kind.INVITATION, "CANCELLED"));
        assertTrue(plan.noLongerTrue(Kind.INVITATION, "VOID").isPresent());
        assertTrue(plan.noLongerTrue(Kind.INVITATION, "NO_SHOW").isPresent());
        assertEquals(Optional.empty(), plan.noLongerTrue(Kind.INVITATION, "CONFIRMED"));
        assertEquals(Optional.empty(), plan.noLongerTrue(Kind.INVITATION, null), "no state seen yet holds nothing back");
        assertTrue(plan.noLongerTrue(Kind.RESPONSE_OVERDUE, "CONFIRMED").isPresent(), "the office has answered meanwhile");
        assertEquals(Optional.empty(), plan.noLongerTrue(Kind.RESPONSE_OVERDUE, "REQUESTED"));
        assertEquals(Optional.empty(), plan.noLongerTrue(Kind.CANCELLED, "CANCELLED"));
        assertEquals(Optional.empty(), plan.noLongerTrue(Kind.REJECTED, "REJECTED"));
    }

    @Test
    void aMessageIsWorthRetryingForAsLongAsItIsOfUse() {
        OffsetDateTime queued = OffsetDateTime.parse("2026-12-01T10:00:00+09:00");
        OffsetDateTime start = queued.plusDays(2);
        Duration window = Duration.ofDays(3);
        assertEquals(start, plan.usefulUntil(Kind.INVITATION, queued, start, start.plusMinutes(30), null, window));
        assertEquals(start, plan.usefulUntil(Kind.REQUEST_RECEIVED, queued, start, start.plusMinutes(30), null, window));
        // an ad-hoc session has begun when its code is asked for: of use until it ends
        assertEquals(queued.plusMinutes(25),
                plan.usefulUntil(Kind.INVITATION, queued, queued.minusMinutes(5), queued.plusMinutes(25), null, window));
        assertEquals(queued.plusDays(1), plan.usefulUntil(Kind.RECONSENT, queued, start, null, queued.plusDays(1), window));
        assertEquals(queued.plus(window), plan.usefulUntil(Kind.CANCELLED, queued, start, null, null, window));
        assertEquals(queued.plus(window), plan.usefulUntil(Kind.INVITATION, queued, null, null, null, window));
    }

    @Test
    void everyMessageHasItsTemplate() {
        assertEquals("requestReceived", Kind.REQUEST_RECEIVED.template());
        for (Kind kind : Kind.values()) {
            assertTrue(getClass().getResource("/templates/mail/" + kind.template() + ".txt") != null,
                    "no template for " + kind);
        }
    }

    private IncomingEvent event(String type, String kind) {
        ObjectNode data = json.createObjectNode().put("reservationId", UUID.randomUUID().toString()).put("officeId", "kaga");
        if (kind != null) {
            data.put("kind", kind);
        }
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/test", null, ZonedDateTime.now(), data);
    }

    private Channel channel(Kind kind, Contact contact) {
        return plan.channel(kind, contact.detailDelivery(), contact.email());
    }

    private static Contact contact(String email, String delivery) {
        return new Contact(UUID.randomUUID(), "kaga", "user", "SEEKER", "名前", email, "0761-00-0000", "REGULAR", delivery,
                OffsetDateTime.now(), OffsetDateTime.now().plusMinutes(30), 10);
    }
}
