package jp.madoguchi.notification.client;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The meeting service's secrets endpoint: join URL and passcode, for the invitation only. */
@RegisterRestClient(configKey = "meetings")
@OidcClientFilter
@Path("/internal/meetings")
public interface MeetingDirectory {

    @GET
    @Path("/{reservationId}")
    Uni<Access> access(@PathParam("reservationId") UUID reservationId);

    record Access(UUID reservationId, String meetingId, String joinUrl, String passcode, OffsetDateTime startsAt,
            OffsetDateTime opensAt, OffsetDateTime closesAt, String status) {
    }
}
