package jp.madoguchi.platform.inbox;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.inbox.ParkedEvent.Status;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/** Operations only: the records this service's consumers parked, and what an operator decides about them. */
@Path("/api/operations/parked-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "operations")
public class ParkedEventResource {

    private final ParkingLot lot;
    private final CurrentUser user;

    public ParkedEventResource(ParkingLot lot, CurrentUser user) {
        this.lot = lot;
        this.user = user;
    }

    @GET
    @Operation(summary = "Parked records, oldest first (status PARKED by default; ALL for every status)")
    public Uni<RestResponse<List<ParkedEventView>>> list(@RestQuery @DefaultValue("PARKED") String status,
            @BeanParam PageParams paging) {
        return lot.page(parse(status), paging.request())
                .map(page -> Paged.response(page.map(ParkedEventView::summary), paging));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One parked record with its headers and payload")
    public Uni<ParkedEventView> show(@PathParam("id") UUID id) {
        return lot.find(id).map(ParkedEventView::full);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Hand the record to its consumer again (idempotent: replaying twice handles it once)")
    public Uni<ParkedEventView> replay(@PathParam("id") UUID id) {
        return lot.replay(id, user.id()).map(ParkedEventView::full);
    }

    @POST
    @Path("/{id}/discard")
    @Operation(summary = "Close the record without handling it; the reason is kept")
    public Uni<ParkedEventView> discard(@PathParam("id") UUID id, @Valid @NotNull ParkedEventView.Discard body) {
        return lot.discard(id, user.id(), body.reason()).map(ParkedEventView::full);
    }

    private static Status parse(String status) {
        if ("ALL".equalsIgnoreCase(status)) {
            return null;
        }
        try {
            return Status.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "parked-event.unknown-status", status);
        }
    }
}
