package jp.madoguchi.reservation.rest.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.platform.security.Roles;
import jp.madoguchi.reservation.mapping.MailOutcomeView;
import jp.madoguchi.reservation.service.MailChannelService;

/**
 * The office mailboxes, as the notification service reads them with its service account: applications and
 * cancellations people send by mail. Every call names the mail's Message-ID; the same mail again changes nothing.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Service to service")
@RolesAllowed(Roles.SERVICE)
public class MailChannelResource {

    private final MailChannelService mails;

    public MailChannelResource(MailChannelService mails) {
        this.mails = mails;
    }

    @POST
    @Path("/offices/{officeId}/application-mails")
    @Operation(summary = "An application mail to the office's mailbox (service accounts only)",
            description = "Completes and confirms the tentative booking taken by phone or at the counter for the seeker "
                    + "number (COMPLETED), or, none awaiting, is an application of its own under the usual rules "
                    + "(NEW_REQUEST; 4xx problems as on My Page). 409 office.no-application-mail where the office takes "
                    + "no application by mail.")
    public Uni<MailOutcomeView> application(@PathParam("officeId") @Size(max = 40) String officeId,
            @Valid @NotNull ApplicationMailRequest body) {
        return mails.application(officeId, new MailChannelService.ApplicationMail(body.messageId(), body.name(),
                body.seekerNumber(), body.preferredStarts(), body.email(), body.phone(), body.counselorName()))
                .map(MailOutcomeView::of);
    }

    @POST
    @Path("/reservations/{id}/cancellation")
    @Operation(summary = "A cancellation by mail (service accounts only)",
            description = "403 reservation.not-the-applicant unless the sender is the booking's email; 409 "
                    + "reservation.cancel-by-phone or reservation.cancel-same-day-by-phone (with officePhone) where the "
                    + "office takes no mail cancellation then.")
    public Uni<MailOutcomeView> cancellation(@PathParam("id") UUID id, @Valid @NotNull CancellationMailRequest body) {
        return mails.cancellation(id, body.sender(), body.messageId()).map(MailOutcomeView::of);
    }

    public record ApplicationMailRequest(
            @NotBlank @Size(max = 998) String messageId,
            @NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "\\d{5}-\\d{8}") String seekerNumber,
            @NotEmpty @Size(max = 5) List<@NotNull OffsetDateTime> preferredStarts,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Pattern(regexp = "0\\d{1,4}-?\\d{1,4}-?\\d{3,4}") String phone,
            @Size(max = 100) String counselorName) {
    }

    public record CancellationMailRequest(@NotBlank @Email @Size(max = 254) String sender,
            @NotBlank @Size(max = 998) String messageId) {
    }
}
