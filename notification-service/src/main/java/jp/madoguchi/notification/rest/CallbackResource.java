package jp.madoguchi.notification.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.notification.entity.CallbackTask;
import jp.madoguchi.notification.mapping.CallbackViews;
import jp.madoguchi.notification.service.CallbackService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/** Staff: the phone calls the office owes people, where the rules say "by phone". */
@Path("/api/callbacks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
@Tag(name = "Staff: call-back tasks")
public class CallbackResource {

    /** How a call went; a note for colleagues, never the phone number or the code. */
    public record Completion(@NotNull CallbackTask.Outcome outcome, @Size(max = 1000) String note) {
    }

    private final CallbackService callbacks;
    private final CurrentUser user;

    public CallbackResource(CallbackService callbacks, CurrentUser user) {
        this.callbacks = callbacks;
        this.user = user;
    }

    @GET
    @Operation(summary = "My office's call-back tasks, oldest first (filter by state: OPEN, CLAIMED, DONE)")
    public Uni<RestResponse<List<CallbackViews.Task>>> list(@QueryParam("state") CallbackTask.State state,
            @BeanParam PageParams paging) {
        return callbacks.list(user.requireOffice(), state, paging.request())
                .map(page -> Paged.response(page.map(CallbackViews::of), paging));
    }

    @POST
    @Path("/{id}/claim")
    @Operation(summary = "Take an open task; 409 if a colleague has it")
    public Uni<CallbackViews.Task> claim(@PathParam("id") UUID id) {
        return callbacks.claim(id, user.requireOffice(), user.id()).map(CallbackViews::of);
    }

    @GET
    @Path("/{id}/call")
    @Operation(summary = "The call sheet (name, number, access code) for the member of staff holding the task")
    public Uni<CallbackViews.CallSheet> call(@PathParam("id") UUID id) {
        return callbacks.call(id, user.requireOffice(), user.id()).map(CallbackViews::of);
    }

    @POST
    @Path("/{id}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the call: REACHED closes the task, UNREACHABLE puts it back on the list")
    public Uni<CallbackViews.Task> complete(@PathParam("id") UUID id, @Valid @NotNull Completion completion) {
        return callbacks.complete(id, user.requireOffice(), user.id(), completion.outcome(), completion.note())
                .map(CallbackViews::of);
    }
}
