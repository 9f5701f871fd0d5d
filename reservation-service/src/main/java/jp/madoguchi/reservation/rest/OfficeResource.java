package jp.madoguchi.reservation.rest;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.entity.OfficeClosure;
import jp.madoguchi.reservation.entity.WeeklySlot;
import jp.madoguchi.reservation.mapping.OfficeView;
import jp.madoguchi.reservation.mapping.SlotView;
import jp.madoguchi.reservation.policy.OfficePolicy;
import jp.madoguchi.reservation.service.AvailabilityService;
import jp.madoguchi.reservation.service.OfficeService;
import jp.madoguchi.reservation.service.OfficeSnapshots;
import jp.madoguchi.reservation.service.OfficeDefinition;
import jp.madoguchi.reservation.service.OfficeDefinition.ScheduleEntry;

/**
 * Offices, their rules, schedules, closure days and open slots. Reading needs a token; changing an office needs its
 * admin or a national administrator; opening, renaming and closing offices needs a national administrator.
 */
@Path("/api/offices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offices")
public class OfficeResource {

    private final OfficeService offices;
    private final AvailabilityService availability;
    private final OfficeSnapshots snapshots;
    private final CurrentUser user;

    public OfficeResource(OfficeService offices, AvailabilityService availability, OfficeSnapshots snapshots,
            CurrentUser user) {
        this.offices = offices;
        this.availability = availability;
        this.snapshots = snapshots;
        this.user = user;
    }

    @GET
    @Authenticated
    @Operation(summary = "Offices offering online consultation, with their rules")
    public Uni<RestResponse<List<OfficeView>>> list(@BeanParam PageParams paging) {
        return offices.list(paging.request()).map(page -> Paged.response(page.map(OfficeView::of), paging));
    }

    @GET
    @Path("/{officeId}")
    @Authenticated
    @Operation(summary = "An office and its rules")
    public Uni<OfficeView> get(@PathParam("officeId") String officeId) {
        return snapshots.current(officeId).map(OfficeSnapshots.Snapshot::view);
    }

    @POST
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Operation(summary = "Open an office (national administrators)",
            description = "With its profile, policy, weekly schedule and closure days; told to the other services as "
                    + "OfficeOpened. Its terms of use are opened at consent-service; until a version is published there, "
                    + "nobody can consent and so nobody can book. 409 if the id is taken.")
    @APIResponse(responseCode = "201", description = "Opened; Location is the office",
            content = @Content(schema = @Schema(implementation = OfficeView.class)))
    public Uni<RestResponse<OfficeView>> open(@Valid @NotNull OfficeDefinition office) {
        return offices.open(office).map(rules -> RestResponse.ResponseBuilder
                .<OfficeView>created(URI.create("/api/offices/" + rules.office().id)).entity(OfficeView.of(rules)).build());
    }

    @PUT
    @Path("/{officeId}/profile")
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Operation(summary = "Change an office's names, phone, time zone and mail sender (national administrators)")
    public Uni<OfficeView> changeProfile(@PathParam("officeId") String officeId,
            @Valid @NotNull OfficeDefinition.Profile profile) {
        return offices.changeProfile(officeId, profile).map(OfficeView::of);
    }

    @DELETE
    @Path("/{officeId}")
    @RolesAllowed(Roles.NATIONAL_ADMIN)
    @Operation(summary = "Close an office to online consultation (national administrators)",
            description = "It takes no new applications; its history stays readable. Refused (409) while consultations "
                    + "are still ahead there: staff settle them first, so nobody is left untold.")
    public Uni<OfficeView> closeOffice(@PathParam("officeId") String officeId) {
        return offices.close(officeId).map(OfficeView::of);
    }

    @GET
    @Path("/{officeId}/availability")
    @Authenticated
    @Operation(summary = "Slots that can still be booked between two dates (JST, inclusive)",
            description = "Honours the weekly schedule, business days (national and substitute holidays, Dec 29 – Jan 3, "
                    + "office closures), the office's lead time and the seats already taken. At most 62 days at once.")
    public Uni<List<SlotView>> availability(@PathParam("officeId") String officeId, @RestQuery("from") @NotNull LocalDate from,
            @RestQuery("to") @NotNull LocalDate to) {
        return availability.open(officeId, from, to);
    }

    @PUT
    @Path("/{officeId}/policy")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Change the office's policy (its admin or a national administrator)")
    public Uni<OfficePolicy> updatePolicy(@PathParam("officeId") String officeId, @Valid @NotNull OfficePolicy policy) {
        user.requireAdminOf(officeId);
        return offices.updatePolicy(officeId, policy);
    }

    @GET
    @Path("/{officeId}/schedule")
    @Authenticated
    @Operation(summary = "The office's weekly slot schedule")
    public Uni<List<ScheduleSlot>> schedule(@PathParam("officeId") String officeId) {
        return offices.schedule(officeId).map(ScheduleSlot::of);
    }

    @PUT
    @Path("/{officeId}/schedule")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Replace the weekly slot schedule (its admin or a national administrator); bookings made keep their time")
    public Uni<List<ScheduleSlot>> replaceSchedule(@PathParam("officeId") String officeId,
            @NotNull @Size(max = 200) List<@Valid @NotNull ScheduleSlot> slots) {
        user.requireAdminOf(officeId);
        return offices.replaceSchedule(officeId, slots.stream()
                .map(s -> new ScheduleEntry(s.dayOfWeek(), s.start(), s.capacity())).toList()).map(ScheduleSlot::of);
    }

    @GET
    @Path("/{officeId}/closures")
    @Authenticated
    @Operation(summary = "The office's own closure days")
    public Uni<RestResponse<List<Closure>>> closures(@PathParam("officeId") String officeId, @BeanParam PageParams paging) {
        return offices.closures(officeId, paging.request()).map(page -> Paged.response(page.map(Closure::of), paging));
    }

    @PUT
    @Path("/{officeId}/closures/{day}")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Close the office on a day (its admin or a national administrator)")
    public Uni<Closure> close(@PathParam("officeId") String officeId, @PathParam("day") LocalDate day, @Valid ClosureRequest body) {
        user.requireAdminOf(officeId);
        return offices.addClosure(officeId, day, body == null ? null : body.reason()).map(Closure::of);
    }

    @DELETE
    @Path("/{officeId}/closures/{day}")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Reopen a closed day (its admin or a national administrator)")
    public Uni<Void> reopen(@PathParam("officeId") String officeId, @PathParam("day") LocalDate day) {
        user.requireAdminOf(officeId);
        return offices.removeClosure(officeId, day).invoke(removed -> {
            if (!removed) {
                throw ProblemException.notFound("closure", day);
            }
        }).replaceWithVoid();
    }

    /** A slot of the weekly schedule. */
    public record ScheduleSlot(@NotNull DayOfWeek dayOfWeek, @NotNull LocalTime start, @Min(1) @Max(20) int capacity) {
        static List<ScheduleSlot> of(List<WeeklySlot> slots) {
            return slots.stream().map(s -> new ScheduleSlot(DayOfWeek.of(s.dayOfWeek), s.startTime, s.capacity)).toList();
        }
    }

    public record ClosureRequest(@Size(max = 200) String reason) {
    }

    public record Closure(LocalDate day, String reason) {
        static Closure of(OfficeClosure c) {
            return new Closure(c.day, c.reason);
        }
    }
}
