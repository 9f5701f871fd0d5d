package jp.madoguchi.reservation.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A mail from an office mailbox that was acted on, kept so that the same mail handed over again changes nothing. */
@Entity
@Table(name = "mail_message")
public class MailMessage extends PanacheEntityBase {

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    /** The answer given the first time (e.g. COMPLETED or NEW_REQUEST), returned again on a repeat. */
    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public String state;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    public enum Purpose { APPLICATION, CANCELLATION }
}
