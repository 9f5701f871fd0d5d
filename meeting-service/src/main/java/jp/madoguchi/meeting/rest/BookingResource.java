package jp.madoguchi.meeting.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.meeting.mapping.BookingView;
import jp.madoguchi.meeting.service.BookingService;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/bookings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: bookings")
public class BookingResource {

    private final BookingService service;
    private final CurrentUser user;

    public BookingResource(BookingService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @Path("/{reservationId}")
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Operation(summary = "What the meeting service knows of a reservation of my office")
    public Uni<BookingView> get(@PathParam("reservationId") UUID reservationId) {
        String office = user.requireOffice();
        return service.get(reservationId, office).map(BookingView::of);
    }
}
