package jp.madoguchi.meeting.provider;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The meeting manager's HTTP API (see TELEOFFICE.md). */
@Path("/api/meetings")
public interface TeleOfficeApi {

    @POST
    Uni<CreatedMeeting> create(@HeaderParam("X-Api-Key") String apiKey, @HeaderParam("Idempotency-Key") String idempotencyKey,
            NewMeeting meeting);

    @DELETE
    @Path("/{id}")
    Uni<Void> revoke(@HeaderParam("X-Api-Key") String apiKey, @PathParam("id") String id);

    @POST
    @Path("/{id}/end")
    Uni<Void> end(@HeaderParam("X-Api-Key") String apiKey, @PathParam("id") String id, Ending ending);

    record Ending(String notice) {
    }

    record NewMeeting(String title, OffsetDateTime opensAt, OffsetDateTime closesAt, boolean recording, String webhookUrl) {
    }

    record CreatedMeeting(String meetingId, String joinUrl, String passcode) {
    }
}
