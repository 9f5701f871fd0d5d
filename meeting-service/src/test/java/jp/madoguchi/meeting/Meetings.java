package jp.madoguchi.meeting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** What the meeting tests look at, as staff, the notification service and an integrator see it. */
final class Meetings {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Meetings() {
    }

    /** The service's clock at {@code when} (and running on from there). */
    static void at(TestClock clock, OffsetDateTime when) {
        clock.reset();
        clock.advance(Duration.between(OffsetDateTime.now(), when));
    }

    /** The meeting of a reservation of Kaga, once its status is {@code status}, as Kaga's counselor sees it. */
    static JsonPath awaitStatus(UUID reservation, String status) {
        await().atMost(WAIT).untilAsserted(() -> staffView(reservation).then().statusCode(200).body("status", equalTo(status)));
        return staffView(reservation).then().extract().jsonPath();
    }

    static io.restassured.response.Response staffView(UUID reservation) {
        return given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/meetings/" + reservation);
    }

    /** The meeting events of one reservation so far, of the type whose name ends so. */
    static List<EventLog.Event> events(UUID reservation, String type) {
        return EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.meetings").stream()
                .filter(e -> reservation.toString().equals(e.key()) && e.type().endsWith(type)).toList();
    }

    /** Join URL and passcode, as the notification service fetches them for the invitation. */
    static JsonPath access(UUID reservation) {
        return given().auth().oauth2(Tokens.service("notification-service")).get("/internal/meetings/" + reservation)
                .then().statusCode(200).extract().jsonPath();
    }

    /** The join page's address: at the simulator, a process of its own. */
    static String joinUrl(UUID reservation) {
        return access(reservation).getString("joinUrl");
    }
}
