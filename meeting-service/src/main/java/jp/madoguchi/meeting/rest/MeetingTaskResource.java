package jp.madoguchi.meeting.rest;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.meeting.entity.MeetingTask;
import jp.madoguchi.meeting.mapping.MeetingTaskView;
import jp.madoguchi.meeting.service.MeetingTasks;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/**
 * Meetings that TeleOffice has not (yet) created or revoked: staff see their own office's — a FAILED provisioning
 * is a booking without a meeting, whose person must be phoned — and operators every office's.
 */
@Path("/api/meeting-tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: meetings")
public class MeetingTaskResource {

    private static final Set<String> STATES = Set.of(MeetingTask.PENDING, MeetingTask.RUNNING, MeetingTask.DONE,
            MeetingTask.FAILED, MeetingTask.CANCELLED);
    private static final int LIMIT = 100;

    private final MeetingTasks tasks;
    private final CurrentUser user;

    public MeetingTaskResource(MeetingTasks tasks, CurrentUser user) {
        this.tasks = tasks;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN, Roles.OPERATOR})
    @Operation(summary = "TeleOffice calls of my office (all offices for operators), newest first, at most 100; "
            + "state=FAILED: bookings left without a meeting")
    public Uni<List<MeetingTaskView>> list(@RestQuery String state) {
        if (state != null && !STATES.contains(state)) {
            throw new ProblemException(400, "bad-request");
        }
        String office = user.is(Roles.OPERATOR) && user.office().isEmpty() ? null : user.requireOffice();
        return tasks.list(office, state, LIMIT).map(list -> list.stream().map(MeetingTaskView::of).toList());
    }
}
