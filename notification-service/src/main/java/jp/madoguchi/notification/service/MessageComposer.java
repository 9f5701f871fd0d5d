package jp.madoguchi.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.entity.OfficeProfile;
import jp.madoguchi.notification.policy.MessagePlan;
import jp.madoguchi.notification.policy.OfficeWording;
import jp.madoguchi.notification.client.ContactDirectory.Contact;
import jp.madoguchi.notification.client.MeetingDirectory;
import jp.madoguchi.notification.client.ReconsentDirectory;
import jp.madoguchi.platform.time.JapaneseDates;

/**
 * Writes a message in the office's name from its template under {@code templates/mail}: Japanese first, English
 * below. A template's first line is the subject; the wording lives in the templates, except the sentences that
 * state the office's rules, which {@link OfficeWording} writes from its policy as the office's projection holds it
 * when the message goes out.
 */
@ApplicationScoped
public class MessageComposer {

    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ENGLISH_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter JAPANESE_DAY = DateTimeFormatter.ofPattern("M月d日", Locale.JAPAN);
    private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** What some messages need besides the contact, each fetched from its owner when the message is written. */
    public record Extras(MeetingDirectory.Access meeting, ReconsentDirectory.Link link, boolean withdrawCalendar,
            String termsPage) {
        public static final Extras NONE = new Extras(null, null, false, null);
    }

    /** A written message: subject, text and, for the calendar, an iCalendar object with its METHOD. */
    public record Composed(String subject, String text, String calendar, String calendarMethod) {
    }

    private final Engine engine;
    private final IcsFactory ics;
    private final ObjectMapper mapper;

    private final boolean mailboxesRead;

    public MessageComposer(Engine engine, IcsFactory ics, ObjectMapper mapper,
            jp.madoguchi.notification.config.InboundConfig inbound) {
        this.mailboxesRead = inbound.host().isPresent();
        this.engine = engine;
        this.ics = ics;
        this.mapper = mapper;
    }

