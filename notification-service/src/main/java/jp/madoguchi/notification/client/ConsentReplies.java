package jp.madoguchi.notification.client;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Replies to re-consent emails, handed to the consent service, which records the consent (Kaga 6(4)). */
@RegisterRestClient(configKey = "consents")
@OidcClientFilter
@Path("/internal")
public interface ConsentReplies {

    @POST
    @Path("/reconsent-requests/{id}/replies")
    Uni<Recorded> reply(@PathParam("id") UUID requestId, Reply reply);

    record Reply(String messageId, OffsetDateTime receivedAt) {
    }

    record Recorded(UUID id, String method, String channel) {
    }
}
