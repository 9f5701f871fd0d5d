package jp.madoguchi.notification;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jp.madoguchi.notification.client.ContactDirectory.Contact;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.policy.MessagePlan.Kind;
import jp.madoguchi.notification.service.MessageComposer;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;

/** Each message says what really happens, as the event that caused it says: the office's policy at that moment. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class MessageWordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime START = OffsetDateTime.parse("2027-06-09T14:00:00+09:00");

    @Inject
    MessageComposer composer;

    private String text(Kind kind, String state, String field, Object value) throws Exception {
        UUID id = UUID.randomUUID();
        ObjectNode params = (ObjectNode) JSON.readTree(Events.reservationPayload(id, "kaga", "someone", state, START));
        if (field != null) {
            params.putPOJO(field, value);
        }
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.kind = kind.name();
        n.reservationId = id;
        n.officeId = "kaga";
        n.params = params.toString();
        Contact contact = new Contact(id, "kaga", "someone", "SEEKER", "加賀 太郎", "taro@example.jp", "0761-00-1234",
                "REGULAR", null, START, START.plusMinutes(30), 20);
        MessageComposer.Composed c = composer.compose(n, contact, MessageComposer.Extras.NONE, Notification.Channel.EMAIL);
        return c.subject() + "\n" + c.text();
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

        assertThat(text(Kind.RECONSENTED, "CONFIRMED", null, null), containsString("ご予約は、そのまま有効です"));
        assertThat(text(Kind.RECONSENTED, "REQUESTED", null, null), containsString("回答をお待ちください"));

        String refused = text(Kind.CANCELLED, "CANCELLED", "refused", true);
        assertThat(refused, containsString("ご利用をお断りすることになったため"));
        assertThat(refused, not(containsString("お心当たりのない場合")));
        assertThat(text(Kind.CANCELLED, "CANCELLED", "cancelChannel", "PHONE"), containsString("お電話でのご連絡により"));
    }
}
