package jp.madoguchi.meeting.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Someone entered or left a meeting (article 7: times and access history; the device only as a keyed hash). */
@Entity
@Table(name = "participant_event")
public class ParticipantEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    /** SEEKER, EMPLOYER, COUNSELOR or COMPANION. */
    @Column(nullable = false)
    public String role;

    /** JOINED or LEFT. */
    @Column(nullable = false)
    public String event;

    @Column(name = "device_pseudonym")
    public String devicePseudonym;

    @Column(nullable = false)
    public OffsetDateTime at;
}