    /** {@code office}: the message's office as the projection holds it now (never null: such a message waits). */
    public Composed compose(Notification n, OfficeProfile office, Contact contact, Extras extras, Notification.Channel channel) {
        MessagePlan.Kind kind = MessagePlan.Kind.valueOf(n.kind);
        OfficeWording wording = wording(n, office);
        JsonNode params = read(n.params);
        OffsetDateTime start = contact.slotStart() != null ? contact.slotStart() : time(params, "slotStart");
        OffsetDateTime end = contact.slotEnd() != null ? contact.slotEnd() : time(params, "slotEnd");
        // the office's grace as the booking was confirmed under it (the event's, else the reservation's); the
        // policy's present one only for a booking that does not say
        int grace = text(params, "noShowGraceMinutes") != null ? Integer.parseInt(text(params, "noShowGraceMinutes"))
                : contact.noShowGraceMinutes() != null ? contact.noShowGraceMinutes() : wording.noShowGraceMinutes();
        // an access code read in My Page needs no calendar or "be ready 5 minutes early": the session is now
        String name = kind == MessagePlan.Kind.INVITATION && channel == Notification.Channel.INBOX ? "accessCode"
                : kind.template();
        OffsetDateTime invitedAt = time(params, "invitedAt");
        java.time.ZonedDateTime invitedOn = invitedAt == null ? null : invitedAt.atZoneSameInstant(JapaneseDates.TOKYO);
        Template template = engine.getTemplate("mail/" + name);
        if (template == null) {
            throw new IllegalStateException("no template for " + n.kind);
        }
        TemplateInstance t = template.instance()
                .data("name", contact.name() == null ? "" : contact.name())
                .data("reservationId", n.reservationId)
                .data("start", start == null ? "" : JapaneseDates.dateTime(start))
                .data("end", end == null ? "" : JapaneseDates.time(end))
                .data("startEn", start == null ? "" : ENGLISH.format(start.atZoneSameInstant(JapaneseDates.TOKYO)) + " JST")
                .data("endEn", end == null ? "" : ENGLISH_TIME.format(end.atZoneSameInstant(JapaneseDates.TOKYO)))
                .data("officeName", office.nameJa)
                .data("officeNameEn", office.nameEn)
                .data("officePhone", office.phone)
                .data("sessionMinutes", wording.sessionMinutes())
                .data("cancellation", wording.cancellation().ja())
                .data("cancellationEn", wording.cancellation().en())
                .data("responseDeadline", wording.responseDeadline().ja())
                .data("responseDeadlineEn", wording.responseDeadline().en())
                .data("leadTime", wording.leadTime().ja())
                .data("leadTimeEn", wording.leadTime().en())
                .data("byPhone", "PHONE".equals(text(params, "cancelChannel")))
                .data("byEmail", "EMAIL".equals(text(params, "cancelChannel")))
                .data("online", "ONLINE".equals(text(params, "cancelChannel")))
                // the office refused service: the cancellation is the office's, not the person's
                .data("refused", "true".equals(text(params, "refused")))
                // what a no-show really leads to at this office, as its policy decided when it happened
                .data("suspended", "SUSPEND".equals(text(params, "noShowOutcome")))
                .data("grace", grace)
                .data("noShowRule", wording.noShow(grace).ja())
                .data("noShowRuleEn", wording.noShow(grace).en())
                .data("confirmed", "CONFIRMED".equals(text(params, "state")))
                .data("withdrawCalendar", extras.withdrawCalendar())
                // a reminder says where the join link is: where the invitation went (email, My Page, or by phone)
                .data("invitedBy", text(params, "invitedBy") == null ? "" : text(params, "invitedBy"))
                .data("invitedOn", invitedOn == null ? "" : JAPANESE_DAY.format(invitedOn))
                .data("invitedOnEn", invitedOn == null ? "" : ENGLISH_DATE.format(invitedOn))
                .data("opensBefore", opensBefore(extras.meeting()))
                .data("replies", replies(kind, office).name());
        if (extras.meeting() != null) {
            t.data("joinUrl", extras.meeting().joinUrl()).data("passcode", extras.meeting().passcode());
        }
        LocalDate effective = text(params, "effectiveFrom") == null ? null : LocalDate.parse(text(params, "effectiveFrom"));
        if (effective != null) {
            // a revision's notice: what changes, from which day, and where the whole new text is
            t.data("effective", JapaneseDates.era(effective) + "（" + effective + "）")
                    .data("effectiveEn", ENGLISH_DATE.format(effective))
                    .data("changeNotice", text(params, "changeNotice"))
                    .data("termsUrl", extras.termsPage());
        }
        if (extras.link() != null) {
            t.data("link", extras.link().url())
                    .data("termsUrl", termsUrl(extras.link()))
                    .data("expires", JapaneseDates.dateTime(extras.link().expiresAt()))
                    .data("expiresEn", ENGLISH.format(extras.link().expiresAt().atZoneSameInstant(JapaneseDates.TOKYO)) + " JST");
        }
        String rendered = t.render();
        int lineEnd = rendered.indexOf('\n');
        String subject = rendered.substring(0, lineEnd).strip();
        String text = rendered.substring(lineEnd + 1).stripLeading();
        if (channel != Notification.Channel.EMAIL) {
            return new Composed(subject, text, null, null);
        }
        String summary = office.nameJa + " オンライン職業相談 / Online consultation";
        if (kind == MessagePlan.Kind.INVITATION) {
            MeetingDirectory.Access m = extras.meeting();
            return new Composed(subject, text, ics.request(n.reservationId.toString(), m.startsAt(), m.closesAt(), summary,
                    "入室用URL / Join: " + m.joinUrl(), m.joinUrl(), address(office.mailSender), office.nameJa,
                    contact.email()), "REQUEST");
        }
        if (extras.withdrawCalendar() && start != null && end != null) {
            return new Composed(subject, text, ics.cancel(n.reservationId.toString(), start, end, summary,
                    address(office.mailSender), office.nameJa, contact.email()), "CANCEL");
        }
        return new Composed(subject, text, null, null);
    }

