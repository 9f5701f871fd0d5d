package jp.madoguchi.reservation.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.madoguchi.reservation.entity.Reservation;
import jp.madoguchi.reservation.service.Application;

/**
 * What an application carries, per the offices' terms: name, seeker number, desired times, contact email,
 * the phone number registered with the office; the counselor's name where the office asks for it; and
 * anyone who must attend too (interpreter, caregiver), declared in advance.
 */
@Schema(description = "An application for an online consultation")
public record ApplyRequest(
        @Schema(examples = "kaga") @NotBlank String officeId,
        @Schema(examples = "加賀 太郎") @NotBlank @Size(max = 100) String name,
        @Schema(description = "求職番号: 5 digits, a hyphen, 8 digits. Registered seekers give theirs; someone about to "
                + "register leaves it out, where the office takes them (Kaga)", examples = "17010-20260001")
        @Pattern(regexp = "\\d{5}-\\d{8}") String seekerNumber,
        @Schema(description = "Desired starts in order of preference (ISO 8601 with offset); see the office's availability",
                examples = "[\"2026-12-09T14:00:00+09:00\", \"2026-12-11T10:00:00+09:00\"]")
        @NotEmpty @Size(max = 5) List<@NotNull OffsetDateTime> preferredStarts,
        @Schema(examples = "taro.kaga@example.jp") @NotBlank @Email @Size(max = 254) String email,
        @Schema(description = "The phone number registered with the office", examples = "0761-00-1234")
        @NotBlank @Pattern(regexp = "0\\d{1,4}-?\\d{1,4}-?\\d{3,4}") String phone,
        @Schema(description = "Your counselor at the office, where the office asks for it (Kabe)", examples = "安佐")
        @Size(max = 100) String counselorName,
        @Schema(description = "Who will attend with you, declared in advance") Set<Application.@NotNull Companion> companions,
        @Schema(description = "Anything the office should know about the companions") @Size(max = 500) String companionNote) {

    /** The person's own application, made on My Page. */
    public Application toApplication() {
        return new Application(Reservation.Channel.ONLINE, officeId, name, seekerNumber, preferredStarts, email, phone,
                counselorName, null, companions, companionNote);
    }
}
