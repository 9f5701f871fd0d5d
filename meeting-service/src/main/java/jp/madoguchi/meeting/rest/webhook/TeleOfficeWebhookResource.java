package jp.madoguchi.meeting.rest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.service.MeetingService;
import jp.madoguchi.platform.problem.ProblemException;

/**
 * The meeting provider's participant events, at {@code <public base URL>/api/teleoffice/events}: the address this
 * service hands TeleOffice with each meeting. No token: the shared webhook secret authenticates the caller.
 */
@Path("/api/teleoffice/events")
@Tag(name = "TeleOffice webhook")
public class TeleOfficeWebhookResource {

    /** Where the provider posts, relative to the service's public base URL. */
    public static final String PATH = "/api/teleoffice/events";

    private final MeetingService meetings;
    private final MeetingConfig config;

    public TeleOfficeWebhookResource(MeetingService meetings, MeetingConfig config) {
        this.meetings = meetings;
        this.config = config;
    }

    @POST
    @PermitAll
    @Operation(summary = "Participant events from the meeting manager (X-Webhook-Secret)")
    @APIResponse(responseCode = "204", description = "Taken")
    @APIResponse(responseCode = "400", description = "A notice outside the meeting manager's contract")
    @APIResponse(responseCode = "401", description = "No or a wrong X-Webhook-Secret")
    public Uni<Void> webhook(@RestHeader("X-Webhook-Secret") String secret, ParticipantNotice notice) {
        if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                config.webhookSecret().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(401, "unauthenticated");
        }
        if (notice == null || !notice.conforms()) {
            // outside the contract (TELEOFFICE.md): told, never stored half-way
            throw new ProblemException(400, "bad-request");
        }
        return meetings.participant(notice.meetingId(), notice.event(), notice.role(), notice.deviceId(), notice.at());
    }
}
