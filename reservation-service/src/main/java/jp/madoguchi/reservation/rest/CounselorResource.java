package jp.madoguchi.reservation.rest;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.entity.Counselor;
import jp.madoguchi.reservation.service.StaffService;

/**
 * The counselors of the caller's office: whom its bookings may be given to. A counselor joins the roster by working
 * at the office (confirming, a follow-up, an ad-hoc session); the admin adds one beforehand.
 */
@Path("/api/staff/counselors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: counselors")
public class CounselorResource {

    private final StaffService staff;
    private final CurrentUser user;

    public CounselorResource(StaffService staff, CurrentUser user) {
        this.staff = staff;
        this.user = user;
    }

    @GET
    @RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
    @Operation(summary = "My office's counselors")
    public Uni<RestResponse<List<CounselorView>>> list(@BeanParam PageParams paging) {
        return staff.counselors(user.requireOffice(), paging.request())
                .map(page -> Paged.response(page.map(CounselorView::of), paging));
    }

    @PUT
    @Path("/{userId}")
    @RolesAllowed(Roles.OFFICE_ADMIN)
    @Operation(summary = "Put a counselor (Keycloak id) on my office's roster, or name them")
    public Uni<CounselorView> add(@PathParam("userId") @Size(max = 100) String userId, @Valid AddCounselor body) {
        return staff.addCounselor(user.requireOffice(), userId, body == null ? null : body.name()).map(CounselorView::of);
    }

    public record AddCounselor(@Size(max = 100) String name) {
    }

    public record CounselorView(String userId, String name, OffsetDateTime enrolledAt) {
        static CounselorView of(Counselor c) {
            return new CounselorView(c.userId, c.name, c.enrolledAt);
        }
    }
}
