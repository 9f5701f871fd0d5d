package jp.madoguchi.notification.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.notification.mapping.NotificationView;
import jp.madoguchi.notification.service.NotificationService;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: delivery log")
public class DeliveryLogResource {

    private final NotificationService service;
    private final CurrentUser user;

    public DeliveryLogResource(NotificationService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Operation(summary = "Messages of my office, newest first, with their delivery state")
    public Uni<List<NotificationView>> log() {
        String office = user.requireOffice();
        return service.deliveryLog(office).map(list -> list.stream().map(NotificationView::of).toList());
    }
}
