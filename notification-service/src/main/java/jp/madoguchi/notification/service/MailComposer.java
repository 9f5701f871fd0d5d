package jp.madoguchi.notification.service;

import java.nio.charset.StandardCharsets;
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

/** Turns a queued notification, the recipient's contact and what the message needs into an email, in the office's name. */
@ApplicationScoped
public class MailComposer {

    public static final String REQUEST_RECEIVED = "REQUEST_RECEIVED";
    public static final String INVITATION = "INVITATION";
    public static final String RECONSENT = "RECONSENT";

    /** What some messages need besides the contact: the meeting (invitation) or the signed link (re-consent). */
    public record Extras(MeetingDirectory.Access meeting, ReconsentDirectory.Link link) {
        public static final Extras NONE = new Extras(null, null);
    }

    private final Template requestReceived;
    private final Template invitation;
    private final Template reconsent;
    private final IcsFactory ics;
    private final NotificationConfig config;
    private final ObjectMapper mapper;

    public MailComposer(@Location("mail/requestReceived") Template requestReceived,
            @Location("mail/invitation") Template invitation, @Location("mail/reconsent") Template reconsent,
            IcsFactory ics, NotificationConfig config, ObjectMapper mapper) {
        this.requestReceived = requestReceived;
        this.invitation = invitation;
        this.reconsent = reconsent;
        this.ics = ics;
        this.config = config;
        this.mapper = mapper;
    }

    public Mail compose(Notification n, Contact contact, Extras extras) {
        NotificationConfig.Office office = config.offices().get(n.officeId);
        String officeName = office == null ? "ハローワーク" : office.name();
        String officePhone = office == null ? "" : office.phone();
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
            case INVITATION -> invitation(n, contact, extras.meeting(), office, officeName, officePhone);
            case RECONSENT -> Mail.withText(contact.email(),
                    "【" + officeName + "】利用規約改訂のお知らせ：ご予約の確定には同意が必要です",
                    reconsent
                            .data("name", contact.name())
                            .data("reservationId", n.reservationId)
                            .data("start", JapaneseDates.dateTime(contact.slotStart()))
                            .data("termsUrl", termsUrl(extras.link()))
                            .data("link", extras.link().url())
                            .data("expires", JapaneseDates.dateTime(extras.link().expiresAt()))
                            .data("officeName", officeName)
                            .data("officePhone", officePhone)
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

    private Mail invitation(Notification n, Contact contact, MeetingDirectory.Access meeting,
            NotificationConfig.Office office, String officeName, String officePhone) {
        String text = invitation
                .data("name", contact.name())
                .data("reservationId", n.reservationId)
                .data("start", JapaneseDates.dateTime(meeting.startsAt()))
                .data("end", JapaneseDates.time(meeting.closesAt()))
                .data("joinUrl", meeting.joinUrl())
                .data("passcode", meeting.passcode())
                .data("cancellation", office == null ? "" : office.cancellation())
                .data("officeName", officeName)
                .data("officePhone", officePhone)
                .render();
        String sender = office == null ? "noreply@madoguchi.example.jp" : address(office.sender());
        String calendar = ics.request(n.reservationId.toString(), meeting.startsAt(), meeting.closesAt(),
                officeName + " オンライン職業相談", "入室用URL: " + meeting.joinUrl(), meeting.joinUrl(), sender,
                officeName, contact.email());
        return Mail.withText(contact.email(), "【" + officeName + "】オンライン相談のご案内（本予約）", text)
                .addAttachment("invitation.ics", calendar.getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8; method=REQUEST");
    }

    /** The public page of the revised terms, next to the re-consent page on the consent service. */
    private static String termsUrl(ReconsentDirectory.Link link) {
        String base = link.url().substring(0, link.url().indexOf("/reconsent/"));
        return base + "/terms/" + link.officeId() + "/" + link.termsVersionId();
    }

    private static String address(String sender) {
        int lt = sender.indexOf('<');
        return lt < 0 ? sender : sender.substring(lt + 1, sender.indexOf('>', lt));
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notification parameters", e);
        }
    }
}
