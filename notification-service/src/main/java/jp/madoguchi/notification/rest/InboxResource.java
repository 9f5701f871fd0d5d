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
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.notification.mapping.InboxMessageView;
import jp.madoguchi.notification.service.InboxService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/** My Page: the signed-in seeker's or employer's own messages (ad-hoc access codes arrive here). */
@Path("/api/me/messages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
@Tag(name = "My Page: inbox")
public class InboxResource {

    private final InboxService inbox;
    private final CurrentUser user;

    public InboxResource(InboxService inbox, CurrentUser user) {
        this.inbox = inbox;
        this.user = user;
    }

    @GET
    @Operation(summary = "My messages, newest first")
    public Uni<RestResponse<List<InboxMessageView>>> mine(@BeanParam PageParams paging) {
        return inbox.mine(user.id(), paging.request()).map(page -> Paged.response(page.map(InboxMessageView::of), paging));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of my messages; another person's answers 404")
    public Uni<InboxMessageView> one(@PathParam("id") UUID id) {
        return inbox.one(id, user.id()).map(InboxMessageView::of);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of my messages as read")
    public Uni<InboxMessageView> read(@PathParam("id") UUID id) {
        return inbox.markRead(id, user.id()).map(InboxMessageView::of);
    }
}
