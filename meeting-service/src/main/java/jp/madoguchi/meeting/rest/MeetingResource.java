package jp.madoguchi.meeting.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.meeting.entity.Meeting;
import jp.madoguchi.meeting.service.MeetingService;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Produces(MediaType.APPLICATION_JSON)
@Path("/")
public class MeetingResource {

    private final MeetingService meetings;
    private final CurrentUser user;

    public MeetingResource(MeetingService meetings, CurrentUser user) {
        this.meetings = meetings;
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
    @Operation(summary = "Note that the person got in touch: no no-show will be recorded for this meeting "
            + "(409 when the no-show check ran first, or ran at the same moment)")
    public Uni<StaffMeetingView> contact(@PathParam("reservationId") UUID reservationId) {
        return meetings.noteContact(reservationId, user.requireOffice()).map(m -> StaffMeetingView.of(m, List.of()));
    }

    @POST
    @Path("/api/meetings/{reservationId}/end")
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Tag(name = "Staff: meetings")
    @ResponseStatus(202)
    @Operation(summary = "End the meeting of a session under way: TeleOffice ends it for everyone in it and MeetingEnded "
            + "follows (202: asked; the meeting's status turns ENDED once TeleOffice has done it). 409 when it has "
            + "ended or is being ended already (a no-show, a cancellation, a colleague), or it has not started yet")
    // the scanner does not read @ResponseStatus: without this the document would say 200
    @APIResponse(responseCode = "202", description = "Asked; the meeting's status turns ENDED once TeleOffice has done it",
            content = @Content(schema = @Schema(implementation = StaffMeetingView.class)))
    public Uni<StaffMeetingView> end(@PathParam("reservationId") UUID reservationId) {
        return meetings.end(reservationId, user.requireOffice()).map(m -> StaffMeetingView.of(m, List.of()));
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

    public record Participation(String role, String event, OffsetDateTime at) {
    }

    /** {@code endReason}: why it ended, or is being ended, before its close (NO_SHOW, STAFF, CANCELLED). */
    public record StaffMeetingView(UUID meetingId, UUID reservationId, String status, OffsetDateTime startsAt,
            OffsetDateTime opensAt, OffsetDateTime closesAt, OffsetDateTime noShowAt, OffsetDateTime contactNotedAt,
            String endReason, OffsetDateTime endedAt, List<Participation> participants) {
        static StaffMeetingView of(Meeting m, List<Participation> participants) {
            return new StaffMeetingView(m.id, m.reservationId, m.status, m.startsAt, m.opensAt, m.closesAt, m.noShowAt,
                    m.contactNotedAt, m.endReason, m.endedAt, participants);
        }
    }

    public record MeetingAccess(UUID reservationId, String meetingId, String joinUrl, String passcode,
            OffsetDateTime startsAt, OffsetDateTime opensAt, OffsetDateTime closesAt, String status) {
    }
}
