package jp.madoguchi.notification.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
import jp.madoguchi.notification.entity.InboundMail;
import jp.madoguchi.notification.mapping.InboundMailView;
import jp.madoguchi.notification.service.StaffMailService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/** Staff: mail people sent to the office's mailbox, and the queue of those a machine could not act on. */
@Path("/api/staff/mail")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
@Tag(name = "Staff: office mailbox")
public class StaffMailResource {

    private final StaffMailService mails;
    private final CurrentUser user;

    public StaffMailResource(StaffMailService mails, CurrentUser user) {
        this.mails = mails;
        this.user = user;
    }

    @GET
    @Operation(summary = "My office's received mail, newest first (state STAFF: the queue to read; NEW, DONE, IGNORED)")
    public Uni<RestResponse<List<InboundMailView.Line>>> list(@QueryParam("state") InboundMail.State state,
            @BeanParam PageParams paging) {
        return mails.list(user.requireOffice(), state, paging.request())
                .map(page -> Paged.response(page.map(InboundMailView::line), paging));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One mail with its text (until the retention period purges it)")
    public Uni<InboundMailView.Detail> get(@PathParam("id") UUID id) {
        return mails.get(id, user.requireOffice()).map(InboundMailView::detail);
    }

    @POST
    @Path("/{id}/done")
    @Operation(summary = "Mark a mail in the queue as dealt with; 409 for one that is not in the queue")
    public Uni<InboundMailView.Detail> done(@PathParam("id") UUID id) {
        return mails.done(id, user.requireOffice(), user.id()).map(InboundMailView::detail);
    }
}
