package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class ConsentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String consentsOf(String token, UUID reservationId, String field) {
        return given().auth().oauth2(token).get("/api/consents/mine")
                .then().statusCode(200)
                .extract().jsonPath().getString("find { it.reservationId == '" + reservationId + "' }." + field);
    }

    @Test
    void applyingCountsAsConsentToTheTermsInForceOnceEvenIfTheEventComesTwice() {
        String token = Tokens.of("seeker-kaga");
        String userId = Tokens.claim(token, "sub");
        UUID reservation = Events.reservationRequested(userId, "kaga");

        await().atMost(WAIT).until(() -> consentsOf(token, reservation, "method") != null);
        assertEquals("DEEMED_BY_APPLICATION", consentsOf(token, reservation, "method"));
        assertEquals("kaga-2023-06-15", consentsOf(token, reservation, "termsVersionId"));

        List<EventLog.Event> recorded = await().atMost(WAIT).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                        .filter(e -> e.data().contains(reservation.toString())).toList(),
                list -> !list.isEmpty());
        assertEquals("jp.madoguchi.consent.ConsentRecorded.v1", recorded.get(0).type());

        // the same event again: still one consent, still one ConsentRecorded
        EventLog.Event requested = EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream()
                .filter(e -> reservation.toString().equals(e.key())).findFirst().orElseThrow();
        EventLog.redeliver(requested);
        EventLog.awaitConsumed(ServiceTestResource.consumerGroup("consent-service", Stack.TOPIC_PREFIX), requested.record().topic(), requested.record().partition(), WAIT);
        long count = given().auth().oauth2(token).get("/api/consents/mine").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.reservationId == '" + reservation + "' }").size();
        assertEquals(1, count, "a redelivered event must not record a second consent");
        assertEquals(1, EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                .filter(e -> e.data().contains(reservation.toString())).count(), "nor publish a second ConsentRecorded");
    }

    @Test
    void consentsAreOnlyForTheirOwnerRole() {
        given().get("/api/consents/mine").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/consents/mine")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("seeker2-kaga")).get("/api/consents/mine")
                .then().statusCode(200);
    }

    @Test
    void anUnknownOfficeHasNoTerms() {
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/nowhere/terms/current")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/api/offices/kaga/terms/current").then().statusCode(401).contentType("application/problem+json");
    }
}
