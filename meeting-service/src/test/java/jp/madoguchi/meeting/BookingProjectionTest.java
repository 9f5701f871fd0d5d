package jp.madoguchi.meeting;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "meeting"))
class BookingProjectionTest {

    @Test
    void aRequestedReservationIsTrackedAndVisibleOnlyToItsOfficesStaff() {
        UUID reservation = Events.reservationRequested("some-seeker", "kaga");
        String kaga = Tokens.of("counselor-kaga");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(kaga)
                .get("/api/bookings/" + reservation)
                .then().statusCode(200).body("state", equalTo("REQUESTED")).body("officeId", equalTo("kaga")));

        // another office's staff learn nothing, not even that it exists
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/bookings/" + reservation)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/bookings/" + reservation)
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/bookings/" + reservation)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aMalformedIdFindsNothingRatherThanFailing() {
        given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/bookings/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
