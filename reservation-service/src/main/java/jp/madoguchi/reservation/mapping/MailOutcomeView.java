package jp.madoguchi.reservation.mapping;

import java.util.UUID;

import jp.madoguchi.reservation.entity.MailMessage;

/** What a mail to the office did: the booking it concerned, COMPLETED / NEW_REQUEST / CANCELLED, and its state then. */
public record MailOutcomeView(UUID reservationId, String outcome, String state) {

    public static MailOutcomeView of(MailMessage m) {
        return new MailOutcomeView(m.reservationId, m.outcome, m.state);
    }
}
