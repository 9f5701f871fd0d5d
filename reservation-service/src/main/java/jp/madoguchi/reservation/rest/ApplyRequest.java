package jp.madoguchi.reservation.rest;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an application carries, per the offices' terms: name, seeker number, desired time, email, phone. */
@Schema(description = "An application for an online consultation")
public record ApplyRequest(
        @Schema(examples = "kaga") @NotBlank String officeId,
        @Schema(examples = "加賀 太郎") @NotBlank @Size(max = 100) String name,
        @Schema(description = "求職番号: 5 digits, a hyphen, 8 digits", examples = "17010-12345671")
        @NotBlank @Pattern(regexp = "\\d{5}-\\d{8}") String seekerNumber,
        @Schema(description = "Desired start, ISO 8601 with offset", examples = "2026-12-09T14:00:00+09:00")
        @NotNull OffsetDateTime desiredStart,
        @Schema(examples = "taro.kaga@example.jp") @NotBlank @Email @Size(max = 254) String email,
        @Schema(description = "The phone number registered with the office", examples = "0761-72-8609")
        @NotBlank @Pattern(regexp = "0\\d{1,4}-?\\d{1,4}-?\\d{3,4}") String phone) {
}
