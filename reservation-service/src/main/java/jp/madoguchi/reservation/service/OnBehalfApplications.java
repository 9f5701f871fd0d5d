package jp.madoguchi.reservation.service;

import java.time.Clock;
import java.time.OffsetDateTime;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.reservation.client.IdentityDirectory;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.repository.CounselorRepository;
import jp.madoguchi.reservation.service.ReservationService.Applicant;

/**
 * Applications that do not come with the person's own token: taken down by staff by phone or at the counter, or
 * read from the person's mail to the office. The person need not have a My Page account, so the reservation is
 * recorded under the account that holds the seeker number, where exactly one does (the booking then shows on their
 * My Page), and otherwise under a stable id made from the office and the number. Either way the same person gets the
 * same id on every call, so the office's limits and refusals of service count against them as for online
 * applications.
 */
@ApplicationScoped
public class OnBehalfApplications {

    /** Prefix of the ids of people known to the office but not (or not uniquely) to the identity provider. */
    static final String OFFLINE = "offline:";

    private final ReservationService reservations;
    private final IdentityDirectory identities;
    private final CounselorRepository counselors;
    private final Clock clock;

    public OnBehalfApplications(ReservationService reservations, IdentityDirectory identities,
            CounselorRepository counselors, Clock clock) {
        this.reservations = reservations;
        this.identities = identities;
        this.counselors = counselors;
        this.clock = clock;
    }

    /**
     * Staff take an application down by phone or at the counter; the number given is the person's by their word.
     * The caller works at the office, so is one of its counselors (as when they confirm), and may name themself.
     */
    public Uni<Reservation> enter(Application application, String callerId) {
        return applicant(application).flatMap(applicant -> Panache.withTransaction(
                () -> counselors.enrol(application.officeId(), callerId, null, OffsetDateTime.now(clock))
                        .flatMap(v -> reservations.apply(application, applicant))));
    }

    /** Whom an application not made with the person's own token is recorded under. Asks the identity provider. */
    Uni<Applicant> applicant(Application a) {
        if (a.seekerNumber() == null) {
            // someone about to register has no number yet: the phone number they gave is what the office knows them by
            return Uni.createFrom().item(new Applicant(offlineId(a.officeId(), "tel-" + digits(a.phone())), null));
        }
        return identities.withSeekerNumber(a.seekerNumber()).map(found -> new Applicant(
                found.orElseGet(() -> offlineId(a.officeId(), a.seekerNumber())), a.seekerNumber()));
    }

    static String offlineId(String officeId, String key) {
        return OFFLINE + officeId + ":" + key;
    }

    private static String digits(String phone) {
        return phone == null ? "" : phone.replaceAll("\\D", "");
    }
}
