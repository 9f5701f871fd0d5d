package jp.madoguchi.consent.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.ConsentView;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

@Path("/api/staff/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff: consents")
@RolesAllowed({Roles.COUNSELOR, Roles.OFFICE_ADMIN})
public class StaffConsentResource {

    private final ConsentService service;
    private final CurrentUser user;

    public StaffConsentResource(ConsentService service, CurrentUser user) {
        this.service = service;
        this.user = user;
    }

    @GET
    @Operation(summary = "A person's consents at my office, newest first")
    public Uni<RestResponse<List<ConsentView>>> of(@RestQuery @NotBlank String userId, @BeanParam PageParams paging) {
        return service.historyAt(userId, user.requireOffice(), paging.request())
                .map(page -> Paged.response(page.map(ConsentView::of), paging));
    }
}
