package jp.madoguchi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

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
 * Without the reservation service there are no contact details to send to: the message must wait and be
 * retried, never be dropped. (The happy path, with the real reservation service, is in the end-to-end tests.)
 */
@QuarkusTest
@TestProfile(DeliveryTest.NoContactDirectory.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class DeliveryTest {

    /** Every message is signed by its office, as the projection of office events holds it. */
    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    public static class NoContactDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 9: every contact lookup fails fast; three quick attempts, then a dead letter
            return Map.of("madoguchi.reservation-service.url", "http://localhost:9",
                    "madoguchi.notification.max-attempts", "3", "madoguchi.notification.first-retry", "PT1S");
        }
    }

    /** The first event of a run waits for the consumer group to form: on a busy machine, well over 20 s. */
    private static final Duration FIRST_EVENT = Duration.ofSeconds(60);

    @Test
    void aMessageThatCannotBeSentIsRetriedThenKeptAsADeadLetterThatStaffCanResend() {
        UUID reservation = Events.reservationRequested("some-seeker", "kaga");
        String staff = Tokens.of("counselor-kaga");
        String row = "find { it.reservationId == '" + reservation + "' }";

        await().atMost(FIRST_EVENT).untilAsserted(() -> given().auth().oauth2(staff)
                .get("/api/notifications")
                .then().statusCode(200)
                .body(row + ".status", equalTo("FAILED"))
                .body(row + ".attempts", greaterThanOrEqualTo(1))
                .body(row + ".lastError", notNullValue()));
        // after the last attempt: dead, listed among the dead letters, nothing dropped
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(staff)
                .queryParam("status", "DEAD").get("/api/notifications")
                .then().statusCode(200)
                .body(row + ".attempts", equalTo(3))
                .body(row + ".kind", equalTo("REQUEST_RECEIVED")));
        String id = given().auth().oauth2(staff).get("/api/notifications").then().extract().path(row + ".id");

        // another office's staff cannot touch it; its own staff send it again, with a fresh set of attempts
        given().auth().oauth2(Tokens.of("counselor-kabe")).post("/api/notifications/" + id + "/resend")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(staff).post("/api/notifications/" + id + "/resend")
                .then().statusCode(200).body("status", equalTo("QUEUED")).body("attempts", equalTo(0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(staff)
                .get("/api/notifications").then().statusCode(200)
                .body(row + ".attempts", greaterThanOrEqualTo(1)));
    }

    @Test
    void theDeliveryLogIsForStaffOfTheOfficeOnly() {
        UUID reservation = Events.reservationRequested("some-seeker", "kaga");
        await().atMost(FIRST_EVENT).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/notifications").then().statusCode(200)
                .body("find { it.reservationId == '" + reservation + "' }.kind", equalTo("REQUEST_RECEIVED")));
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/notifications")
                .then().statusCode(200)
                .body("find { it.reservationId == '" + reservation + "' }", equalTo(null));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/notifications")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/notifications").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theDeliveryLogTheInboxAndTheCallBackTasksArePaged() {
        for (int i = 0; i < 3; i++) {
            Events.reservationRequested("paging-seeker", "kaga");
        }
        // the first test of the class also waits for the consumer to join its group: a generous bound
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                .queryParam("size", 1).get("/api/notifications").then().statusCode(200)
                .extract().header("X-Total-Count"), total -> total != null && Long.parseLong(total) >= 3);
        for (String path : java.util.List.of("/api/notifications", "/api/callbacks", "/api/notifications?status=QUEUED")) {
            jp.madoguchi.testing.Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("counselor-kaga")), path);
            jp.madoguchi.testing.Pages.walk(() -> given().auth().oauth2(Tokens.of("counselor-kaga")), path, 2, "id");
        }
        jp.madoguchi.testing.Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/me/messages");
        jp.madoguchi.testing.Pages.walk(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/me/messages", 2, "id");
    }
}
