package jp.madoguchi.meeting.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.service.MeetingService;
import jp.madoguchi.meeting.simulator.ParticipantNotice;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Produces(MediaType.APPLICATION_JSON)
@Path("/")
public class MeetingResource {

    private final MeetingService meetings;
    private final MeetingConfig config;
    private final CurrentUser user;

    public MeetingResource(MeetingService meetings, MeetingConfig config, CurrentUser user) {
        this.meetings = meetings;
        this.config = config;
        this.user = user;
    }

    @GET
    @Path("/api/meetings/{reservationId}")
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Tag(name = "Staff: meetings")
    @Operation(summary = "The meeting of a reservation of my office, with who entered it and when")
    public Uni<StaffMeetingView> get(@PathParam("reservationId") UUID reservationId) {
        return meetings.staffView(reservationId, user.requireOffice())
                .flatMap(m -> meetings.participants(m.id).map(ps -> StaffMeetingView.of(m,
                        ps.stream().map(p -> new Participation(p.role, p.event, p.at)).toList())));
    }

    @POST
    @Path("/api/meetings/{reservationId}/contact")
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Tag(name = "Staff: meetings")
    @Operation(summary = "Note that the person got in touch: no no-show will be recorded for this meeting")
    public Uni<StaffMeetingView> contact(@PathParam("reservationId") UUID reservationId) {
        return meetings.noteContact(reservationId, user.requireOffice()).map(m -> StaffMeetingView.of(m, List.of()));
    }

    @GET
    @Path("/internal/meetings/{reservationId}")
    @RolesAllowed(Roles.SERVICE)
    @Tag(name = "Service to service")
    @Operation(summary = "Join URL and passcode of a reservation's meeting (service accounts only: for the invitation)")
    public Uni<MeetingAccess> access(@PathParam("reservationId") UUID reservationId) {
        return meetings.forService(reservationId).map(m -> new MeetingAccess(m.reservationId, m.providerMeetingId,
                m.joinUrl, m.passcode, m.startsAt, m.opensAt, m.closesAt, m.status));
    }

    /** The provider's participant events; authenticated by the shared webhook secret. */
    @POST
    @Path("/api/teleoffice/events")
    @PermitAll
    @Tag(name = "TeleOffice webhook")
    @Operation(summary = "Participant events from the meeting manager (X-Webhook-Secret)")
    public Uni<Void> webhook(@RestHeader("X-Webhook-Secret") String secret, ParticipantNotice notice) {
        if (secret == null || !java.security.MessageDigest.isEqual(secret.getBytes(), config.webhookSecret().getBytes())) {
            throw new ProblemException(401, "unauthenticated");
        }
        if (notice == null || notice.meetingId() == null || notice.event() == null) {
            throw new ProblemException(400, "bad-request");
        }
        return meetings.participant(notice.meetingId(), notice.event(), notice.role(), notice.deviceId(), notice.at());
    }

    public record Participation(String role, String event, OffsetDateTime at) {
    }

    public record StaffMeetingView(UUID meetingId, UUID reservationId, String status, OffsetDateTime startsAt,
            OffsetDateTime opensAt, OffsetDateTime closesAt, OffsetDateTime noShowAt, OffsetDateTime contactNotedAt,
            List<Participation> participants) {
        static StaffMeetingView of(Meeting m, List<Participation> participants) {
            return new StaffMeetingView(m.id, m.reservationId, m.status, m.startsAt, m.opensAt, m.closesAt, m.noShowAt,
                    m.contactNotedAt, participants);
        }
    }

    public record MeetingAccess(UUID reservationId, String meetingId, String joinUrl, String passcode,
            OffsetDateTime startsAt, OffsetDateTime opensAt, OffsetDateTime closesAt, String status) {
    }
}
