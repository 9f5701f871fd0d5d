package jp.madoguchi.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Events other services would send, for a service's own tests. The payloads have the shape their producers write
 * (every field, null where it does not apply), so they pass the contract check of {@link EventLog#publish}.
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** Any reservation event, as the reservation service would publish it. */
    public static void reservation(String type, UUID id, String officeId, String state, OffsetDateTime start) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations", "jp.madoguchi.reservation." + type + ".v1",
                "/madoguchi/reservation-service", id.toString(), reservationPayload(id, officeId, "some-seeker", state, start));
    }

    /** A {@code ReservationRequested} from the reservation service; returns the reservation id. */
    public static UUID reservationRequested(String userId, String officeId) {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(7).withHour(14)
                .truncatedTo(ChronoUnit.HOURS);
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations",
                "jp.madoguchi.reservation.ReservationRequested.v1", "/madoguchi/reservation-service", id.toString(),
                reservationPayload(id, officeId, userId, "REQUESTED", start));
        return id;
    }

    /** The payload of every reservation event (ReservationChanged v1): a regular 30-minute booking of a seeker. */
    public static String reservationPayload(UUID id, String officeId, String userId, String state, OffsetDateTime start) {
        ObjectNode p = JSON.createObjectNode().put("reservationId", id.toString()).put("officeId", officeId)
                .put("userId", userId).put("userKind", "SEEKER").put("kind", "REGULAR").put("state", state)
                .put("slotStart", time(start)).put("slotEnd", time(start.plusMinutes(30)))
                .putNull("counselorId").putNull("detailDelivery").putNull("cancelChannel").putNull("parentId")
                .put("requestedAt", time(OffsetDateTime.now(ZoneOffset.UTC))).putNull("responseDueAt")
                .putNull("termsVersionId");
        return p.toString();
    }

    /**
     * A {@code ReservationAwaitingReconsent} payload: the booking waits for consent to revised terms until
     * {@code due}, the office's cut-off as the reservation service computed it.
     */
    public static String awaitingReconsentPayload(UUID id, String officeId, String userId, OffsetDateTime start,
            OffsetDateTime due) {
        try {
            ObjectNode p = (ObjectNode) JSON.readTree(reservationPayload(id, officeId, userId, "AWAITING_RECONSENT", start));
            return p.put("reconsentDueAt", time(due)).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TermsRevised payload as the consent service writes it. */
    public static String termsRevisedPayload(String officeId, String versionId, LocalDate effectiveFrom) {
        return JSON.createObjectNode().put("officeId", officeId).put("termsVersionId", versionId)
                .putNull("previousVersionId").put("enactedOn", effectiveFrom.toString())
                .put("effectiveFrom", effectiveFrom.toString()).put("changeNotice", "test revision")
                .put("publishedAt", time(OffsetDateTime.now(ZoneOffset.UTC))).toString();
    }

    /** A ConsentRecorded payload as the consent service writes it. */
    public static String consentRecordedPayload(String userId, String officeId, String versionId, String method) {
        return JSON.createObjectNode().put("consentId", UUID.randomUUID().toString()).put("userId", userId)
                .put("officeId", officeId).put("termsVersionId", versionId).put("method", method)
                .putNull("reservationId").put("recordedAt", time(OffsetDateTime.now(ZoneOffset.UTC))).toString();
    }

    /** A meeting event's payload (MeetingChanged v1) as the meeting service writes it, for a meeting starting now. */
    public static String meetingPayload(String reservationId, String officeId, String status) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        return JSON.createObjectNode().put("meetingId", UUID.randomUUID().toString()).put("reservationId", reservationId)
                .put("officeId", officeId).put("status", status).put("startsAt", time(start))
                .put("opensAt", time(start.minusMinutes(10))).put("closesAt", time(start.plusMinutes(30)))
                .putNull("role").put("at", time(OffsetDateTime.now(ZoneOffset.UTC))).toString();
    }

    /**
     * As Jackson writes it: always with seconds. {@code OffsetDateTime.toString()} drops zero seconds ("14:00+09:00"),
     * which is not an RFC 3339 date-time.
     */
    private static String time(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
