package jp.madoguchi.notification;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import jp.madoguchi.notification.client.ContactDirectory.Contact;
import jp.madoguchi.notification.client.MeetingDirectory;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.policy.MessagePlan.Kind;
import jp.madoguchi.notification.service.MessageComposer;
import jp.madoguchi.notification.service.OfficeProfileService;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;

/**
 * Each message says what really happens: as the event that caused it says (the office's policy at that moment),
 * and the office's rules as its projection holds them when the message is written.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class MessageWordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime START = OffsetDateTime.parse("2027-06-09T14:00:00+09:00");

    @Inject
    MessageComposer composer;

    @Inject
    OfficeProfileService offices;

    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    private String text(Kind kind, String state, String field, Object value) throws Exception {
        return text("kaga", kind, state, field, value);
    }

    private String text(String officeId, Kind kind, String state, String field, Object value) throws Exception {
        return text(officeId, kind, state, field == null ? java.util.Map.of() : java.util.Map.of(field, value));
    }

    private String text(String officeId, Kind kind, String state, java.util.Map<String, Object> fields) throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode params = (ObjectNode) JSON.readTree(Events.reservationPayload(id, officeId, "someone", state, START));
        fields.forEach(params::putPOJO);
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.kind = kind.name();
        n.reservationId = id;
        n.officeId = officeId;
        n.params = params.toString();
        Contact contact = new Contact(id, officeId, "someone", "SEEKER", "加賀 太郎", "taro@example.jp", "0761-00-1234",
                "REGULAR", null, START, START.plusMinutes(30), 20);
        MessageComposer.Extras extras = kind == Kind.INVITATION
                ? new MessageComposer.Extras(new MeetingDirectory.Access(id, "TO-1", "https://teleoffice.example/j/1",
                        "123456", START, START.minusMinutes(5), START.plusMinutes(40), "OPEN"), null, false, null)
                : MessageComposer.Extras.NONE;
        MessageComposer.Composed c = composer.compose(n, office(officeId), contact, extras, Notification.Channel.EMAIL);
        return c.subject() + "\n" + c.text();
    }

    /** The office as the projection holds it now, as the dispatcher fetches it for a message. */
    private OfficeProfile office(String officeId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> offices.of(officeId)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNoShowEmailSaysWhatTheOfficesPolicyMadeOfIt() throws Exception {
        String review = text(Kind.NO_SHOW, "NO_SHOW", "noShowOutcome", "REVIEW");
        assertThat(review, containsString("判断し"));
        assertThat(review, not(containsString("停止しました")));
        assertThat(review, containsString("The office will"));

        String suspend = text(Kind.NO_SHOW, "NO_SHOW", "noShowOutcome", "SUSPEND");
        assertThat(suspend, containsString("ご予約を停止しました"));
        assertThat(suspend, containsString("suspended"));

        assertThat(text(Kind.NO_SHOW, "NO_SHOW", "noShowGraceMinutes", 15), containsString("開始から15分"));
        // an event without it: the grace the booking was confirmed under, from the reservation (here 20)
        assertThat(text(Kind.NO_SHOW, "NO_SHOW", null, null), containsString("開始から20分"));
    }

    @Test
    void anExpiredRequestAReconsentAndARefusalEachSayWhatHappened() throws Exception {
        String expired = text(Kind.EXPIRED, "EXPIRED", null, null);
        assertThat(expired, containsString("受付を終了しました"));
        assertThat(expired, containsString("apply again"));
        // Kaga's lead time: two working days
        assertThat(expired, containsString("相談日の2開庁日前"));
        assertThat(expired, containsString("2 working days before the session"));

        assertThat(text(Kind.RECONSENTED, "CONFIRMED", null, null), containsString("ご予約は、そのまま有効です"));
        assertThat(text(Kind.RECONSENTED, "REQUESTED", null, null), containsString("回答をお待ちください"));

        String refused = text(Kind.CANCELLED, "CANCELLED", "refused", true);
        assertThat(refused, containsString("ご利用をお断りすることになったため"));
        assertThat(refused, not(containsString("お心当たりのない場合")));
        assertThat(text(Kind.CANCELLED, "CANCELLED", "cancelChannel", "PHONE"), containsString("お電話でのご連絡により"));
    }

    @Test
    void theInvitationStatesEachOfficesRulesFromItsPolicy() throws Exception {
        String kaga = text("kaga", Kind.INVITATION, "CONFIRMED", null, null);
        assertThat(kaga, containsString("キャンセルは、お電話（0761-00-0000）、メール（kaga-soudan@madoguchi.example.jp）、またはマイページで承ります。"));
        assertThat(kaga, containsString("相談当日のキャンセルは、お電話のみです。"));
        assertThat(kaga, containsString("To cancel, phone us (0761-00-0000), email us (kaga-soudan@madoguchi.example.jp), or use My Page. On the day itself, by phone only."));
        assertThat(kaga, containsString("開始時刻の5分前から入室できます"));
        assertThat(kaga, containsString("（日本時間、30分）"));
        // the grace the booking was confirmed under (20), and what Kaga's policy does about a no-show (REVIEW)
        assertThat(kaga, containsString("開始時刻から20分が過ぎると"));
        assertThat(kaga, containsString("お断りすることがあります"));
        assertThat(kaga, containsString("Hello Work Kaga"));
        // the footer says what a reply does: Kaga reads its mailbox and takes cancellations by email
        assertThat(kaga, containsString("「キャンセル」とご返信いただいても承ります"));
        assertThat(kaga, not(containsString("送信専用")));

        String kabe = text("kabe", Kind.INVITATION, "CONFIRMED", null, null);
        assertThat(kabe, containsString("キャンセルは、お電話（082-000-0000）でのみ承ります。"));
        assertThat(kabe, containsString("cancellations are taken by phone only."));
        assertThat(kabe, not(containsString("相談当日")));
        assertThat(kabe, containsString("ハローワーク可部"));
        // Kabe takes cancellations by phone only: a reply to its invitation does nothing, and the footer says so
        assertThat(kabe, containsString("送信専用"));

        // Kaga answers within two working days of the application, Kabe by the day before the session
        assertThat(text("kaga", Kind.REQUEST_RECEIVED, "REQUESTED", null, null),
                containsString("お申込みから2開庁日以内にご連絡します"));
        assertThat(text("kabe", Kind.REQUEST_RECEIVED, "REQUESTED", null, null),
                containsString("ご希望の相談日の前日までにご連絡します"));
    }

    @Test
    void aPolicyChangeChangesTheSentenceInTheNextMessage() throws Exception {
        assertThat(text(Kind.INVITATION, "CONFIRMED", null, null), containsString("メール（kaga-soudan@madoguchi.example.jp）、またはマイページで承ります"));
        try {
            // Kaga's admin stops taking email and My Page cancellations: reservation-service says so in OfficeChanged
            ObjectNode changed = Offices.profile("kaga", Offices.nextVersion());
            ((ObjectNode) changed.get("policy")).putArray("cancellationChannels").add("PHONE");
            ((ObjectNode) changed.get("policy")).put("noShowOutcome", "SUSPEND");
            Offices.publish("jp.madoguchi.reservation.OfficeChanged.v1", changed);
            Offices.awaitConsumed("notification-service");

            String after = text(Kind.INVITATION, "CONFIRMED", null, null);
            assertThat(after, containsString("キャンセルは、お電話（0761-00-0000）でのみ承ります。"));
            assertThat(after, not(containsString("マイページで承ります")));
            assertThat(after, not(containsString("相談当日のキャンセル")));
            assertThat(after, containsString("To cancel, please phone us (0761-00-0000); cancellations are taken by phone only."));
            assertThat(after, not(containsString("email us")));
            assertThat(after, containsString("新しいご予約をお受けできなくなります"));
        } finally {
            Offices.seed("notification-service");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                text(Kind.INVITATION, "CONFIRMED", null, null), containsString("メール（kaga-soudan@madoguchi.example.jp）、またはマイページで承ります")));
    }

    @Test
    void theReminderSaysWhenWhereTheLinkIsWhatToPrepareAndHowEachOfficeTakesACancellation() throws Exception {
        String kaga = text("kaga", Kind.REMINDER, "CONFIRMED",
                java.util.Map.of("invitedBy", "EMAIL", "invitedAt", "2027-06-04T15:00:00+09:00"));
        assertThat(kaga, containsString("ご予約日が近づいています"));
        assertThat(kaga, containsString("（2027年6月9日（水））14:00 ～ 14:30"));
        assertThat(kaga, containsString("6月4日にお送りした「オンライン相談のご案内（本予約）」のメール"));
        assertThat(kaga, containsString("in the email \"Your online consultation is confirmed\" we sent on\n4 June 2027"));
        assertThat(kaga, containsString("WEBカメラとマイク"));
        assertThat(kaga, containsString("相談当日のキャンセルは、お電話のみです。"));
        // Kaga takes cancellations by email: a reply to the reminder cancels, and the footer says so
        assertThat(kaga, containsString("「キャンセル」とご返信いただいても承ります"));

        // the access code was read out on the phone (Kabe's details by phone): the reminder does not send one
        String kabe = text("kabe", Kind.REMINDER, "CONFIRMED",
                java.util.Map.of("invitedBy", "CALLBACK", "invitedAt", "2027-06-04T15:00:00+09:00"));
        assertThat(kabe, containsString("6月4日にお電話でお伝えしました"));
        assertThat(kabe, not(containsString("https://")));
        assertThat(kabe, containsString("キャンセルは、お電話（082-000-0000）でのみ承ります。"));
        assertThat(kabe, containsString("送信専用"));
    }

    @Test
    void anOfficeNotKnownHereSignsNothing() {
        assertThrows(IllegalStateException.class, () -> text("nowhere", Kind.CANCELLED, "CANCELLED", null, null));
    }
}
