package jp.madoguchi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * A queued message is tried as soon as its transaction commits (PostgreSQL NOTIFY), not at the next poll: the poll
 * here runs once an hour, and so does the retry. The contact look-up fails at once (nothing listens on port 9), so
 * each attempt shows as one counted attempt without anything being sent.
 */
@QuarkusTest
@TestProfile(WakeOnCommitTest.HourlyPoll.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class WakeOnCommitTest {

    /** Every message is signed by its office, as the projection of office events holds it. */
    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("madoguchi.notification.dispatch-interval", "1h",
                    "madoguchi.notification.first-retry", "PT1H",
                    "madoguchi.reservation-service.url", "http://localhost:9");
        }
    }

    @Test
    void aQueuedMessageIsTriedWhenItCommitsNotAtTheNextPoll() {
        // the first event waits for the consumer group to form; the dispatcher also runs once at start, so only
        // the second message, queued well after that, proves the wake-up
        attemptedOnce(Events.reservationRequested("wake-seeker", "kaga"), Duration.ofSeconds(60));
        attemptedOnce(Events.reservationRequested("wake-seeker", "kaga"), Duration.ofSeconds(20));
    }

    private static void attemptedOnce(UUID reservation, Duration within) {
        String row = "find { it.reservationId == '" + reservation + "' }";
        await().atMost(within).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/notifications").then().statusCode(200)
                .body(row + ".status", equalTo("FAILED"))
                .body(row + ".attempts", equalTo(1)));
    }
}
