package jp.madoguchi.notification.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jp.madoguchi.notification.mail.MailClassifier;

/** A mail someone sent to an office's mailbox, stored once per Message-ID, and what became of it. */
@Entity
@Table(name = "inbound_mail")
public class InboundMail extends PanacheEntityBase {

    /** NEW: to be acted on; DONE: acted on; STAFF: in the office's queue; IGNORED: machine mail, no action. */
    public enum State { NEW, DONE, STAFF, IGNORED }

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(nullable = false)
    public String mailbox;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    public String sender;

    public String subject;

    /** The text: personal data, null once purged. */
    public String body;

    /** Message-IDs it answers (In-Reply-To, References), or reports on (a delivery report), space-separated. */
    public String refs;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "stored_at", nullable = false)
    public OffsetDateTime storedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MailClassifier.Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** What became of it, in words for staff (never personal details). */
    public String outcome;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "notification_id")
    public UUID notificationId;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "done_by")
    public String doneBy;

    @Column(name = "purged_at")
    public OffsetDateTime purgedAt;

    @Version
    public long version;
}
