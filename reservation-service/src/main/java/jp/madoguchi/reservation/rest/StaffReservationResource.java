package jp.madoguchi.reservation.rest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.entity.ReservationState;
import jp.madoguchi.reservation.mapping.ReservationMapper;
import jp.madoguchi.reservation.mapping.StaffReservationView;
import jp.madoguchi.reservation.policy.OfficePolicy.Channel;
import jp.madoguchi.reservation.service.AdHocService;
import jp.madoguchi.reservation.service.OnBehalfApplications;
import jp.madoguchi.reservation.service.StaffService;

/** The staff console: the caller's own office only; another office's reservations are "not found". */
@Path("/api/staff/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: reservations")
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
public class StaffReservationResource {

    private final StaffService staff;
    private final AdHocService adHoc;
    private final OnBehalfApplications onBehalf;
    private final ReservationMapper mapper;
    private final CurrentUser user;

    public StaffReservationResource(StaffService staff, AdHocService adHoc, OnBehalfApplications onBehalf,
            ReservationMapper mapper, CurrentUser user) {
        this.staff = staff;
        this.adHoc = adHoc;
        this.onBehalf = onBehalf;
        this.mapper = mapper;
        this.user = user;
    }

    @POST
    @Operation(summary = "Enter an application taken by phone or at the counter (仮予約), for my office",
            description = "The same rules, limits and answers as an application on My Page; the person needs no My Page "
                    + "account. Where the office's application is the person's own mail (applicationMailSubject, Kabe), "
                    + "the entry is a tentative booking awaiting that mail: the email may be left out, and the booking "
                    + "is confirmed when the mail arrives.")
    @APIResponse(responseCode = "201", description = "Entered (仮予約); Location names it",
            content = @Content(schema = @Schema(implementation = StaffReservationView.class)))
    public Uni<RestResponse<StaffReservationView>> enter(@Valid @NotNull StaffApplicationRequest body) {
        return onBehalf.enter(body.toApplication(user.requireOffice()), user.id())
                .map(r -> RestResponse.ResponseBuilder.<StaffReservationView>created(URI.create("/api/staff/reservations/" + r.id))
                        .entity(mapper.toStaffView(r)).build());
    }

    @GET
    @Operation(summary = "My office's reservations, by start; optionally of one state (e.g. the REQUESTED queue)")
    public Uni<RestResponse<List<StaffReservationView>>> list(@RestQuery("state") ReservationState state,
            @BeanParam PageParams paging) {
        return staff.queue(user.requireOffice(), state, paging.request())
                .map(page -> Paged.response(page.map(mapper::toStaffView), paging));
    }

    @GET
    @Path("/overdue")
    @Operation(summary = "Requests past the office's answer deadline")
    public Uni<RestResponse<List<StaffReservationView>>> overdue(@BeanParam PageParams paging) {
        return staff.overdue(user.requireOffice(), paging.request())
                .map(page -> Paged.response(page.map(mapper::toStaffView), paging));
    }

    @GET
    @Path("/no-show-reviews")
    @Operation(summary = "No-shows waiting for staff review, oldest first",
            description = "Where the office's policy sends no-shows to review (noShowOutcome REVIEW) rather than "
                    + "suspending at once.")
    public Uni<RestResponse<List<StaffReservationView>>> noShowReviews(@BeanParam PageParams paging) {
        return staff.noShowReviews(user.requireOffice(), paging.request())
                .map(page -> Paged.response(page.map(mapper::toStaffView), paging));
    }

