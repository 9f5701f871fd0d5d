package jp.madoguchi.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Events other services would send, for a service's own tests. */
public final class Events {

    private Events() {
    }

    /** Any reservation event, as the reservation service would publish it. */
    public static void reservation(String type, UUID id, String officeId, String state, OffsetDateTime start) {
        String json = String.format("{\"reservationId\":\"%s\",\"officeId\":\"%s\",\"userId\":\"some-seeker\","
                + "\"userKind\":\"SEEKER\",\"kind\":\"REGULAR\",\"state\":\"%s\",\"slotStart\":\"%s\",\"slotEnd\":\"%s\"}",
                id, officeId, state, start, start.plusMinutes(30));
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations", "jp.madoguchi.reservation." + type + ".v1",
                "/madoguchi/reservation-service", id.toString(), json);
    }

    /** A {@code ReservationRequested} from the reservation service; returns the reservation id. */
    public static UUID reservationRequested(String userId, String officeId) {
        UUID id = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(9)).plusDays(7).withHour(14)
                .truncatedTo(ChronoUnit.HOURS);
        String json = String.format("{\"reservationId\":\"%s\",\"officeId\":\"%s\",\"userId\":\"%s\","
                + "\"userKind\":\"SEEKER\",\"slotStart\":\"%s\",\"slotEnd\":\"%s\",\"requestedAt\":\"%s\"}",
                id, officeId, userId, start, start.plusMinutes(30), OffsetDateTime.now(ZoneOffset.UTC));
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations",
                "jp.madoguchi.reservation.ReservationRequested.v1", "/madoguchi/reservation-service", id.toString(), json);
        return id;
    }
}
