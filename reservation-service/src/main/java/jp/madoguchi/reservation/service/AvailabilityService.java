package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.WeeklySlot;
import jp.madoguchi.reservation.mapping.SlotView;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/** Which slots of an office can still be booked: schedule, business days, lead time and seats left. */
@ApplicationScoped
public class AvailabilityService {

    /** Longest range one availability query may cover. */
    public static final int MAX_DAYS = 62;

    private final OfficeService offices;
    private final WeeklySlotRepository slots;
    private final ReservationRepository reservations;
    private final Clock clock;

    public AvailabilityService(OfficeService offices, WeeklySlotRepository slots, ReservationRepository reservations,
            Clock clock) {
        this.offices = offices;
        this.slots = slots;
        this.reservations = reservations;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<SlotView>> open(String officeId, LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("availability.range", MAX_DAYS));
        }
        return offices.rules(officeId).flatMap(rules -> slots.ofOffice(officeId).flatMap(week -> {
            OffsetDateTime fromInstant = from.atStartOfDay(rules.zone()).toOffsetDateTime();
            OffsetDateTime toInstant = to.plusDays(1).atStartOfDay(rules.zone()).toOffsetDateTime();
            return reservations.holdingSlots(officeId, fromInstant, toInstant)
                    .map(held -> compute(rules, week, held, from, to));
        }));
    }

    private List<SlotView> compute(OfficeRules rules, List<WeeklySlot> week, List<Reservation> held, LocalDate from,
            LocalDate to) {
        Map<java.time.Instant, Long> taken = held.stream()
                .collect(Collectors.groupingBy(r -> r.slotStart.toInstant(), Collectors.counting()));
        LocalDate today = LocalDate.now(clock.withZone(rules.zone()));
        LocalDate earliest = rules.policy().earliestBookableDay(today, rules.calendar());
        // nothing beyond the office's horizon is offered: it would be refused on applying
        LocalDate last = to.isAfter(rules.policy().lastBookableDay(today)) ? rules.policy().lastBookableDay(today) : to;
        List<SlotView> open = new ArrayList<>();
        for (LocalDate day = from.isBefore(earliest) ? earliest : from; !day.isAfter(last); day = day.plusDays(1)) {
            if (!rules.calendar().isBusinessDay(day)) {
                continue;
            }
            for (WeeklySlot slot : week) {
                if (slot.dayOfWeek != day.getDayOfWeek().getValue()) {
                    continue;
                }
                OffsetDateTime start = day.atTime(slot.startTime).atZone(rules.zone()).toOffsetDateTime();
                int free = slot.capacity - taken.getOrDefault(start.toInstant(), 0L).intValue();
                if (free > 0) {
                    open.add(new SlotView(start, start.plus(rules.policy().sessionLength()), slot.capacity, free));
                }
            }
        }
        return open;
    }

    /** The weekly slot an instant falls on, if the office offers one then (business day included). */
    public static java.util.Optional<WeeklySlot> slotAt(OfficeRules rules, List<WeeklySlot> week, OffsetDateTime start) {
        var local = start.atZoneSameInstant(rules.zone());
        if (!rules.calendar().isBusinessDay(local.toLocalDate())) {
            return java.util.Optional.empty();
        }
        return week.stream()
                .filter(s -> s.dayOfWeek == local.getDayOfWeek().getValue() && s.startTime.equals(local.toLocalTime()))
                .findFirst();
    }
}
