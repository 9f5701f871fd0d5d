package jp.madoguchi.meeting.provider;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;

/** The video service behind Madoguchi's meetings. The TeleOffice contract is in meeting-service/TELEOFFICE.md. */
public interface TeleOfficeProvider {

    /**
     * Creates a meeting that can be joined between the two instants, recording disabled, whose participant events go
     * to {@code webhookUrl}. Idempotent: the same {@code idempotencyKey} (the reservation id) gives the same meeting,
     * so a call repeated after a crash or a lost answer creates nothing new.
     */
    Uni<ProvisionedMeeting> create(String idempotencyKey, String title, OffsetDateTime opensAt, OffsetDateTime closesAt,
            String webhookUrl);

    /** After this, the meeting cannot be joined. An unknown meeting fails with {@link UnknownMeeting}. */
    Uni<Void> revoke(String meetingId);

    /**
     * Ends the meeting now: whoever is in it is let go, nobody can enter any more, and its join page shows
     * {@code notice} (what happened, whom to phone). Repeating it changes nothing. An unknown meeting fails with
     * {@link UnknownMeeting}.
     */
    Uni<Void> end(String meetingId, String notice);

    record ProvisionedMeeting(String meetingId, String joinUrl, String passcode) {
    }

    /** The provider refused the request itself (4xx other than a wrong key): repeating it cannot help. */
    class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    class UnknownMeeting extends Refused {
        public UnknownMeeting(String meetingId) {
            super("unknown meeting " + meetingId);
        }
    }
}
