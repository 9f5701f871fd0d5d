package jp.madoguchi.notification.service;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.config.NotificationConfig;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.service.ContactDirectory.Contact;
import jp.madoguchi.platform.time.JapaneseDates;

/** Turns a queued notification and the recipient's contact into an email, in the office's name. */
@ApplicationScoped
public class MailComposer {

    public static final String REQUEST_RECEIVED = "REQUEST_RECEIVED";

    private final Template requestReceived;
    private final NotificationConfig config;
    private final ObjectMapper mapper;

    public MailComposer(@Location("mail/requestReceived") Template requestReceived, NotificationConfig config,
            ObjectMapper mapper) {
        this.requestReceived = requestReceived;
        this.config = config;
        this.mapper = mapper;
    }

    public Mail compose(Notification n, Contact contact) {
        NotificationConfig.Office office = config.offices().get(n.officeId);
        String officeName = office == null ? "ハローワーク" : office.name();
        JsonNode params = read(n.params);
        Mail mail = switch (n.kind) {
            case REQUEST_RECEIVED -> Mail.withText(contact.email(),
                    "【" + officeName + "】オンライン相談のお申込みを受け付けました（仮予約）",
                    requestReceived
                            .data("name", contact.name())
                            .data("reservationId", n.reservationId)
                            .data("start", JapaneseDates.dateTime(OffsetDateTime.parse(params.get("slotStart").asText())))
                            .data("officeName", officeName)
                            .render());
            default -> throw new IllegalStateException("no template for " + n.kind);
        };
        if (office != null) {
            mail.setFrom(office.sender());
        }
        // lets a reader (and the tests) tie the email to the message in the delivery log
        mail.addHeader("X-Madoguchi-Notification", n.id.toString());
        return mail;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notification parameters", e);
        }
    }
}
