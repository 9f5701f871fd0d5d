package jp.madoguchi.notification.client;

import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** The reservation service's contact endpoint, called with this service's own service-account token. */
@RegisterRestClient(configKey = "reservations")
@OidcClientFilter
@Path("/internal")
public interface ContactDirectory {

    @GET
    @Path("/reservations/{id}/contact")
    Uni<Contact> contact(@PathParam("id") UUID reservationId);

    /** A person's address with the office when no booking is concerned (reservation fields empty). */
    @GET
    @Path("/people/{userId}/contact")
    Uni<Contact> person(@PathParam("userId") String userId, @QueryParam("office") String officeId);

    record Contact(UUID reservationId, String officeId, String userId, String userKind, String name, String email, String phone, String kind,
            String detailDelivery, java.time.OffsetDateTime slotStart, java.time.OffsetDateTime slotEnd,
            Integer noShowGraceMinutes) {
    }
}
