package jp.madoguchi.reservation.entity;

import org.hibernate.annotations.OptimisticLock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A public employment office offering online consultation. */
@Entity
@Table(name = "office")
public class Office extends PanacheEntityBase {

    /** Short code used in URLs and tokens, e.g. {@code kaga}. */
    @Id
    public String id;

    @Column(name = "name_ja", nullable = false)
    public String nameJa;

    @Column(name = "name_en", nullable = false)
    public String nameEn;

    /** The office's {@code OfficePolicy}, as JSON. */
    public String policy;

    /**
     * The office's number (安定所番号): the first five digits of the seeker numbers it gives, so a person's office of
     * registration is read from their identity.
     */
    @Column(name = "office_code")
    public String officeCode;

    /** Where people phone: cancellations, missing answers. */
    public String phone;

    /** The IANA zone in which the office's days, deadlines and schedule are counted. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** The From of the office's mail (notification-service writes in the office's name). */
    @Column(name = "mail_sender")
    public String mailSender;

    /** The consultation mailbox people write to, where the office has one. */
    public String mailbox;

    /** OPEN, or CLOSED: a closed office takes no new applications and keeps its history. */
    @Column(nullable = false)
    public String state;

    /** The version last told on the offices topic; null while the office was never announced. */
    @Column(name = "announced_version")
    @OptimisticLock(excluded = true) // bookkeeping of the announcement, not a change of the office
    public Long announcedVersion;

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public boolean open() {
        return OPEN.equals(state);
    }

    /** Optimistic locking: a change made on a stale read fails instead of overwriting a concurrent one. */
    @Version
    public long version;
}
