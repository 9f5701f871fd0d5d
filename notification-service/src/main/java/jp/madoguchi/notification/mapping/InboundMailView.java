package jp.madoguchi.notification.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.notification.entity.InboundMail;
import jp.madoguchi.notification.mail.MailClassifier;

/** Mail to the office's mailbox, for its staff: the list line, and with the text on the detail page only. */
public final class InboundMailView {

    private InboundMailView() {
    }

    public record Line(UUID id, String sender, String subject, OffsetDateTime receivedAt, MailClassifier.Kind kind,
            InboundMail.State state, String outcome, UUID reservationId) {
    }

    public record Detail(UUID id, String sender, String subject, OffsetDateTime receivedAt, MailClassifier.Kind kind,
            InboundMail.State state, String outcome, UUID reservationId, String text, OffsetDateTime purgedAt,
            String doneBy) {
    }

    public static Line line(InboundMail m) {
        return new Line(m.id, m.sender, m.subject, m.receivedAt, m.kind, m.state, m.outcome, m.reservationId);
    }

    public static Detail detail(InboundMail m) {
        return new Detail(m.id, m.sender, m.subject, m.receivedAt, m.kind, m.state, m.outcome, m.reservationId, m.body,
                m.purgedAt, m.doneBy);
    }
}
