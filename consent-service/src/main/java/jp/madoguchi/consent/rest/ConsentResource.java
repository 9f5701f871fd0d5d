package jp.madoguchi.consent.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.ConsentView;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "My Page consents")
public class ConsentResource {

    private final ConsentService service;
    private final CurrentUser user;

    public ConsentResource(ConsentService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @Path("/mine")
    @RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
    @Operation(summary = "My consents, newest first")
    public Uni<List<ConsentView>> mine() {
        return service.history(user.id()).map(list -> list.stream().map(ConsentView::of).toList());
    }
}
