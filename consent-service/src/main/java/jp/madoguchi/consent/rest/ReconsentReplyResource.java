package jp.madoguchi.consent.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.consent.mapping.ConsentView;
import jp.madoguchi.consent.service.ReconsentService;
import jp.madoguchi.platform.security.Roles;

/**
 * The notification service hands over a reply to a re-consent email that it read from the office's mailbox and
 * matched to the request (by the reply's reference to that email, from the booking's own address). Service accounts
 * only: the mail itself, and the person's address, stay in the notification service.
 */
@Path("/internal/reconsent-requests/{id}/replies")
@Tag(name = "Service to service")
@RolesAllowed(Roles.SERVICE)
public class ReconsentReplyResource {

    private final ReconsentService reconsents;

    public ReconsentReplyResource(ReconsentService reconsents) {
        this.reconsents = reconsents;
    }

    /** The reply's Message-ID (for the record) and when the office's mail server received it. */
    public record Reply(@NotBlank @Size(max = 998) String messageId, OffsetDateTime receivedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Consent by reply to the re-consent email (service accounts only)",
            description = "409 reconsent.already-answered when the request was answered before (by link, My Page or an "
                    + "earlier reply); 409 reconsent.expired when the mail reached the office after the cut-off.")
    public Uni<ConsentView> reply(@PathParam("id") UUID id, @Valid @NotNull Reply reply) {
        return reconsents.answerByReply(id, reply.receivedAt()).map(ConsentView::of);
    }
}