    @POST
    @Path("/{id}/no-show-review")
    @Operation(summary = "Decide on a no-show: excuse it, or refuse further online use",
            description = "REFUSE records a refusal of service and cancels the person's other open bookings at the "
                    + "office. 409 when the booking is no no-show under review or was reviewed already.")
    public Uni<StaffReservationView> reviewNoShow(@PathParam("id") UUID id, @Valid @NotNull NoShowReviewRequest body) {
        return staff.reviewNoShow(id, user.requireOffice(), body.decision(), body.note(), user.id()).map(mapper::toStaffView);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One reservation of my office")
    public Uni<StaffReservationView> get(@PathParam("id") UUID id) {
        return staff.get(id, user.requireOffice()).map(mapper::toStaffView);
    }

    @POST
    @Path("/{id}/confirm")
    @Operation(summary = "Confirm a request (本予約) into a slot with a counselor",
            description = "Defaults: the first preferred slot and the calling counselor. 409 when the slot is full or the "
                    + "counselor busy; 422 when too late for the lead time.")
    public Uni<StaffReservationView> confirm(@PathParam("id") UUID id, @Valid ConfirmRequest body) {
        OffsetDateTime start = body == null ? null : body.slotStart();
        String counselor = body == null || body.counselorId() == null ? user.id() : body.counselorId();
        return staff.confirm(id, user.requireOffice(), start, counselor, user.id()).map(mapper::toStaffView);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a request, with the reason")
    public Uni<StaffReservationView> reject(@PathParam("id") UUID id, @Valid @NotNull RejectRequest body) {
        return staff.reject(id, user.requireOffice(), body.reason()).map(mapper::toStaffView);
    }

    @POST
    @Path("/{id}/cancellation")
    @Operation(summary = "Record a cancellation the person made by phone or email",
            description = "422 when the office's rules do not take cancellations by that channel then "
                    + "(Kaga: on the day by phone only; Kabe: by phone only).")
    public Uni<StaffReservationView> cancel(@PathParam("id") UUID id, @Valid @NotNull CancellationRequest body) {
        return staff.recordCancellation(id, user.requireOffice(), body.channel(), body.note()).map(mapper::toStaffView);
    }

    @POST
    @Path("/{id}/follow-ups")
    @Operation(summary = "Book a further consultation during this one: confirmed at once",
            description = "By the consultation's counselor (403 otherwise), while it is under way or within an hour of "
                    + "its end (409 otherwise). No lead time applies. The details follow by phone (access code) or email "
                    + "(URL), as the office's policy allows (422 otherwise; Kabe: email only).")
    @APIResponse(responseCode = "201", description = "Booked and confirmed; Location names it",
            content = @Content(schema = @Schema(implementation = StaffReservationView.class)))
    public Uni<RestResponse<StaffReservationView>> followUp(@PathParam("id") UUID id, @Valid @NotNull FollowUpRequest body) {
        String counselor = body.counselorId() == null ? user.id() : body.counselorId();
        return staff.followUp(id, user.requireOffice(), body.slotStart(), body.detailDelivery(), counselor, user.id())
                .map(r -> RestResponse.ResponseBuilder.<StaffReservationView>created(URI.create("/api/staff/reservations/" + r.id))
                        .entity(mapper.toStaffView(r)).build());
    }

    @POST
    @Path("/ad-hoc")
    @Operation(summary = "Start an immediate (ad-hoc) session with the calling counselor, where the office offers them",
            description = "Needs the person's consent to the terms in force on record (409 otherwise: re-consent first). "
                    + "The access code goes to the My Page inbox or by call-back to the registered phone; a phone number "
                    + "change in the same request is refused (422).")
    @APIResponse(responseCode = "201", description = "Started; Location names it",
            content = @Content(schema = @Schema(implementation = StaffReservationView.class)))
    public Uni<RestResponse<StaffReservationView>> adHoc(@Valid @NotNull AdHocRequest body) {
        return adHoc.start(user.requireOffice(), body.userId(), body.userKind(), body.codeDelivery(), body.newPhone(), user.id())
                .map(r -> RestResponse.ResponseBuilder.<StaffReservationView>created(URI.create("/api/staff/reservations/" + r.id))
                        .entity(mapper.toStaffView(r)).build());
    }

    public record ConfirmRequest(
            @Schema(description = "Slot to confirm into; default: the first preference") OffsetDateTime slotStart,
            @Schema(description = "Keycloak id of the counselor; default: the caller") @Size(max = 100) String counselorId) {
    }

    public record NoShowReviewRequest(@NotNull StaffService.NoShowDecision decision, @Size(max = 500) String note) {
    }

    public record RejectRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record CancellationRequest(@NotNull Channel channel, @Size(max = 500) String note) {
    }

    public record AdHocRequest(@NotBlank @Size(max = 100) String userId, @NotNull Reservation.UserKind userKind,
            @Schema(description = "MYPAGE (inbox) or PHONE (call back to the registered number)")
            @NotNull Reservation.DetailDelivery codeDelivery,
            @Schema(description = "Must be empty: a number change is not taken with an ad-hoc request") String newPhone) {
    }

    public record FollowUpRequest(@NotNull OffsetDateTime slotStart, @NotNull Reservation.DetailDelivery detailDelivery,
            @Size(max = 100) String counselorId) {
    }
}
