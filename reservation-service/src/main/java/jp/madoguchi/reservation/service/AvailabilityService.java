package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.mapping.SlotView;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.AvailabilityReads;

/** Which slots of an office can still be booked: schedule, business days, lead time and seats left. */
@ApplicationScoped
public class AvailabilityService {

    /** Longest range one availability query may cover. */
    public static final int MAX_DAYS = 62;

    private final AvailabilityReads reads;
    private final OfficeSnapshots snapshots;
    private final Clock clock;

    public AvailabilityService(AvailabilityReads reads, OfficeSnapshots snapshots, Clock clock) {
        this.reads = reads;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    public Uni<List<SlotView>> open(String officeId, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("availability.range", MAX_DAYS));
        }
        // One statement: the held seats and the office's version. The office's zone is known only from its
        // snapshot, so the seats are read for a range wide enough for any zone (UTC-12 to UTC+14); only the slot
        // starts the schedule gives in the office's own days are looked up.
        OffsetDateTime fromBound = from.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime toBound = to.plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC);
        return reads.held(officeId, fromBound, toBound)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId))
                .flatMap(held -> snapshots.at(officeId, held.officeVersion())
                        .map(office -> compute(office, held.seats(), from, to)));
    }

    private List<SlotView> compute(OfficeSnapshots.Snapshot office, Map<Instant, Integer> taken, LocalDate from,
            LocalDate to) {
        OfficeRules rules = office.rules();
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        LocalDate earliest = rules.policy().earliestBookableDay(today, rules.calendar());
        // nothing beyond the office's horizon is offered: it would be refused on applying
        LocalDate last = to.isAfter(rules.policy().lastBookableDay(today)) ? rules.policy().lastBookableDay(today) : to;
        Duration session = rules.policy().sessionLength();
        List<SlotView> open = new ArrayList<>();
        for (LocalDate day = from.isBefore(earliest) ? earliest : from; !day.isAfter(last); day = day.plusDays(1)) {
            if (!rules.calendar().isBusinessDay(day)) {
                continue;
            }
            for (OfficeSnapshots.DaySlot slot : office.slotsOn(day.getDayOfWeek())) {
                OffsetDateTime start = day.atTime(slot.start()).atZone(rules.zone()).toOffsetDateTime();
                int free = slot.capacity() - taken.getOrDefault(start.toInstant(), 0);
                if (free > 0) {
                    open.add(new SlotView(start, start.plus(session), slot.capacity(), free));
                }
            }
        }
        return open;
    }
}