    /** The email of a written message, from the office's own sender address. */
    public Mail mail(Notification n, OfficeProfile office, Contact contact, Composed composed) {
        Mail mail = Mail.withText(contact.email(), composed.subject(), composed.text());
        mail.setFrom(office.mailSender);
        if (composed.calendar() != null) {
            mail.addAttachment(composed.calendarMethod().equals("CANCEL") ? "cancel.ics" : "invitation.ics",
                    composed.calendar().getBytes(StandardCharsets.UTF_8),
                    "text/calendar; charset=UTF-8; method=" + composed.calendarMethod());
        }
        // lets a reader (and the tests) tie the email to the message in the delivery log
        mail.addHeader("X-Madoguchi-Notification", n.id.toString());
        // the same for every attempt: a repeat after a crash between send and record is recognisably the same mail
        mail.addHeader("Message-ID", n.messageId());
        // RFC 3834: sent by a machine, so that auto-responders do not answer it (and no two machines loop)
        mail.addHeader("Auto-Submitted", "auto-generated");
        if (mailboxesRead && office.mailbox != null && !office.mailbox.isBlank()) {
            // the envelope sender: delivery reports come back to the mailbox this service reads, where a bounce
            // opens a call-back task (nobody reads the sender address itself)
            mail.setBounceAddress(office.mailbox);
        }
        if (replies(MessagePlan.Kind.valueOf(n.kind), office) != Replies.NONE) {
            // a reply here means something (consent, a cancellation): it goes to the mailbox the service reads
            mail.setReplyTo(office.mailbox);
        }
        if (n.traceParent != null && n.traceParent.length() >= 35) {
            // the trace id of the booking step that caused it: support finds the whole path from one email
            mail.addHeader("X-Madoguchi-Trace", n.traceParent.substring(3, 35));
        }
        return mail;
    }

    /** What a reply to a message does, which the footer states: nothing, consent, or a cancellation. */
    public enum Replies { NONE, CONSENT, CANCEL }

    /**
     * Replies mean something only where the office's mailbox is read: to a re-consent request (replying is
     * consenting, Kaga 6(4)), and to messages about a booking where the office takes cancellations by email.
     */
    Replies replies(MessagePlan.Kind kind, OfficeProfile office) {
        if (!mailboxesRead || office == null || office.mailbox == null || office.mailbox.isBlank()) {
            return Replies.NONE;
        }
        if (kind == MessagePlan.Kind.RECONSENT) {
            return Replies.CONSENT;
        }
        boolean aboutABooking = kind == MessagePlan.Kind.INVITATION || kind == MessagePlan.Kind.REQUEST_RECEIVED
                || kind == MessagePlan.Kind.RECONSENTED || kind == MessagePlan.Kind.REMINDER;
        return aboutABooking && OfficeWording.Policy.from(read(office.policy)).cancellationChannels()
                .contains(OfficeWording.Channel.EMAIL) ? Replies.CANCEL : Replies.NONE;
    }

    private OfficeWording wording(Notification n, OfficeProfile office) {
        if (office == null || !office.officeId.equals(n.officeId)) {
            // never a message signed by nobody, or by another office
            throw new IllegalStateException("office " + n.officeId + " is not known here (yet)");
        }
        return new OfficeWording(OfficeWording.Policy.from(read(office.policy)), office.phone, office.mailbox);
    }

    /** How many minutes before the start the room opens: the meeting's own fact, as meeting-service set it up. */
    private static Long opensBefore(MeetingDirectory.Access m) {
        return m == null || m.opensAt() == null || m.startsAt() == null ? null
                : Duration.between(m.opensAt(), m.startsAt()).toMinutes();
    }

    /** The public page of the revised terms, next to the re-consent page on the consent service. */
    private static String termsUrl(ReconsentDirectory.Link link) {
        String base = link.url().substring(0, link.url().indexOf("/reconsent/"));
        return base + "/terms/" + link.officeId() + "/" + link.termsVersionId();
    }

    private static String address(String sender) {
        return jp.madoguchi.notification.mail.MailClassifier.address(sender);
    }

    private static String text(JsonNode params, String field) {
        JsonNode v = params.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static OffsetDateTime time(JsonNode params, String field) {
        String v = text(params, field);
        return v == null ? null : OffsetDateTime.parse(v);
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable notification parameters", e);
        }
    }
}
