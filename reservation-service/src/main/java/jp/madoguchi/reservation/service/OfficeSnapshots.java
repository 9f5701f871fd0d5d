package jp.madoguchi.reservation.service;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.WeeklySlot;
import jp.madoguchi.reservation.mapping.OfficeView;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.AvailabilityReads;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/**
 * What the reads of an office are computed from and what changes rarely: its rules (profile, policy, business
 * calendar with its closure days), its weekly schedule and its view, built once per version of the office.
 * <p>
 * Invalidation: every change of any of these moves the office's row version in the transaction that makes it (the
 * entity's {@code @Version}, or {@link jp.madoguchi.reservation.repository.OfficeRepository#touch} for the schedule
 * and the closure days). A read asks the database for that version anyway — in the same statement that counts the
 * held seats ({@link AvailabilityReads#held}), or alone ({@link AvailabilityReads#officeVersion}) — and uses the
 * snapshot only if it is at least that version. So the check costs no extra round trip, reaches every replica the
 * moment the change commits (nothing to deliver, nothing to miss while a replica restarts), and a read never sees
 * less than what was committed before it started. Kafka's {@code OfficeChanged} would arrive after the outbox relay's
 * delay, and LISTEN/NOTIFY needs a connection of its own and a resync whenever it drops.
 * <p>
 * One entry per existing office (unknown ids are never stored), replaced when the version moves: no eviction
 * needed. quarkus-cache would add nothing to that (its loaders know no version check), and it is not in the
 * offline Maven repository this build resolves from.
 */
@ApplicationScoped
public class OfficeSnapshots {

    /** An office as of {@code version}: detached, read-only; its schedule grouped by ISO day of week (1–7). */
    public record Snapshot(long version, OfficeRules rules, DaySlot[][] week, OfficeView view) {

        /** The schedule's slots on a day of the week, by start time. */
        public DaySlot[] slotsOn(DayOfWeek day) {
            return week[day.getValue()];
        }

        /** The schedule's slot starting at {@code start}, if the office offers one then (business day included). */
        public Optional<DaySlot> slotAt(OffsetDateTime start) {
            var local = start.atZoneSameInstant(rules.zone());
            if (!rules.calendar().isBusinessDay(local.toLocalDate())) {
                return Optional.empty();
            }
            for (DaySlot slot : slotsOn(local.getDayOfWeek())) {
                if (slot.start().equals(local.toLocalTime())) {
                    return Optional.of(slot);
                }
            }
            return Optional.empty();
        }
    }

    /** A slot of the weekly schedule, as plain values. */
    public record DaySlot(LocalTime start, int capacity) {
    }

    private final ConcurrentMap<String, Snapshot> byOffice = new ConcurrentHashMap<>();
    private final OfficeService offices;
    private final WeeklySlotRepository slots;
    private final AvailabilityReads reads;

    public OfficeSnapshots(OfficeService offices, WeeklySlotRepository slots, AvailabilityReads reads) {
        this.offices = offices;
        this.slots = slots;
        this.reads = reads;
    }

    /** The office as it is now: one query for its version, and the snapshot of that version. 404 if no such office. */
    public Uni<Snapshot> current(String officeId) {
        return reads.officeVersion(officeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId))
                .flatMap(version -> at(officeId, version));
    }

    /** The office's snapshot of {@code version} or a newer one: the kept one if current, else loaded and kept. */
    public Uni<Snapshot> at(String officeId, long version) {
        Snapshot kept = byOffice.get(officeId);
        if (kept != null && kept.version() >= version) {
            return Uni.createFrom().item(kept);
        }
        // The office row is read first: what hangs off it was committed with its version, so the schedule and
        // closures read after it are at least as new. A change landing in between leaves a snapshot labelled older
        // than its content, which the next read replaces; never one labelled newer.
        return Panache.withSession(() -> offices.rules(officeId).flatMap(rules -> slots.ofOffice(officeId)
                .map(week -> new Snapshot(rules.office().version, rules, byDay(week), OfficeView.of(rules)))))
                .invoke(loaded -> byOffice.merge(officeId, loaded,
                        (old, fresh) -> fresh.version() >= old.version() ? fresh : old));
    }

    private static DaySlot[][] byDay(List<WeeklySlot> week) {
        DaySlot[][] days = new DaySlot[8][];
        for (DayOfWeek day : DayOfWeek.values()) {
            days[day.getValue()] = week.stream().filter(s -> s.dayOfWeek == day.getValue())
                    .map(s -> new DaySlot(s.startTime, s.capacity)).toArray(DaySlot[]::new);
        }
        return days;
    }
}
