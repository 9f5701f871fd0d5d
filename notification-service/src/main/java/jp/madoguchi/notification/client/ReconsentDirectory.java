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
@Path("/internal")
public interface ReconsentDirectory {

    @GET
    @Path("/reconsent-requests/{id}/link")
    Uni<Link> link(@PathParam("id") UUID requestId);

    /** The public page of a published version of an office's terms. */
    @GET
    @Path("/terms/{officeId}/{versionId}/page")
    Uni<TermsPage> termsPage(@PathParam("officeId") String officeId, @PathParam("versionId") String versionId);

    record TermsPage(String officeId, String versionId, String url) {
    }

    record Link(UUID requestId, String officeId, String termsVersionId, UUID reservationId, String url,
            OffsetDateTime expiresAt) {
    }
}
