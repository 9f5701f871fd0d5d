package jp.madoguchi.consent.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.ConsentView;
import jp.madoguchi.consent.mapping.TermsDocumentView;
import jp.madoguchi.consent.service.ConsentService;
import jp.madoguchi.consent.service.TermsService;
import jp.madoguchi.consent.service.TermsService.ArticleChange;
import jp.madoguchi.consent.service.TermsService.ArticleText;
import jp.madoguchi.platform.paging.PageParams;
import jp.madoguchi.platform.paging.Paged;
import jp.madoguchi.platform.security.CurrentUser;
import jp.madoguchi.platform.security.Roles;

/** An office's terms of use: read by anyone signed in, written by the office's admin, accepted by its users. */
@Path("/api/offices/{officeId}/terms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Terms of use")
public class TermsResource {

    private final TermsService terms;
    private final ConsentService consents;
    private final CurrentUser user;
    private final Template page;

    public TermsResource(TermsService terms, ConsentService consents, CurrentUser user,
            @Location("terms.html") Template page) {
        this.terms = terms;
        this.consents = consents;
        this.user = user;
        this.page = page;
    }

    @GET
    @Path("/current")
    @Authenticated
    @Operation(summary = "The terms in force today, article by article, dates also in the Japanese era (令和)")
    public Uni<TermsDocumentView> current(@PathParam("officeId") String officeId) {
        return terms.current(officeId).map(TermsDocumentView::of);
    }

    @GET
    @Path("/current")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The terms in force today, as a readable page")
    public Uni<String> currentPage(@PathParam("officeId") String officeId) {
        return terms.current(officeId).map(TermsDocumentView::of).map(doc -> page.data("doc", doc).render());
    }

    @GET
    @Authenticated
    @Operation(summary = "The versions of the office's terms, newest first",
            description = "Published and superseded versions; the office's own admins see its drafts too.")
    public Uni<RestResponse<List<VersionSummary>>> history(@PathParam("officeId") String officeId,
            @BeanParam PageParams paging) {
        return terms.history(officeId, reader(), paging.request())
                .map(page -> Paged.response(page.map(VersionSummary::of), paging));
    }

    @GET
    @Path("/{versionId}")
    @Authenticated
    @Operation(summary = "One version of the office's terms",
            description = "A draft is visible only to the office's admins; to anyone else it is 404, like an unknown version.")
    public Uni<TermsDocumentView> version(@PathParam("officeId") String officeId, @PathParam("versionId") String versionId) {
        return terms.version(officeId, versionId, reader()).map(TermsDocumentView::of);
    }

