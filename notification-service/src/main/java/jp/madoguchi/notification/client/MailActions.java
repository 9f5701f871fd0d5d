package jp.madoguchi.notification.client;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/**
 * What people's mails ask of the reservation service (an application, a cancellation), handed over with this
 * service's own service-account token. Each call names the mail's Message-ID: a repeat after a crash changes nothing.
 */
@RegisterRestClient(configKey = "reservations")
@OidcClientFilter
@Path("/internal")
public interface MailActions {

    @POST
    @Path("/offices/{officeId}/application-mails")
    Uni<Outcome> application(@PathParam("officeId") String officeId, ApplicationMail mail);

    @POST
    @Path("/reservations/{id}/cancellation")
    Uni<Outcome> cancellation(@PathParam("id") UUID reservationId, CancellationMail mail);

    record ApplicationMail(String messageId, String name, String seekerNumber, List<OffsetDateTime> preferredStarts,
            String email, String phone) {
    }

    record CancellationMail(String sender, String messageId) {
    }

    record Outcome(UUID reservationId, String outcome, String state) {
    }
}
