package jp.madoguchi.teleoffice;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.nio.charset.StandardCharsets;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * The meeting manager's API as TELEOFFICE.md describes it: create (idempotent per {@code Idempotency-Key}),
 * revoke, and a listing by key so that tests can count what a caller really created.
 */
@Path("/api/meetings")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingApiResource {

    private final SimulatorConfig config;
    private final MeetingStore store;

    public MeetingApiResource(SimulatorConfig config, MeetingStore store) {
        this.config = config;
        this.store = store;
    }

    public record NewMeeting(String title, OffsetDateTime opensAt, OffsetDateTime closesAt, boolean recording,
            String webhookUrl) {
    }

    public record CreatedMeeting(String meetingId, String joinUrl, String passcode) {
    }

    public record MeetingInfo(String meetingId, String idempotencyKey, OffsetDateTime opensAt, OffsetDateTime closesAt,
            boolean revoked, boolean ended) {
    }

    /** What whoever comes to the join page afterwards reads (what happened, whom to phone). */
    public record Ending(String notice) {
    }

    /** 201 for a new meeting; 200 with the same meeting when the key was seen before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<CreatedMeeting> create(@RestHeader("X-Api-Key") String apiKey,
            @RestHeader("Idempotency-Key") String idempotencyKey, NewMeeting body, @Context UriInfo uri) {
        authorize(apiKey);
        if (body == null || body.opensAt() == null || body.closesAt() == null || !body.closesAt().isAfter(body.opensAt())
                || Duration.between(body.opensAt(), body.closesAt()).compareTo(config.longest()) > 0 || body.recording()
                || body.webhookUrl() == null || !body.webhookUrl().startsWith("http")) {
            throw Problems.of(400, "invalid meeting: window empty or too long, recording asked, or no webhook URL");
        }
        String base = config.publicUrl().filter(s -> !s.isBlank()).orElseGet(() -> trim(uri.getBaseUri().toString()));
        MeetingStore.Created created = store.createOnce(idempotencyKey, id -> new SimMeeting(id, idempotencyKey,
                body.title() == null ? "" : body.title(), body.opensAt(), body.closesAt(), MeetingStore.passcode(),
                body.webhookUrl(), base + "/join/" + id));
        SimMeeting m = created.meeting();
        CreatedMeeting answer = new CreatedMeeting(m.id, m.joinUrl, m.passcode);
        return created.fresh() ? RestResponse.ResponseBuilder.<CreatedMeeting>created(URI.create(m.joinUrl)).entity(answer).build()
                : RestResponse.ok(answer);
    }

    @DELETE
    @Path("/{id}")
    public RestResponse<Void> revoke(@RestHeader("X-Api-Key") String apiKey, @PathParam("id") String id) {
        authorize(apiKey);
        SimMeeting m = store.get(id).orElseThrow(() -> Problems.of(404, "unknown meeting"));
        m.revoked = true;
        return RestResponse.noContent();
    }

    /** Ends a meeting now: whoever is in it is let go, nobody enters any more. Repeating it changes nothing. */
    @POST
    @Path("/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<Void> end(@RestHeader("X-Api-Key") String apiKey, @PathParam("id") String id, Ending body) {
        authorize(apiKey);
        SimMeeting m = store.get(id).orElseThrow(() -> Problems.of(404, "unknown meeting"));
        if (!m.ended) {
            m.notice = body == null ? null : body.notice();
            m.ended = true;
        }
        return RestResponse.noContent();
    }

    /** The account's meetings, optionally those of one idempotency key (the simulator's own addition). */
    @GET
    public List<MeetingInfo> list(@RestHeader("X-Api-Key") String apiKey, @RestQuery String idempotencyKey) {
        authorize(apiKey);
        return store.all().stream().filter(m -> idempotencyKey == null || idempotencyKey.equals(m.idempotencyKey))
                .sorted(Comparator.comparing((SimMeeting m) -> m.opensAt))
                .map(m -> new MeetingInfo(m.id, m.idempotencyKey, m.opensAt, m.closesAt, m.revoked, m.ended)).toList();
    }

    private void authorize(String apiKey) {
        if (apiKey == null || !MessageDigest.isEqual(apiKey.getBytes(StandardCharsets.UTF_8),
                config.apiKey().getBytes(StandardCharsets.UTF_8))) {
            throw Problems.of(401, "wrong API key");
        }
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
