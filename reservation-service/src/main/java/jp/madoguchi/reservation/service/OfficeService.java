package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.Office;
import jp.madoguchi.reservation.entity.OfficeClosure;
import jp.madoguchi.reservation.entity.WeeklySlot;
import jp.madoguchi.reservation.policy.BusinessCalendar;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.OfficeClosureRepository;
import jp.madoguchi.reservation.events.OfficeEvents;
import jp.madoguchi.reservation.repository.OfficeRepository;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.service.OfficeDefinition.ScheduleEntry;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/** Offices, their policies, weekly schedules and closure days. */
@ApplicationScoped
public class OfficeService {

    private static final Logger LOG = Logger.getLogger(OfficeService.class);

    private final OfficeRepository offices;
    private final WeeklySlotRepository slots;
    private final OfficeClosureRepository closures;
    private final ReservationRepository reservations;
    private final OfficeEvents events;
    private final ObjectMapper mapper;
    private final Clock clock;

    public OfficeService(OfficeRepository offices, WeeklySlotRepository slots, OfficeClosureRepository closures,
            ReservationRepository reservations, OfficeEvents events, ObjectMapper mapper, Clock clock) {
        this.offices = offices;
        this.slots = slots;
        this.closures = closures;
        this.reservations = reservations;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Must run inside a session. */
    public Uni<OfficeRules> rules(String officeId) {
        return offices.findById(officeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId))
                .flatMap(office -> closures.ofOffice(officeId).map(days -> new OfficeRules(office, read(office.policy),
                        new BusinessCalendar(days.stream().map(c -> c.day).collect(Collectors.toSet())),
                        ZoneId.of(office.timeZone))));
    }

    /** Offices by id, a page at a time, each with its rules. */
    @WithSession
    public Uni<Page<OfficeRules>> list(PageRequest page) {
        return Page.of(offices.find("order by id"), page).flatMap(offices -> Multi.createFrom().iterable(offices.items())
                .onItem().transformToUniAndConcatenate(o -> rules(o.id)).collect().asList()
                .map(rules -> new Page<>(rules, page, offices.total())));
    }

    /** Versioned: of two admins saving at once on the same read, the later is told (409) rather than overwriting. */
    @WithTransaction
    public Uni<OfficePolicy> updatePolicy(String officeId, OfficePolicy policy) {
        return find(officeId)
                .invoke(o -> o.policy = write(policy))
                .call(o -> announce(OfficeEvents.CHANGED, o, policy))
                .replaceWith(policy);
    }

