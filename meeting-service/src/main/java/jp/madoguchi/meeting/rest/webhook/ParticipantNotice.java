package jp.madoguchi.meeting.rest.webhook;

import java.time.OffsetDateTime;
import java.util.Set;

/** A participant event as the meeting manager posts it to the webhook (see TELEOFFICE.md). */
public record ParticipantNotice(String meetingId, String event, String role, String deviceId, OffsetDateTime at) {

    private static final Set<String> EVENTS = Set.of("JOINED", "LEFT");
    private static final Set<String> ROLES = Set.of("SEEKER", "EMPLOYER", "COUNSELOR", "COMPANION");

    /** Whether it is what the contract says the meeting manager sends: a meeting, JOINED or LEFT, and a known role. */
    public boolean conforms() {
        // Set.of refuses to look up null: test for it first
        return meetingId != null && !meetingId.isBlank() && meetingId.length() <= 100 && event != null
                && EVENTS.contains(event) && role != null && ROLES.contains(role)
                && (deviceId == null || deviceId.length() <= 200);
    }
}
