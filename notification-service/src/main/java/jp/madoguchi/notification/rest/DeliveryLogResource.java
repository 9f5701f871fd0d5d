package jp.madoguchi.notification.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.notification.entity.Notification;
import jp.madoguchi.notification.mapping.NotificationView;
import jp.madoguchi.notification.service.NotificationService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
@Tag(name = "Staff: delivery log")
public class DeliveryLogResource {

    private final NotificationService service;
    private final CurrentUser user;

    public DeliveryLogResource(NotificationService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @Operation(summary = "Messages of my office, newest first, with their delivery state (QUEUED, SENDING, SENT, FAILED, "
            + "SKIPPED: no longer true for the booking, DEAD: no longer of use, staff have a call-back task)")
    public Uni<RestResponse<List<NotificationView>>> log(
            @Parameter(description = "only messages in this state, e.g. DEAD for the dead letters") @QueryParam("status")
            Notification.Status status, @BeanParam PageParams paging) {
        return service.deliveryLog(user.requireOffice(), status, paging.request())
                .map(page -> Paged.response(page.map(NotificationView::of), paging));
    }

    @POST
    @Path("/{id}/resend")
    @Operation(summary = "Send a dead (or still failing) message again, with a fresh set of attempts; 409 once it is "
            + "queued, being sent or sent (so two resends, or a resend and the sender, never send it twice)")
    public Uni<NotificationView> resend(@PathParam("id") UUID id) {
        return service.resend(id, user.requireOffice()).map(NotificationView::of);
    }
}
