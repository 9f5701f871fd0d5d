package jp.madoguchi.reservation.service;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.config.ReservationConfig;
import jp.madoguchi.reservation.entity.OfficeClosure;
import jp.madoguchi.reservation.entity.WeeklySlot;
import jp.madoguchi.reservation.policy.BusinessCalendar;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.OfficeClosureRepository;
import jp.madoguchi.reservation.repository.OfficeRepository;
import jp.madoguchi.reservation.repository.WeeklySlotRepository;

/** Offices, their policies, weekly schedules and closure days. */
@ApplicationScoped
public class OfficeService {

    private static final Logger LOG = Logger.getLogger(OfficeService.class);

    private final OfficeRepository offices;
    private final WeeklySlotRepository slots;
    private final OfficeClosureRepository closures;
    private final ObjectMapper mapper;
    private final ReservationConfig config;

    public OfficeService(OfficeRepository offices, WeeklySlotRepository slots, OfficeClosureRepository closures,
            ObjectMapper mapper, ReservationConfig config) {
        this.offices = offices;
        this.slots = slots;
        this.closures = closures;
        this.mapper = mapper;
        this.config = config;
    }

    /** The seeded offices get the seeds' rules the first time the service starts; admins own them after that. */
    void seedPolicies(@Observes StartupEvent start) throws Throwable {
        // replicas starting together may seed at once: the one that loses the version race reads the result again
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> offices.listAll()
                .invoke(all -> all.stream().filter(o -> o.policy == null).forEach(o -> {
                    OfficePolicy seeded = switch (o.id) {
                        case "kaga" -> OfficePolicy.kaga();
                        case "kabe" -> OfficePolicy.kabe();
                        default -> null;
                    };
                    if (seeded != null) {
                        o.policy = write(seeded);
                        LOG.infof("office %s: policy seeded from its terms of use", o.id);
                    }
                })))
                .onFailure(OfficeService::concurrent).retry().atMost(3));
    }

    /** Must run inside a session. */
    public Uni<OfficeRules> rules(String officeId) {
        return offices.findById(officeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId))
                .flatMap(office -> closures.ofOffice(officeId).map(days -> new OfficeRules(office, read(office.policy),
                        new BusinessCalendar(days.stream().map(c -> c.day).collect(Collectors.toSet())), config.zone())));
    }

    /** Offices by id, a page at a time, each with its rules. */
    @WithSession
    public Uni<Page<OfficeRules>> list(PageRequest page) {
        return Page.of(offices.find("order by id"), page).flatMap(offices -> Multi.createFrom().iterable(offices.items())
                .onItem().transformToUniAndConcatenate(o -> rules(o.id)).collect().asList()
                .map(rules -> new Page<>(rules, page, offices.total())));
    }

    @WithSession
    public Uni<OfficeRules> get(String officeId) {
        return rules(officeId);
    }

    /** Versioned: of two admins saving at once on the same read, the later is told (409) rather than overwriting. */
    @WithTransaction
    public Uni<OfficePolicy> updatePolicy(String officeId, OfficePolicy policy) {
        return offices.findById(officeId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("office", officeId))
                .invoke(o -> o.policy = write(policy))
                .replaceWith(policy);
    }

    @WithSession
    public Uni<List<WeeklySlot>> schedule(String officeId) {
        return rules(officeId).flatMap(r -> slots.ofOffice(officeId));
    }

    /** Replaces the weekly schedule; bookings already made keep their time. */
    @WithTransaction
    public Uni<List<WeeklySlot>> replaceSchedule(String officeId, List<ScheduleEntry> entries) {
        Set<String> distinct = entries.stream().map(e -> e.dayOfWeek() + "@" + e.start()).collect(Collectors.toSet());
        if (distinct.size() != entries.size()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("office.duplicate-slot"));
        }
        return rules(officeId)
                .flatMap(r -> touchOffice(officeId))
                .flatMap(r -> slots.delete("officeId", officeId))
                // no slots at all is a schedule too (no online bookings); Panache refuses to persist nothing
                .flatMap(deleted -> entries.isEmpty() ? Uni.createFrom().voidItem() : slots.persist(entries.stream().map(e -> {
                    WeeklySlot s = new WeeklySlot();
                    s.officeId = officeId;
                    s.dayOfWeek = (short) e.dayOfWeek().getValue();
                    s.startTime = e.start();
                    s.capacity = (short) e.capacity();
                    return s;
                })))
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
            OfficeClosure c = new OfficeClosure();
            c.officeId = officeId;
            c.day = day;
            c.reason = reason;
            return closures.persist(c);
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

    private static boolean concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    public record ScheduleEntry(DayOfWeek dayOfWeek, java.time.LocalTime start, int capacity) {
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
