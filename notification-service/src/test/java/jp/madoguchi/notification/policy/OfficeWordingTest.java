package jp.madoguchi.notification.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import jp.madoguchi.notification.policy.OfficeWording.Channel;
import jp.madoguchi.notification.policy.OfficeWording.DayCount;
import jp.madoguchi.notification.policy.OfficeWording.Policy;

/** The rule sentences, written from the policy alone. */
class OfficeWordingTest {

    private static final String PHONE = "0761-00-0000";
    private static final DayCount TWO_WORKING_DAYS = new DayCount(2, true);
    private static final DayCount ONE_DAY = new DayCount(1, false);

    private static Policy policy(List<Channel> channels, List<Channel> sameDay) {
        return new Policy(30, TWO_WORKING_DAYS, true, TWO_WORKING_DAYS, channels, sameDay, 10, false);
    }

    private static OfficeWording wording(List<Channel> channels, List<Channel> sameDay) {
        return new OfficeWording(policy(channels, sameDay), PHONE, null);
    }

    @Test
    void everyChannelAndTheSameDayRule() {
        OfficeWording.Text t = wording(List.of(Channel.ONLINE, Channel.PHONE, Channel.EMAIL), List.of(Channel.PHONE)).cancellation();
        assertEquals("キャンセルは、お電話（0761-00-0000）、メール、またはマイページで承ります。相談当日のキャンセルは、お電話のみです。", t.ja());
        assertEquals("To cancel, phone us (0761-00-0000), email us, or use My Page. On the day itself, by phone only.", t.en());
    }

    @Test
    void oneChannelIsTheOnlyOneAndNeedsNoSameDayRule() {
        OfficeWording.Text t = wording(List.of(Channel.PHONE), List.of(Channel.PHONE)).cancellation();
        assertEquals("キャンセルは、お電話（0761-00-0000）でのみ承ります。", t.ja());
        assertEquals("To cancel, please phone us (0761-00-0000); cancellations are taken by phone only.", t.en());
    }

    @Test
    void twoChannelsAMailboxAndNoCancellationOnTheDay() {
        OfficeWording.Text t = new OfficeWording(policy(List.of(Channel.EMAIL, Channel.PHONE), List.of()), PHONE,
                "soudan@example.jp").cancellation();
        assertEquals("キャンセルは、お電話（0761-00-0000）またはメール（soudan@example.jp）で承ります。相談当日のキャンセルはお受けできません。", t.ja());
        assertEquals("To cancel, phone us (0761-00-0000) or email us (soudan@example.jp). On the day itself, cancellations cannot be taken.", t.en());
    }

    @Test
    void aSameDayChannelTheOfficeDoesNotTakeAtAllIsNotStated() {
        OfficeWording.Text t = wording(List.of(Channel.PHONE, Channel.ONLINE), List.of(Channel.EMAIL, Channel.ONLINE)).cancellation();
        assertEquals("キャンセルは、お電話（0761-00-0000）またはマイページで承ります。相談当日のキャンセルは、マイページのみです。", t.ja());
        assertEquals("To cancel, phone us (0761-00-0000) or use My Page. On the day itself, in My Page only.", t.en());
    }

    @Test
    void theNoShowRuleFollowsTheOutcome() {
        OfficeWording review = wording(List.of(Channel.PHONE), List.of(Channel.PHONE));
        assertEquals("連絡のないまま開始時刻から15分が過ぎると、キャンセルとして扱います。その場合、ハローワークで事情を確認のうえ、"
                + "今後のオンライン相談のご利用をお断りすることがあります。", review.noShow(15).ja());
        OfficeWording suspend = new OfficeWording(new Policy(30, ONE_DAY, false, ONE_DAY, List.of(Channel.PHONE),
                List.of(Channel.PHONE), 10, true), PHONE, null);
        assertEquals("If nobody joins within 10 minutes of the start and we have had no word, the booking counts as cancelled"
                + " and your online booking is suspended until the office has reviewed it.", suspend.noShow(10).en());
    }

    @Test
    void deadlinesInWorkingOrCalendarDays() {
        OfficeWording kaga = wording(List.of(Channel.PHONE), List.of());
        assertEquals("ハローワークからは、お申込みから2開庁日以内にご連絡します。", kaga.responseDeadline().ja());
        assertEquals("The office will answer within 2 working days of your application.", kaga.responseDeadline().en());
        assertEquals("相談日の2開庁日前", kaga.leadTime().ja());
        assertEquals("2 working days before the session", kaga.leadTime().en());

        OfficeWording kabe = new OfficeWording(new Policy(30, ONE_DAY, false, ONE_DAY, List.of(Channel.PHONE),
                List.of(Channel.PHONE), 10, false), PHONE, null);
        assertEquals("ハローワークからは、ご希望の相談日の前日までにご連絡します。", kabe.responseDeadline().ja());
        assertEquals("The office will answer by the day before the requested date.", kabe.responseDeadline().en());
        assertEquals("相談日の前日", kabe.leadTime().ja());
        assertEquals("the day before the session", kabe.leadTime().en());

        OfficeWording three = new OfficeWording(new Policy(20, new DayCount(3, false), false, new DayCount(0, true),
                List.of(Channel.PHONE), List.of(), 10, false), PHONE, null);
        assertEquals("3 days before the session", three.leadTime().en());
        assertEquals("ハローワークからは、ご希望の相談日の当日までにご連絡します。", three.responseDeadline().ja());
        assertEquals(20, three.sessionMinutes());
    }
}
