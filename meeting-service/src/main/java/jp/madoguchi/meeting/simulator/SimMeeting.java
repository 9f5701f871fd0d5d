package jp.madoguchi.meeting.simulator;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the simulated meeting manager keeps of a meeting. */
@Entity
@Table(name = "sim_meeting")
public class SimMeeting extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    @Column(name = "opens_at", nullable = false)
    public OffsetDateTime opensAt;

    @Column(name = "closes_at", nullable = false)
    public OffsetDateTime closesAt;

    @Column(nullable = false)
    public String passcode;

    @Column(nullable = false)
    public String webhook;

    public boolean revoked;

    public boolean recording;
}
