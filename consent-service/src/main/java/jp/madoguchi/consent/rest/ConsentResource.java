package jp.madoguchi.consent.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.ConsentView;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.consent.service.ConsentService.Status;
import jp.madoguchi.consent.service.ReconsentService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My Page consents")
@RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
public class ConsentResource {

    private final ConsentService service;
    private final ReconsentService reconsents;
    private final CurrentUser user;

    public ConsentResource(ConsentService service, ReconsentService reconsents, CurrentUser user) {
        this.service = service;
        this.reconsents = reconsents;
        this.user = user;
    }

    @GET
    @Path("/mine")
    @Operation(summary = "My consents, newest first")
    public Uni<RestResponse<List<ConsentView>>> mine(@BeanParam PageParams paging) {
        return service.history(user.id(), paging.request()).map(page -> Paged.response(page.map(ConsentView::of), paging));
    }

    @GET
    @Path("/status")
    @Operation(summary = "Have I consented to the office's terms in force?")
    public Uni<Status> status(@RestQuery @NotBlank String officeId) {
        return service.status(user.id(), officeId);
    }

    @POST
    @Path("/reconsent/{requestId}")
    @Operation(summary = "Answer a re-consent request: consent to the revised terms, which confirms my booking again")
    public Uni<ConsentView> reconsent(@PathParam("requestId") UUID requestId, @RestHeader("X-Device-Id") String deviceId) {
        return reconsents.answerAsOwner(requestId, user.id(), deviceId).map(ConsentView::of);
    }
}
