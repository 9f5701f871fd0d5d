package jp.madoguchi.consent.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.TermsVersionView;
import jp.madoguchi.consent.service.ConsentService;

@Path("/api/offices/{officeId}/terms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Terms of use")
@Authenticated
public class TermsResource {

    private final ConsentService service;

    public TermsResource(ConsentService service) {
        this.service = service;
    }

    @GET
    @Path("/current")
    @Operation(summary = "The version of the office's terms in force today")
    public Uni<TermsVersionView> current(@PathParam("officeId") String officeId) {
        return service.current(officeId).map(TermsVersionView::of);
    }
}
