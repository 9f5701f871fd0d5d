package jp.madoguchi.reservation.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.mapping.ContactView;
import jp.madoguchi.reservation.mapping.ReservationMapper;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import jp.madoguchi.reservation.service.PersonContacts;
import jp.madoguchi.reservation.service.ReservationService;

/**
 * Contact details travel only here, to Madoguchi's own services authenticated by their Keycloak service
 * accounts; events never carry them.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service to service")
public class InternalContactResource {

    private final ReservationService service;
    private final PersonContacts people;
    private final ReservationMapper mapper;

    public InternalContactResource(ReservationService service, PersonContacts people, ReservationMapper mapper) {
        this.service = service;
        this.people = people;
        this.mapper = mapper;
    }

    @GET
    @Path("/reservations/{id}/contact")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "Contact details of a reservation's applicant (service accounts only)")
    public Uni<ContactView> contact(@PathParam("id") UUID id) {
        return service.get(id).map(mapper::toContact);
    }

    @GET
    @Path("/people/{userId}/contact")
    @RolesAllowed(Roles.SERVICE)
    @Operation(summary = "How to reach a person about an office's matters when no booking is concerned (service accounts only)")
    public Uni<ContactView> person(@PathParam("userId") @Size(max = 100) String userId,
            @QueryParam("office") @NotBlank @Size(max = 40) String officeId) {
        return people.contact(userId, officeId);
    }
}
