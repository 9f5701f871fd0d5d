package jp.madoguchi.meeting.provider;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;

/** The video service behind Madoguchi's meetings. The TeleOffice contract is in meeting-service/TELEOFFICE.md. */
public interface TeleOfficeProvider {

    /** Creates a meeting that can be joined between the two instants, recording disabled. */
    Uni<ProvisionedMeeting> create(String title, OffsetDateTime opensAt, OffsetDateTime closesAt, String webhookUrl);

    /** After this, the meeting cannot be joined. */
    Uni<Void> revoke(String meetingId);

    record ProvisionedMeeting(String meetingId, String joinUrl, String passcode) {
    }
}
