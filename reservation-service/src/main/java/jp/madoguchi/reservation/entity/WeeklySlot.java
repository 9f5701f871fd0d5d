package jp.madoguchi.reservation.entity;

import java.time.LocalTime;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recurring consultation slot of an office's week, with the counselors on duty for it. */
@Entity
@Table(name = "weekly_slot")
public class WeeklySlot extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "office_id", nullable = false)
    public String officeId;

    /** ISO day of week, 1 = Monday. */
    @Column(name = "day_of_week", nullable = false)
    public short dayOfWeek;

    @Column(name = "start_time", nullable = false)
    public LocalTime startTime;

    /** Parallel consultations: counselors on duty. */
    @Column(nullable = false)
    public short capacity;
}
