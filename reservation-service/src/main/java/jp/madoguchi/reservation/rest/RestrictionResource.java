package jp.madoguchi.reservation.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.entity.Restriction;
import jp.madoguchi.reservation.service.StaffService;

/** Refusals of service (article 12) and no-show suspensions (article 6), per office. */
@Path("/api/staff/restrictions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: refusals and suspensions")
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
public class RestrictionResource {

    private final StaffService staff;
    private final CurrentUser user;

    public RestrictionResource(StaffService staff, CurrentUser user) {
        this.staff = staff;
        this.user = user;
    }

    @GET
    @Operation(summary = "People my office currently refuses or has suspended")
    public Uni<RestResponse<List<RestrictionView>>> active(@BeanParam PageParams paging) {
        return staff.restrictions(user.requireOffice(), paging.request())
                .map(page -> Paged.response(page.map(RestrictionView::of), paging));
    }

    @POST
    @Operation(summary = "Refuse online use to a person (threats, abuse, use for other purposes than finding work)")
    @APIResponse(responseCode = "201", description = "Refused; Location names it",
            content = @Content(schema = @Schema(implementation = RestrictionView.class)))
    public Uni<RestResponse<RestrictionView>> refuse(@Valid @NotNull RefuseRequest body) {
        return staff.refuse(user.requireOffice(), body.userId(), body.reason(), user.id())
                .map(x -> RestResponse.ResponseBuilder.<RestrictionView>created(URI.create("/api/staff/restrictions/" + x.id))
                        .entity(RestrictionView.of(x)).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Lift a refusal or suspension")
    public Uni<RestrictionView> lift(@PathParam("id") UUID id) {
        return staff.lift(user.requireOffice(), id, user.id()).map(RestrictionView::of);
    }

    public record RefuseRequest(@NotBlank @Size(max = 100) String userId, @NotBlank @Size(max = 500) String reason) {
    }

    public record RestrictionView(UUID id, String userId, Restriction.Kind kind, String reason, OffsetDateTime createdAt,
            String createdBy, OffsetDateTime liftedAt) {
        static RestrictionView of(Restriction x) {
            return new RestrictionView(x.id, x.userId, x.kind, x.reason, x.createdAt, x.createdBy, x.liftedAt);
        }
    }
}
