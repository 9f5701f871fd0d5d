package jp.madoguchi.teleoffice;

import java.time.OffsetDateTime;

/** A participant event as the meeting manager posts it to the webhook (see TELEOFFICE.md). */
public record ParticipantNotice(String meetingId, String event, String role, String deviceId, OffsetDateTime at) {
}
