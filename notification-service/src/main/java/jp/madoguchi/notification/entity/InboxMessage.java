package jp.madoguchi.notification.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A message in a person's My Page inbox; only its owner reads it. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "notification_id", nullable = false)
    public UUID notificationId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "read_at")
    public OffsetDateTime readAt;

    @Version
    public long version;
}
