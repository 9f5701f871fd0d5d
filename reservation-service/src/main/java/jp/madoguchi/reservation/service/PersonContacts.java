package jp.madoguchi.reservation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.reservation.client.IdentityDirectory;
import jp.madoguchi.reservation.mapping.ContactView;
import jp.madoguchi.reservation.repository.ReservationRepository;

/**
 * How to reach a person about an office's matters that concern no booking (a revision of its terms): the address
 * they last gave that office, else the one registered with the identity provider, whose name is the one used.
 */
@ApplicationScoped
public class PersonContacts {

    private final ReservationRepository reservations;
    private final IdentityDirectory identities;

    public PersonContacts(ReservationRepository reservations, IdentityDirectory identities) {
        this.reservations = reservations;
        this.identities = identities;
    }

    @WithSession
    public Uni<ContactView> contact(String userId, String officeId) {
        return reservations.newestWithEmail(userId, officeId).flatMap(last -> identities.registered(userId).map(person -> {
            if (last == null && person.isEmpty()) {
                throw ProblemException.notFound("person", userId);
            }
            String name = person.map(IdentityDirectory.Registered::name).orElse(last == null ? null : last.name);
            String email = last != null ? last.email : person.flatMap(IdentityDirectory.Registered::email).orElse(null);
            return new ContactView(null, officeId, userId, last == null ? null : last.userKind.name(), name, email, null,
                    null, null, null, null, null);
        }));
    }
}
