package jp.madoguchi.notification.client;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The consent service's signed re-consent links, which never travel on Kafka. */
@RegisterRestClient(configKey = "consents")
@OidcClientFilter
@Path("/internal/reconsent-requests")
public interface ReconsentDirectory {

    @GET
    @Path("/{id}/link")
    Uni<Link> link(@PathParam("id") UUID requestId);

    record Link(UUID requestId, String officeId, String termsVersionId, UUID reservationId, String url,
            OffsetDateTime expiresAt) {
    }
}
