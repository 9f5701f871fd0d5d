package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/** A re-consent request made the way production makes one: a booking held for revised terms, read from Kafka. */
final class ReconsentLinks {

    private ReconsentLinks() {
    }

    /** The request id of a new re-consent request for this Kaga reservation of {@code user}, session in nine days. */
    static String request(UUID reservation, String user) {
        return request(reservation, user, OffsetDateTime.now().plusDays(8));
    }

    /** The same, with the office's cut-off at {@code due}. */
    static String request(UUID reservation, String user, OffsetDateTime due) {
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.reservations", "jp.madoguchi.reservation.ReservationAwaitingReconsent.v1",
                "/madoguchi/reservation-service", reservation.toString(),
                Events.awaitingReconsentPayload(reservation, "kaga", user, OffsetDateTime.now().plusDays(9), due));
        List<EventLog.Event> requested = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                        .filter(e -> e.type().endsWith("ReconsentRequested.v1") && e.data().contains(reservation.toString()))
                        .toList(), l -> !l.isEmpty());
        return requested.get(0).data().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1");
    }

    /** The path of the signed link of a request ({@code /reconsent/<token>}), as notification-service reads it. */
    static String path(String requestId) {
        String url = given().auth().oauth2(Tokens.service("notification-service"))
                .get("/internal/reconsent-requests/" + requestId + "/link")
                .then().statusCode(200).extract().path("url");
        return url.substring(url.indexOf("/reconsent/"));
    }
}