    @GET
    @Path("/{versionId}")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One version of the office's terms, as a readable page (the admins' preview of a draft)")
    public Uni<String> versionPage(@PathParam("officeId") String officeId, @PathParam("versionId") String versionId) {
        return terms.version(officeId, versionId, reader()).map(TermsDocumentView::of)
                .map(doc -> page.data("doc", doc).render());
    }

    @GET
    @Path("/diff")
    @Authenticated
    @Operation(summary = "What changed between two versions, by article (ADDED, REMOVED, CHANGED, UNCHANGED)")
    public Uni<List<ArticleChange>> diff(@PathParam("officeId") String officeId, @RestQuery @NotBlank String from,
            @RestQuery @NotBlank String to) {
        return terms.diff(officeId, from, to, reader());
    }

    @POST
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Draft a new version (the office's admin, or a national administrator: an office's first terms)")
    @APIResponse(responseCode = "201", description = "Drafted; Location names it",
            content = @Content(schema = @Schema(implementation = TermsDocumentView.class)))
    public Uni<RestResponse<TermsDocumentView>> draft(@PathParam("officeId") @Pattern(regexp = OFFICE_ID) String officeId, @Valid @NotNull DraftRequest body) {
        user.requireAdminOf(officeId);
        return terms.createDraft(officeId, body.id(), body.title(), body.enactedOn(), body.effectiveFrom(),
                        body.changeNotice(), body.articlesText())
                .map(d -> RestResponse.ResponseBuilder.<TermsDocumentView>created(
                        URI.create("/api/offices/" + officeId + "/terms/" + d.version().id)).entity(TermsDocumentView.of(d)).build());
    }

    @PUT
    @Path("/{versionId}")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Change a draft; a published version is immutable (409)")
    public Uni<TermsDocumentView> update(@PathParam("officeId") @Pattern(regexp = OFFICE_ID) String officeId, @PathParam("versionId") String versionId,
            @Valid @NotNull DraftRequest body) {
        user.requireAdminOf(officeId);
        return terms.updateDraft(officeId, versionId, body.title(), body.enactedOn(), body.effectiveFrom(),
                body.changeNotice(), body.articlesText()).map(TermsDocumentView::of);
    }

    @POST
    @Path("/{versionId}/publish")
    @RolesAllowed({Roles.OFFICE_ADMIN, Roles.NATIONAL_ADMIN})
    @Operation(summary = "Publish a draft: it becomes immutable, supersedes the earlier versions, and TermsRevised "
            + "announces it; bookings made under older terms then need their holders' consent")
    public Uni<TermsDocumentView> publish(@PathParam("officeId") @Pattern(regexp = OFFICE_ID) String officeId, @PathParam("versionId") String versionId) {
        user.requireAdminOf(officeId);
        return terms.publish(officeId, versionId).map(TermsDocumentView::of);
    }

    @POST
    @Path("/{versionId}/consent")
    @RolesAllowed({Roles.SEEKER, Roles.EMPLOYER})
    @Operation(summary = "Accept this version (explicit consent on My Page)",
            description = "X-Device-Id, if sent, is kept only as a keyed hash.")
    @APIResponse(responseCode = "201", description = "Consent recorded; Location names it",
            content = @Content(schema = @Schema(implementation = ConsentView.class)))
    public Uni<RestResponse<ConsentView>> accept(@PathParam("officeId") String officeId,
            @PathParam("versionId") String versionId, @RestHeader("X-Device-Id") String deviceId) {
        return consents.accept(user.id(), officeId, versionId, deviceId)
                .map(c -> RestResponse.ResponseBuilder.<ConsentView>created(URI.create("/api/consents/mine"))
                        .entity(ConsentView.of(c)).build());
    }

    /**
     * An office id as reservation-service opens them: a national administrator may write for any office, so the
     * path is held to ids an office can have (400) before it reaches the database or a Location header.
     */
    static final String OFFICE_ID = "[a-z][a-z0-9-]{1,39}";

    /** Drafts are read only by their office's admins and national administrators; everyone else reads what is published. */
    private TermsService.Reader reader() {
        if (user.is(Roles.NATIONAL_ADMIN)) {
            return TermsService.Reader.NATIONAL;
        }
        return user.is(Roles.OFFICE_ADMIN) ? TermsService.Reader.adminOf(user.office().orElse(null)) : TermsService.Reader.PUBLIC;
    }

    public record VersionSummary(String id, String status, LocalDate enactedOn, LocalDate effectiveFrom, String previousId) {
        static VersionSummary of(jp.madoguchi.consent.entity.TermsVersion v) {
            return new VersionSummary(v.id, v.status, v.enactedOn, v.effectiveFrom, v.previousId);
        }
    }

    public record DraftRequest(
            @Schema(examples = "kaga-2027-04-01") @NotBlank @Pattern(regexp = "[a-z0-9-]{3,60}") String id,
            @NotBlank @Size(max = 200) String title,
            @NotNull LocalDate enactedOn,
            @NotNull LocalDate effectiveFrom,
            @Schema(description = "What changes and when it takes effect (required to publish)") @Size(max = 2000) String changeNotice,
            @NotEmpty @Size(max = 60) List<@Valid @NotNull Article> articles) {

        public List<ArticleText> articlesText() {
            return articles.stream().map(a -> new ArticleText(a.number(), a.heading(), a.body())).toList();
        }
    }

    public record Article(@Schema(examples = "6の2") @NotBlank @Pattern(regexp = "\\d{1,3}(の\\d)?") String number,
            @NotBlank @Size(max = 100) String heading, @NotBlank @Size(max = 5000) String body) {
    }
}
