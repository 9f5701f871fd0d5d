package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.ServiceTestResource;

/**
 * A My Page on its own origin reaches the API only if that origin is configured (issue 17): the test profile allows
 * the local My Page's origin, no other.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class CorsTest {

    private static final String MY_PAGE = "http://localhost:8080";

    @Test
    void preflightFromTheMyPageIsAllowed() {
        given().header("Origin", MY_PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type,Accept-Language")
                .when().options("/api/reservations")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(MY_PAGE))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Authorization"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Location"));
    }

    @Test
    void preflightFromAnotherOriginIsRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/reservations")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