    /**
     * Opens an office with its profile, policy, weekly schedule and closure days, and tells the other services in the
     * same transaction. Its terms of use are opened at consent-service, which owns them; until a version is published
     * there, nobody can consent and so nobody can book.
     */
    @WithTransaction
    public Uni<OfficeRules> open(OfficeDefinition d) {
        if (duplicateSlots(d.schedule())) {
            return Uni.createFrom().failure(ProblemException.unprocessable("office.duplicate-slot"));
        }
        if (d.closuresOrNone().stream().map(OfficeDefinition.ClosureEntry::day).distinct().count() != d.closuresOrNone().size()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("office.duplicate-closure"));
        }
        return offices.findById(d.id()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ProblemException.conflict("office.exists", d.id()));
            }
            Office o = new Office();
            o.id = d.id();
            apply(o, d.profile());
            o.policy = write(d.policy());
            o.state = Office.OPEN;
            return offices.persist(o)
                    .call(() -> persistSchedule(o.id, d.schedule()))
                    .call(() -> Multi.createFrom().iterable(d.closuresOrNone()).onItem()
                            .transformToUniAndConcatenate(c -> closures.persist(closure(o.id, c.day(), c.reason())))
                            .collect().asList())
                    .call(() -> announce(OfficeEvents.OPENED, o, d.policy()))
                    .flatMap(x -> rules(o.id));
        }).onFailure(OfficeService::duplicateKey).transform(e -> ProblemException.conflict("office.exists", d.id()));
    }

    /** A national administrator changes what people see of the office and what its mail is signed with. */
    @WithTransaction
    public Uni<OfficeRules> changeProfile(String officeId, OfficeDefinition.Profile profile) {
        return find(officeId)
                .invoke(o -> apply(o, profile))
                .call(o -> announce(OfficeEvents.CHANGED, o, read(o.policy)))
                .flatMap(o -> rules(officeId));
    }

    /**
     * Closes an office to online consultation. Refused while it still has consultations ahead (requested, confirmed
     * or waiting for re-consent): each of those people would be left untold; staff settle them first.
     */
    @WithTransaction
    public Uni<OfficeRules> close(String officeId) {
        return find(officeId).flatMap(o -> {
            if (!o.open()) {
                return rules(officeId);
            }
            return reservations.countAhead(officeId, OffsetDateTime.now(clock)).flatMap(ahead -> {
                if (ahead > 0) {
                    return Uni.createFrom().failure(ProblemException.conflict("office.has-bookings", officeId, ahead)
                            .with("bookingsAhead", ahead));
                }
                o.state = Office.CLOSED;
                return announce(OfficeEvents.CLOSED, o, read(o.policy)).flatMap(v -> rules(officeId));
            });
        });
    }

    /**
     * A seed office from its data file, at start: opened through {@link #open} when absent; an office the early
     * migrations wrote (with history) gets what they lacked from the file and is announced once.
     */
    @WithTransaction
    public Uni<Void> load(OfficeDefinition d) {
        return offices.findById(d.id()).flatMap(existing -> {
            if (existing == null) {
                LOG.infof("office %s: opened from its data file", d.id());
                return open(d).replaceWithVoid();
            }
            if (existing.announcedVersion != null) {
                return Uni.createFrom().voidItem();
            }
            if (existing.mailSender == null) {
                existing.mailSender = d.mailSender();
                existing.mailbox = d.mailbox();
                existing.timeZone = d.timeZone();
            }
            if (existing.policy == null) {
                existing.policy = write(d.policy());
            }
            LOG.infof("office %s: announced from its stored state", d.id());
            return announce(OfficeEvents.OPENED, existing, read(existing.policy));
        });
    }

    private Uni<Office> find(String officeId) {
        return offices.findById(officeId).onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId));
    }

    /** Flushes first, so that the event carries the version this change gave the office. */
    private Uni<Void> announce(String type, Office o, OfficePolicy policy) {
        return Panache.getSession().flatMap(session -> session.flush()).flatMap(v -> events.emit(type, o, policy));
    }

    private static void apply(Office o, OfficeDefinition.Profile p) {
        o.nameJa = p.nameJa();
        o.nameEn = p.nameEn();
        o.officeCode = p.officeCode();
        o.phone = p.phone();
        o.timeZone = p.timeZone();
        o.mailSender = p.mailSender();
        o.mailbox = p.mailbox();
    }

    private Uni<Void> persistSchedule(String officeId, List<ScheduleEntry> entries) {
        // no slots at all is a schedule too (no online bookings); Panache refuses to persist nothing
        return entries.isEmpty() ? Uni.createFrom().voidItem() : slots.persist(entries.stream().map(e -> {
            WeeklySlot s = new WeeklySlot();
            s.officeId = officeId;
            s.dayOfWeek = (short) e.dayOfWeek().getValue();
            s.startTime = e.start();
            s.capacity = (short) e.capacity();
            return s;
        }));
    }

    private static boolean duplicateSlots(List<ScheduleEntry> entries) {
        return entries.stream().map(e -> e.dayOfWeek() + "@" + e.start()).distinct().count() != entries.size();
    }

    private static OfficeClosure closure(String officeId, LocalDate day, String reason) {
        OfficeClosure c = new OfficeClosure();
        c.officeId = officeId;
        c.day = day;
        c.reason = reason;
        return c;
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    @WithSession
    public Uni<List<WeeklySlot>> schedule(String officeId) {
        return rules(officeId).flatMap(r -> slots.ofOffice(officeId));
    }

    /** Replaces the weekly schedule; bookings already made keep their time. */
    @WithTransaction
    public Uni<List<WeeklySlot>> replaceSchedule(String officeId, List<ScheduleEntry> entries) {
        if (duplicateSlots(entries)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("office.duplicate-slot"));
        }
        return rules(officeId)
                .flatMap(r -> touchOffice(officeId))
                .flatMap(r -> slots.delete("officeId", officeId))
                .flatMap(deleted -> persistSchedule(officeId, entries))
                .flatMap(v -> slots.ofOffice(officeId));
    }

    @WithSession
    public Uni<Page<OfficeClosure>> closures(String officeId, PageRequest page) {
        return rules(officeId).flatMap(r -> Page.of(closures.pageOf(officeId), page));
    }

    @WithTransaction
    public Uni<OfficeClosure> addClosure(String officeId, LocalDate day, String reason) {
        return rules(officeId).flatMap(r -> touchOffice(officeId)).flatMap(r -> {
            OfficeClosure.Key key = new OfficeClosure.Key();
            key.officeId = officeId;
            key.day = day;
            return closures.findById(key);
        }).flatMap(existing -> {
            if (existing != null) {
                existing.reason = reason;
                return Uni.createFrom().item(existing);
            }
            return closures.persist(closure(officeId, day, reason));
        });
    }

    @WithTransaction
    public Uni<Boolean> removeClosure(String officeId, LocalDate day) {
        return rules(officeId).flatMap(r -> touchOffice(officeId))
                .flatMap(r -> closures.delete("officeId = ?1 and day = ?2", officeId, day)).map(n -> n > 0);
    }

    /** Moves the office's version on before its schedule or closures change (see {@link OfficeRepository#touch}). */
    private Uni<Void> touchOffice(String officeId) {
        return offices.findById(officeId).flatMap(offices::touch);
    }

    private OfficePolicy read(String json) {
        if (json == null) {
            throw new IllegalStateException("office has no policy yet");
        }
        try {
            return mapper.readValue(json, OfficePolicy.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable office policy", e);
        }
    }

    private String write(OfficePolicy policy) {
        try {
            return mapper.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
