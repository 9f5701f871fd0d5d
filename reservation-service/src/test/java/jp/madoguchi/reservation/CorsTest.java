package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.madoguchi.platform.problem.Problem;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * A My Page on its own origin can call the API with the person's token; a page on any other origin cannot, so a
 * stranger's site cannot use a signed-in person's browser against the service. (Every service shares this setting
 * from the platform; the browser tests prove the real pages through it.)
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class CorsTest {

    private static final String ALLOWED = ServiceTestResource.FRONT_END_ORIGIN;

    @Test
    void theFrontEndsOriginMayApplyWithABearerTokenAndReadThePagingHeaders() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,accept-language")
                .options("/api/reservations")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Allow-Headers", containsString("authorization"));

        given().header("Origin", ALLOWED).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Expose-Headers", containsString("X-Total-Count"))
                .header("Access-Control-Expose-Headers", containsString("Link"));
    }

    @Test
    void theServicesOwnPagesAreNotCrossOrigin() {
        // the Swagger UI a service serves sends its own origin on a POST; that is no stranger
        String own = RestAssured.baseURI + ":" + RestAssured.port;
        given().header("Origin", own).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices")
                .then().statusCode(200);
    }

    @Test
    void anyOtherOriginIsRefusedBeforeTheRequestReachesTheApi() {
        String stranger = "https://mypage.example.com";
        given().header("Origin", stranger).header("Access-Control-Request-Method", "POST")
                .options("/api/reservations")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        // a request sent anyway (a simple GET needs no preflight) is refused too, token or not
        given().header("Origin", stranger).header("Accept-Language", "en").auth().oauth2(Tokens.of("seeker-kaga"))
                .get("/api/reservations")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .contentType(Problem.MEDIA_TYPE).body("type", equalTo(Problem.TYPE_PREFIX + "origin-not-allowed"))
                .body("detail", containsString(stranger));
        // a look-alike of the allowed origin is another origin
        given().header("Origin", ALLOWED + ".evil.example").auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices")
                .then().statusCode(403);
    }
}
