package jp.madoguchi.reservation.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.service.Application;

/** An application staff take down by phone or at the counter: what the person said, as an online one carries. */
@Schema(description = "An application taken by phone or at the counter")
public record StaffApplicationRequest(
        @Schema(description = "PHONE or COUNTER") @NotNull Reservation.Channel channel,
        @Schema(examples = "可部 花子") @NotBlank @Size(max = 100) String name,
        @Schema(description = "求職番号; left out only for someone about to register, where the office takes them",
                examples = "34060-20260001")
        @Pattern(regexp = "\\d{5}-\\d{8}") String seekerNumber,
        @NotEmpty @Size(max = 5) List<@NotNull OffsetDateTime> preferredStarts,
        @Schema(description = "Required unless the office's application mail will bring it (Kabe)")
        @Email @Size(max = 254) String email,
        @NotBlank @Pattern(regexp = "0\\d{1,4}-?\\d{1,4}-?\\d{3,4}") String phone,
        @Size(max = 100) String counselorName,
        @Schema(description = "Keycloak id of the counselor who is to hold the consultation, if known") @Size(max = 100)
        String counselorId,
        Set<Application.@NotNull Companion> companions,
        @Size(max = 500) String companionNote) {

    @AssertTrue(message = "staff enter applications taken by PHONE or at the COUNTER")
    @Schema(hidden = true)
    public boolean isStaffChannel() {
        return channel == null || channel == Reservation.Channel.PHONE || channel == Reservation.Channel.COUNTER;
    }

    public Application toApplication(String officeId) {
        return new Application(channel, officeId, name, seekerNumber, preferredStarts, email, phone, counselorName,
                counselorId, companions, companionNote);
    }
}
