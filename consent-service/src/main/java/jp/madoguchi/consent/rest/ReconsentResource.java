package jp.madoguchi.consent.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.TermsDocumentView;
import jp.madoguchi.consent.service.ReconsentService;
import jp.madoguchi.consent.service.TermsService;
import jp.madoguchi.consent.service.ReconsentService.Link;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.platform.time.JapaneseDates;
import jp.madoguchi.consent.entity.ReconsentRequest;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one-click re-consent link from the email. The signed, expiring token in the URL is its credential:
 * no bearer token, by design (the person reads the email, not My Page). Opening the link only shows the
 * page; consent is recorded when the button is pressed, so mail scanners that follow links consent to nothing.
 */
@Path("/")
@Tag(name = "Re-consent")
public class ReconsentResource {

    private final ReconsentService reconsents;
    private final TermsService terms;
    private final Template page;
    private final Template termsPage;

    public ReconsentResource(ReconsentService reconsents, TermsService terms, @Location("reconsent.html") Template page,
            @Location("terms.html") Template termsPage) {
        this.reconsents = reconsents;
        this.terms = terms;
        this.page = page;
        this.termsPage = termsPage;
    }

    /**
     * Published terms are public documents: the page the re-consent email points to needs no sign-in. A draft is not
     * (404, like an unknown version); its admins preview it at {@code /api/offices/{officeId}/terms/{versionId}}.
     */
    @GET
    @Path("/terms/{officeId}/{versionId}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A version of an office's terms as a public page")
    public Uni<String> termsPage(@PathParam("officeId") String officeId, @PathParam("versionId") String versionId) {
        return terms.version(officeId, versionId, TermsService.Reader.PUBLIC).map(TermsDocumentView::of).map(doc -> termsPage.data("doc", doc).render());
    }

    @GET
    @Path("/reconsent/{token}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The re-consent page a signed link opens",
            description = "409 with a page saying the booking has lapsed once the office's cut-off has passed unanswered.")
    @APIResponse(responseCode = "200", description = "The page asking for consent",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The booking has lapsed: a page that says so and what to do now",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> show(@PathParam("token") String token) {
        return page(reconsents.open(token), false);
    }

    @POST
    @Path("/reconsent/{token}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Consent to the revised terms through the signed link",
            description = "The page then says that the booking stands; 409 with a page saying it has lapsed when the "
                    + "office's cut-off has passed.")
    @APIResponse(responseCode = "200", description = "The page saying that the booking stands",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The booking has lapsed: a page that says so and what to do now",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public Uni<RestResponse<String>> answer(@PathParam("token") String token, @RestHeader("X-Device-Id") String deviceId) {
        return page(reconsents.answer(token, deviceId), true);
    }

    /** The person reads a page, not a problem document: a lapsed booking is a page that says so and what to do now. */
    private Uni<RestResponse<String>> page(Uni<ReconsentRequest> request, boolean done) {
        return request.map(r -> RestResponse.ok(page.data("state", done ? "done" : "ask").data("officeId", r.officeId)
                        .data("versionId", r.termsVersionId).data("expiresAt", JapaneseDates.dateTime(r.expiresAt))
                        .data("slotStart", r.slotStart == null ? null : JapaneseDates.dateTime(r.slotStart)).render()))
                .onFailure(ProblemException.class).recoverWithUni(e -> {
                    ProblemException p = (ProblemException) e;
                    if (!"reconsent.expired".equals(p.type())) {
                        return Uni.createFrom().failure(e);
                    }
                    String expiredAt = (String) p.properties().get("expiredAt");
                    return Uni.createFrom().item(RestResponse.status(RestResponse.Status.CONFLICT, page.data("state", "lapsed")
                            .data("officeId", p.properties().get("officeId")).data("versionId", null)
                            .data("expiresAt", expiredAt == null ? null
                                    : JapaneseDates.dateTime(java.time.OffsetDateTime.parse(expiredAt)))
                            .data("slotStart", null).render()));
                });
    }

    @GET
    @Path("/internal/terms/{officeId}/{versionId}/page")
    @RolesAllowed(Roles.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public address of a version's page (service accounts only: for the revision notice)")
    public Uni<TermsService.PublicPage> termsPageAddress(@PathParam("officeId") String officeId,
            @PathParam("versionId") String versionId) {
        return terms.publicPage(officeId, versionId);
    }

    @GET
    @Path("/internal/reconsent-requests/{id}/link")
    @RolesAllowed(Roles.SERVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed link of a re-consent request (service accounts only: for the email)")
    public Uni<Link> link(@PathParam("id") UUID id) {
        return reconsents.link(id);
    }
}
