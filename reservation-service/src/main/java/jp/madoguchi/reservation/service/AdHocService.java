package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.client.IdentityDirectory;
import jp.madoguchi.reservation.entity.ConsentOnRecord;
import jp.madoguchi.reservation.entity.OfficeTerms;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.policy.OfficeRules;
import jp.madoguchi.reservation.repository.CounselorRepository;
import jp.madoguchi.reservation.repository.ProjectionRepository;

/**
 * Immediate (ad-hoc) sessions, where the office offers them (Kaga article 6-2): for a seeker or employer whose
 * consent to the terms in force is on record, at most 30 minutes, the access code via My Page or a call back
 * to the phone number registered with the office, never to a number given in the same request.
 */
@ApplicationScoped
public class AdHocService {

    private final ProjectionRepository projections;
    private final OfficeService offices;
    private final ReservationService applications;
    private final SlotBooker booker;
    private final CounselorRepository counselors;
    private final IdentityDirectory identities;
    private final Clock clock;

    public AdHocService(ProjectionRepository projections, OfficeService offices,
            ReservationService applications, SlotBooker booker, CounselorRepository counselors, IdentityDirectory identities,
            Clock clock) {
        this.projections = projections;
        this.offices = offices;
        this.applications = applications;
        this.booker = booker;
        this.counselors = counselors;
        this.identities = identities;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Reservation> start(String office, String userId, Reservation.UserKind kind,
            Reservation.DetailDelivery delivery, String newPhone, String counselorId) {
        if (newPhone != null && !newPhone.isBlank()) {
            // identity check: a code is never sent to a number changed in the same breath
            return Uni.createFrom().failure(ProblemException.unprocessable("ad-hoc.phone-change-refused"));
        }
        if (delivery == Reservation.DetailDelivery.EMAIL) {
            return Uni.createFrom().failure(ProblemException.unprocessable("ad-hoc.delivery"));
        }
        return counselors.enrol(office, counselorId, null, OffsetDateTime.now(clock))
                .flatMap(v -> offices.rules(office))
                .call(rules -> check(rules, kind))
                .call(rules -> applications.ensureMayBook(rules, userId))
                .call(rules -> consentToTermsInForce(office, userId))
                .flatMap(rules -> (delivery == Reservation.DetailDelivery.PHONE
                        // the number registered with the office is the identity's, never one typed into an application
                        ? identities.registered(userId).map(person -> {
                            Reservation r = create(rules, userId, kind, delivery, counselorId, person
                                    .flatMap(IdentityDirectory.Registered::phone)
                                    .orElseThrow(() -> ProblemException.unprocessable("ad-hoc.no-registered-phone")));
                            // whom staff ask for when they call
                            r.name = person.get().name();
                            return r;
                        })
                        : Uni.createFrom().item(create(rules, userId, kind, delivery, counselorId, null)))
                        .flatMap(r -> ReservationService.acceptedUnderCurrentTerms(r, projections))
                        .flatMap(r -> booker.confirmAdHoc(r, rules, counselorId)));
    }

    private static Uni<Void> check(OfficeRules rules, Reservation.UserKind kind) {
        OfficePolicy policy = rules.policy();
        if (!policy.adHocOffered()) {
            return Uni.createFrom().failure(ProblemException.conflict("ad-hoc.not-offered"));
        }
        boolean eligible = kind == Reservation.UserKind.EMPLOYER
                ? policy.eligible().contains(OfficePolicy.Eligibility.EMPLOYER)
                : policy.eligible().contains(OfficePolicy.Eligibility.REGISTERED_SEEKER)
                        || policy.eligible().contains(OfficePolicy.Eligibility.PROSPECTIVE_SEEKER);
        return eligible ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.forbidden("reservation.not-eligible"));
    }

    /** Consent on record to the version in force; if the terms changed since, the person re-consents first. */
    private Uni<Void> consentToTermsInForce(String office, String userId) {
        return projections.termsOf(office).flatMap((OfficeTerms terms) -> projections.consentOf(userId, office)
                .flatMap((ConsentOnRecord consent) -> {
                    if (terms == null) {
                        // fail closed: without knowing the terms in force, no consent can be shown to match them
                        return Uni.createFrom().failure(ProblemException.conflict("ad-hoc.terms-unknown"));
                    }
                    if (consent == null) {
                        return Uni.createFrom().failure(ProblemException.conflict("ad-hoc.no-consent"));
                    }
                    if (!terms.termsVersionId.equals(consent.termsVersionId)) {
                        return Uni.createFrom().failure(ProblemException.conflict("ad-hoc.reconsent-first", terms.termsVersionId)
                                .with("termsVersionId", terms.termsVersionId));
                    }
                    return Uni.createFrom().voidItem();
                }));
    }

    private Reservation create(OfficeRules rules, String userId, Reservation.UserKind kind,
            Reservation.DetailDelivery delivery, String counselorId, String registeredPhone) {
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MINUTES);
        Reservation r = ReservationService.newReservation(rules,
                new ReservationService.Applicant(userId, null, kind), now, now);
        r.kind = Reservation.Kind.AD_HOC;
        r.detailDelivery = delivery;
        r.counselorId = counselorId;
        r.phone = registeredPhone;
        return r;
    }
}
