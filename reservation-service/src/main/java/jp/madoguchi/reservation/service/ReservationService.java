package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.entity.Restriction;
import jp.madoguchi.reservation.events.ReservationEvents;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficePolicy.Channel;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.ProjectionRepository;
import jp.madoguchi.reservation.repository.BookingQueries;
import jp.madoguchi.reservation.repository.ReservationRepository;
import jp.madoguchi.reservation.repository.RestrictionRepository;

/** A person's side of booking: applying, seeing and cancelling their own reservations. */
@ApplicationScoped
public class ReservationService {

    private final ReservationRepository reservations;
    private final BookingQueries queries;
    private final OfficeService offices;
    private final OfficeSnapshots snapshots;
    private final RestrictionRepository restrictions;
    private final SlotBooker booker;
    private final ReservationEvents events;
    private final ApplicationLimits limits;
    private final Clock clock;

    public ReservationService(ReservationRepository reservations, BookingQueries queries, OfficeService offices,
            OfficeSnapshots snapshots, RestrictionRepository restrictions, SlotBooker booker, ReservationEvents events,
            ApplicationLimits limits, Clock clock) {
        this.reservations = reservations;
        this.queries = queries;
        this.offices = offices;
        this.snapshots = snapshots;
        this.restrictions = restrictions;
        this.booker = booker;
        this.events = events;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * An application (仮予約), by whichever channel it came: the person's own on My Page or by mail, or one staff take
     * down by phone or at the counter. The same rules, limits and event apply to all. The reservation and its
     * {@code ReservationRequested} event commit together.
     */
    @WithTransaction
    public Uni<Reservation> apply(Application request, Applicant applicant) {
        if (applicant.seekerNumber() == null && request.seekerNumber() != null) {
            // a number the office has not given this person is not theirs to use
            return Uni.createFrom().failure(ProblemException.forbidden("reservation.no-seeker-number"));
        }
        if (applicant.seekerNumber() != null && !applicant.seekerNumber().equals(request.seekerNumber())) {
            // the number is the office's key to the person: one may not apply under someone else's, or without it
            return Uni.createFrom().failure(ProblemException.forbidden("reservation.seeker-number-mismatch"));
        }
        OfficePolicy.Eligibility eligibility = applicant.seekerNumber() == null
                ? OfficePolicy.Eligibility.PROSPECTIVE_SEEKER : OfficePolicy.Eligibility.REGISTERED_SEEKER;
        // Four statements and the commit (README, "Performance: the write path"): what the application reads in one
        // (the office's version, the person's restriction, the terms in force, the named counselor's office) with the
        // person's lock; the person's counts under it; the reservation; its event.
        String officeId = request.officeId();
        return queries.application(officeId, applicant.userId(), request.counselorId(),
                        ApplicationLimits.lockKey(officeId, applicant.userId()))
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("reservation.unknown-office", officeId))
                .flatMap(context -> snapshots.at(officeId, context.officeVersion())
                .call(office -> mayBook(office.rules(), context.restriction()))
                .call(office -> queries.personCounts(officeId, applicant.userId(), limits.startOfToday(office.rules()))
                        .flatMap(counts -> limits.check(office.rules(), counts[0], counts[1])))
                .call(office -> request.counselorId() == null || context.counselorOfOffice() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(SlotBooker.notOfOffice(request.counselorId())))
                .flatMap(office -> {
                    OfficeRules rules = office.rules();
                    OfficePolicy policy = rules.policy();
                    if (!policy.eligible().contains(eligibility)) {
                        return Uni.createFrom().failure(ProblemException.forbidden(
                                eligibility == OfficePolicy.Eligibility.PROSPECTIVE_SEEKER
                                        ? "reservation.no-seeker-number" : "reservation.not-eligible"));
                    }
                    if (eligibility == OfficePolicy.Eligibility.REGISTERED_SEEKER
                            && !registeredAt(rules.office(), applicant.seekerNumber())) {
                        // the office takes its own registered seekers: the number says where the person registered
                        return Uni.createFrom().failure(ProblemException.forbidden("reservation.registered-elsewhere",
                                rules.office().phone).with("officePhone", rules.office().phone));
                    }
                    if (policy.counselorNameAsked() && (request.counselorName() == null || request.counselorName().isBlank())) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("reservation.counselor-name-required"));
                    }
                    // the application mail that completes a tentative booking brings the contact email (Kabe)
                    boolean awaitingMail = request.staffEntered() && policy.awaitsApplicationMail();
                    if (!awaitingMail && (request.email() == null || request.email().isBlank())) {
                        return Uni.createFrom().failure(ProblemException.unprocessable("reservation.email-required"));
                    }
                    List<OffsetDateTime> preferences = List.copyOf(new LinkedHashSet<>(request.preferredStarts()));
                    if (preferences.size() > policy.maxPreferences()) {
                        return Uni.createFrom().failure(ProblemException.unprocessable(
                                "reservation.too-many-preferences", policy.maxPreferences()));
                    }
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    LocalDate today = rules.day(now);
                    for (OffsetDateTime start : preferences) {
                        if (office.slotAt(start).isEmpty()) {
                            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.no-such-slot",
                                    start.atZoneSameInstant(rules.zone()).toLocalDateTime()).with("preferredStart", start));
                        }
                        if (rules.day(start).isAfter(policy.lastBookableDay(today))) {
                            LocalDate last = policy.lastBookableDay(today);
                            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.beyond-horizon", last)
                                    .with("lastBookableDate", last.toString()).with("preferredStart", start));
                        }
                        if (!policy.bookable(rules.day(start), today, rules.calendar())) {
                            LocalDate earliest = policy.earliestBookableDay(today, rules.calendar());
                            return Uni.createFrom().failure(ProblemException.unprocessable("reservation.too-late", earliest)
                                    .with("earliestBookableDate", earliest.toString()));
                        }
                    }
                    Reservation r = newReservation(rules, applicant, now, preferences.get(0));
                    r.seekerNumber = request.seekerNumber();
                    r.name = request.name();
                    r.email = request.email();
                    r.phone = request.phone();
                    r.preferences = preferences.stream().map(OffsetDateTime::toString).collect(Collectors.joining(","));
                    r.counselorName = request.counselorName();
                    r.companions = request.companions() == null || request.companions().isEmpty() ? null
                            : request.companions().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
                    r.companionNote = request.companionNote();
                    r.channel = request.channel();
                    r.awaitingApplicationMail = awaitingMail;
                    r.plannedCounselorId = request.counselorId();
                    r.responseDueAt = policy.responseDue(now, r.slotStart, rules.zone(), rules.calendar());
                    // staff may confirm any of the preferences: the request lapses when the last one can no longer be
                    r.confirmBy = preferences.stream()
                            .map(p -> policy.confirmBy(rules.day(p), rules.zone(), rules.calendar()))
                            .max(OffsetDateTime::compareTo).orElseThrow();
                    // applying consents to the terms in force, read in the first statement
                    r.termsVersionId = context.termsVersionId();
                    return reservations.persist(r)
                            .call(saved -> events.emit(ReservationEvents.REQUESTED, saved))
                            .call(saved -> policy.autoConfirm() && !awaitingMail
                                    ? autoConfirm(saved, office, preferences) : Uni.createFrom().voidItem());
                }));
    }

    /** Whether a seeker number was given by this office: its first five digits are the office's number. */
    static boolean registeredAt(jp.madoguchi.reservation.entity.Office office, String seekerNumber) {
        return office.officeCode == null || (seekerNumber != null && seekerNumber.startsWith(office.officeCode + "-"));
    }

    /** Offices that opt in confirm a request for a free slot at once, trying the preferences in order. */
    private Uni<Void> autoConfirm(Reservation r, OfficeSnapshots.Snapshot office, List<OffsetDateTime> preferences) {
        Uni<Boolean> chain = Uni.createFrom().item(false);
        for (OffsetDateTime start : preferences) {
            chain = chain.flatMap(done -> done ? Uni.createFrom().item(true)
                    : booker.tryConfirm(r, office, start, r.plannedCounselorId));
        }
        return chain.replaceWithVoid();
    }

    static Reservation newReservation(OfficeRules rules, Applicant applicant, OffsetDateTime now, OffsetDateTime start) {
        Reservation r = new Reservation();
        r.id = UUID.randomUUID();
        r.officeId = rules.office().id;
        r.userId = applicant.userId();
        r.userKind = applicant.kind();
        r.slotStart = start;
        r.slotEnd = start.plus(rules.policy().sessionLength());
        r.state = ReservationState.REQUESTED;
        r.createdAt = now;
        return r;
    }

    /** Records the version of the office's terms in force, which applying consents to. */
    static Uni<Reservation> acceptedUnderCurrentTerms(Reservation r, ProjectionRepository projections) {
        return projections.termsOf(r.officeId).map(t -> {
            r.termsVersionId = t == null ? null : t.termsVersionId;
            return r;
        });
    }

    /** A closed office takes no one (409); refused or suspended users get a 403 that says why and whom to call. */
    Uni<Void> ensureMayBook(OfficeRules rules, String userId) {
        if (!rules.office().open()) {
            return mayBook(rules, null);
        }
        return restrictions.activeFor(userId, rules.office().id)
                .flatMap(restriction -> mayBook(rules, restriction == null ? null : restriction.kind));
    }

    /** {@link #ensureMayBook} with the person's active restriction already read (null: none). */
    static Uni<Void> mayBook(OfficeRules rules, Restriction.Kind restriction) {
        if (!rules.office().open()) {
            return Uni.createFrom().failure(ProblemException.conflict("office.closed", rules.office().nameJa)
                    .with("officePhone", rules.office().phone));
        }
        if (restriction == null) {
            return Uni.createFrom().voidItem();
        }
        String type = restriction == Restriction.Kind.SUSPENDED ? "reservation.suspended" : "reservation.refused";
        return Uni.createFrom().failure(ProblemException.forbidden(type, rules.office().phone)
                .with("officePhone", rules.office().phone));
    }

    /** Cancelling on My Page, where the office's policy lets the online channel do it. */
    @WithTransaction
    public Uni<Reservation> cancelOwn(UUID id, String userId) {
        return reservations.findVisible(id, r -> r.userId.equals(userId)).flatMap(r -> cancelByPerson(r, Channel.ONLINE));
    }

    /**
     * The person cancels by a channel of their own (My Page, or a mail to the office), in the caller's transaction.
     * Where the office's policy does not take that channel then, 409 says to phone, with the number.
     */
    Uni<Reservation> cancelByPerson(Reservation r, Channel channel) {
        return offices.rules(r.officeId).flatMap(rules -> {
            Set<Channel> allowed = rules.policy().cancellationChannelsAt(OffsetDateTime.now(clock), r.slotStart, rules.zone());
            if (!allowed.contains(channel)) {
                String type = rules.policy().cancellationChannels().contains(channel)
                        ? "reservation.cancel-same-day-by-phone" : "reservation.cancel-by-phone";
                return Uni.createFrom().failure(ProblemException.conflict(type, rules.office().phone)
                        .with("officePhone", rules.office().phone)
                        .with("allowedChannels", allowed.stream().sorted().toList()));
            }
            r.moveTo(ReservationState.CANCELLED);
            r.cancelChannel = channel.name();
            r.closedAt = OffsetDateTime.now(clock);
            return events.emit(ReservationEvents.CANCELLED, r).replaceWith(r);
        });
    }

    @WithSession
    public Uni<Page<Reservation>> listOwn(String userId, PageRequest page) {
        return Page.of(reservations.ownedBy(userId), page);
    }

    /** The owner's reservation; someone else's is "not found". */
    @WithSession
    public Uni<Reservation> getOwn(UUID id, String userId) {
        return reservations.findVisible(id, r -> r.userId.equals(userId));
    }

    @WithSession
    public Uni<Reservation> get(UUID id) {
        return reservations.findVisible(id, r -> true);
    }

    /** Who is applying, from their token. */
    public record Applicant(String userId, String seekerNumber, Reservation.UserKind kind) {
        public Applicant(String userId, String seekerNumber) {
            this(userId, seekerNumber, Reservation.UserKind.SEEKER);
        }
    }
}
