package jp.madoguchi.reservation.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.mapping.ReservationMapper;
import jp.madoguchi.reservation.mapping.ReservationView;
import jp.madoguchi.reservation.service.ReservationService;
import jp.madoguchi.reservation.service.ReservationService.Applicant;

/** My Page: a seeker's own reservations. */
@Path("/api/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My Page reservations")
public class ReservationResource {

    private final ReservationService service;
    private final ReservationMapper mapper;
    private final CurrentUser user;

    public ReservationResource(ReservationService service, ReservationMapper mapper, CurrentUser user) {
        this.service = service;
        this.mapper = mapper;
        this.user = user;
    }

    @POST
    @RolesAllowed(Roles.SEEKER)
    @Operation(summary = "Apply for a consultation (仮予約); applying counts as consent to the office's terms",
            description = "422 with earliestBookableDate when too late for the office's lead time; 403 when refused or suspended.")
    @APIResponse(responseCode = "201", description = "Applied (仮予約); Location names it",
            content = @Content(schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "429", description = "The office's daily limit of applications per person is reached "
            + "(`limit`, `officePhone`); Retry-After says when the next day begins")
    public Uni<RestResponse<ReservationView>> apply(@Valid @NotNull ApplyRequest request) {
        // no number on record: someone about to register, whom only some offices take (the policy decides)
        return service.apply(request.toApplication(), new Applicant(user.id(), user.seekerNumber().orElse(null)))
                .map(r -> RestResponse.ResponseBuilder.<ReservationView>created(URI.create("/api/reservations/" + r.id))
                        .entity(mapper.toView(r)).build());
    }

    @GET
    @RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
    @Operation(summary = "My reservations, soonest first")
    public Uni<RestResponse<List<ReservationView>>> mine(@BeanParam PageParams paging) {
        return service.listOwn(user.id(), paging.request()).map(page -> Paged.response(page.map(mapper::toView), paging));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
    @Operation(summary = "One of my reservations")
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        return service.getOwn(id, user.id()).map(mapper::toView);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
    @Operation(summary = "Cancel one of my reservations, where the office lets My Page do it",
            description = "Kaga: online until the day before; on the day by phone only. Kabe: by phone only. "
                    + "Otherwise 409 with the office's phone number.")
    public Uni<ReservationView> cancel(@PathParam("id") UUID id) {
        return service.cancelOwn(id, user.id()).map(mapper::toView);
    }
}
