package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.Databases;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * While the database is away (a restart, a failover) a person is told to try again shortly: 503 with Retry-After,
 * as a problem document in their language, never a 500 that reads as a fault of theirs or of the service. The fault
 * suite saw a 500 for each application made while PostgreSQL restarted.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class DatabaseAwayTest {

    @Test
    void whileTheDatabaseIsAwayAPersonIsToldToTryAgainShortly() {
        String seeker = Tokens.of("seeker-kaga");
        given().auth().oauth2(seeker).get("/api/reservations").then().statusCode(200);
        Databases.refuse(Stack.get(), "reservation_test");
        try {
            given().auth().oauth2(seeker).header("Accept-Language", "ja").get("/api/reservations")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", endsWith("unavailable"))
                    .body("title", equalTo("ただいま一時的にご利用いただけません"))
                    .body("retryAfterSeconds", equalTo(5));
            given().auth().oauth2(seeker).header("Accept-Language", "en").get("/api/reservations")
                    .then().statusCode(503).body("title", equalTo("Temporarily unavailable"));
        } finally {
            Databases.accept(Stack.get(), "reservation_test");
        }
        // and once it is back, the same request is answered (the pool replaced the connections it lost)
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(seeker).get("/api/reservations")
                .statusCode() == 200);
    }
}
