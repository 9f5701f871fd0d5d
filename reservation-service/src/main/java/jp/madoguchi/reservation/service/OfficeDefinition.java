package jp.madoguchi.reservation.service;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jp.madoguchi.reservation.policy.OfficePolicy;

/**
 * Everything an office is opened with: what a national administrator sends, and what each seed office's data file
 * ({@code offices/*.json}) holds, field for field. Its terms of use are opened at consent-service, which owns them.
 */
public record OfficeDefinition(
        @Schema(examples = "nanao", description = "Short code used in URLs and staff identities; never changes")
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,39}") String id,
        @Schema(examples = "ハローワーク七尾") @NotBlank @Size(max = 100) String nameJa,
        @Schema(examples = "Hello Work Nanao") @NotBlank @Size(max = 100) String nameEn,
        @Schema(description = "The office's number (安定所番号): the first five digits of the seeker numbers it gives",
                examples = "17020") @Pattern(regexp = "\\d{5}") String officeCode,
        @Schema(examples = "0767-00-0000") @NotBlank @Pattern(regexp = Profile.PHONE) String phone,
        @Schema(examples = "Asia/Tokyo") @NotBlank @Size(max = 60) String timeZone,
        @Schema(description = "The From of the office's mail", examples = "ハローワーク七尾 オンライン相談 <online.nanao@madoguchi.example.jp>")
        @NotBlank @Size(max = 200) @Pattern(regexp = Profile.SENDER) String mailSender,
        @Schema(description = "The consultation mailbox people write to, where the office has one")
        @Email @Size(max = 254) String mailbox,
        @Valid @NotNull OfficePolicy policy,
        @NotNull @Size(max = 200) List<@Valid @NotNull ScheduleEntry> schedule,
        @Size(max = 400) List<@Valid @NotNull ClosureEntry> closures) {

    /** The profile part, as a national administrator changes it later. */
    @JsonIgnore
    public Profile profile() {
        return new Profile(nameJa, nameEn, officeCode, phone, timeZone, mailSender, mailbox);
    }

    /** What people see of the office and what its mail is signed with; a national administrator changes it. */
    public record Profile(
            @Schema(examples = "ハローワーク七尾") @NotBlank @Size(max = 100) String nameJa,
            @Schema(examples = "Hello Work Nanao") @NotBlank @Size(max = 100) String nameEn,
            @Schema(description = "The office's number (安定所番号): the first five digits of the seeker numbers it gives",
                    examples = "17020") @Pattern(regexp = "\\d{5}") String officeCode,
            @Schema(examples = "0767-00-0000") @NotBlank @Pattern(regexp = PHONE) String phone,
            @Schema(examples = "Asia/Tokyo") @NotBlank @Size(max = 60) String timeZone,
            @Schema(description = "The From of the office's mail", examples = "ハローワーク七尾 オンライン相談 <online.nanao@madoguchi.example.jp>")
            @NotBlank @Size(max = 200) @Pattern(regexp = SENDER) String mailSender,
            @Schema(description = "The consultation mailbox people write to, where the office has one")
            @Email @Size(max = 254) String mailbox) {

        static final String PHONE = "0\\d{1,4}-\\d{1,4}-\\d{3,4}";
        /** A display name and an address in angle brackets, or an address alone; no line breaks (no header injection). */
        static final String SENDER = "([^<>\\r\\n]*<[^<>@\\s]+@[^<>@\\s]+>|[^<>@\\s]+@[^<>@\\s]+)";

        @JsonIgnore
        @AssertTrue(message = "timeZone must be an IANA time zone such as Asia/Tokyo")
        public boolean isTimeZoneKnown() {
            if (timeZone == null) {
                return true;
            }
            try {
                ZoneId.of(timeZone);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }
    }

    /** A slot of the weekly schedule. */
    public record ScheduleEntry(@NotNull DayOfWeek dayOfWeek, @NotNull LocalTime start, @Min(1) @Max(20) int capacity) {
    }

    /** A day the office is closed. */
    public record ClosureEntry(@NotNull LocalDate day, @Size(max = 200) String reason) {
    }

    @JsonIgnore
    @AssertTrue(message = "timeZone must be an IANA time zone such as Asia/Tokyo")
    public boolean isTimeZoneKnown() {
        return profile().isTimeZoneKnown();
    }

    @JsonIgnore
    public List<ClosureEntry> closuresOrNone() {
        return closures == null ? List.of() : closures;
    }
}
