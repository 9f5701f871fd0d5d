package jp.madoguchi.notification.service;

import io.quarkus.mailer.Mail;
import jp.madoguchi.notification.entity.Notification;

/** What a claimed message turned out to be once its look-ups were made: what to send, or why not. */
public sealed interface Outgoing {

    /** The booking's current state makes it untrue: not sent, recorded SKIPPED with the reason. */
    record Skip(String reason) implements Outgoing {
    }

    /** Past the time it was of use to the person: DEAD, and staff are told. */
    record Expired() implements Outgoing {
    }

    /** An email, sent over SMTP outside any transaction. */
    record Email(Mail mail) implements Outgoing {
    }

    /** A My Page message, written when the outcome is recorded (in that transaction: exactly once). */
    record Inbox(String userId, MessageComposer.Composed composed) implements Outgoing {
    }

    /** A call staff make, put on the office's list when the outcome is recorded. */
    record Callback() implements Outgoing {
    }

    default Notification.Channel channel() {
        if (this instanceof Email) {
            return Notification.Channel.EMAIL;
        }
        if (this instanceof Inbox) {
            return Notification.Channel.INBOX;
        }
        return this instanceof Callback ? Notification.Channel.CALLBACK : null;
    }
}
