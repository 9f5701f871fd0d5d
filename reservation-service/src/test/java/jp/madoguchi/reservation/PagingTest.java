package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.Pages;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/** Every list of the reservation service is paged the platform's way. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class PagingTest {

    private static final List<String> LISTS = List.of("/api/staff/reservations", "/api/staff/reservations/overdue",
            "/api/staff/restrictions");

    @Test
    void theStaffQueueAndMyReservationsArePagedWithoutOverlapAndKeepTheirFilter() {
        for (int i = 0; i < 3; i++) {
            Booking.requested("seeker2-kaga", "kaga", Booking.slot("kaga", 12, i));
        }
        for (String path : LISTS) {
            Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("counselor-kaga")), path);
            Pages.walk(() -> given().auth().oauth2(Tokens.of("counselor-kaga")), path, 2, "id");
        }
        List<String> requested = Pages.walk(() -> given().auth().oauth2(Tokens.of("counselor-kaga")),
                "/api/staff/reservations?state=REQUESTED", 2, "id");
        assertTrue(requested.size() >= 3, requested.toString());
        // the links keep the filter
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "REQUESTED").queryParam("size", 1)
                .get("/api/staff/reservations").then().statusCode(200)
                .header("Link", containsString("state=REQUESTED")).header("Link", containsString("rel=\"next\""));

        Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("seeker2-kaga")), "/api/reservations");
        List<String> mine = Pages.walk(() -> given().auth().oauth2(Tokens.of("seeker2-kaga")), "/api/reservations", 2, "id");
        assertTrue(mine.size() >= 3, mine.toString());
        // far past the end: an empty page, a way back, no way on
        given().auth().oauth2(Tokens.of("seeker2-kaga")).queryParam("page", 1000).get("/api/reservations")
                .then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0))
                .header("Link", containsString("rel=\"prev\"")).header("Link", not(containsString("rel=\"next\"")));
    }

    @Test
    void officesAndClosuresArePagedToo() {
        Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/offices");
        List<String> offices = Pages.walk(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/offices", 1, "id");
        assertTrue(offices.containsAll(List.of("kaga", "kabe")), offices.toString());
        Pages.rejectsBadParameters(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/offices/kaga/closures");
        Pages.walk(() -> given().auth().oauth2(Tokens.of("seeker-kaga")), "/api/offices/kaga/closures", 1, "day");
    }

    @Test
    void theOpenApiDocumentDescribesThePagingHeaders() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/staff/reservations'.get.responses.'200'.headers", org.hamcrest.Matchers.hasKey("Link"))
                .body("paths.'/api/staff/reservations'.get.responses.'200'.headers", org.hamcrest.Matchers.hasKey("X-Total-Count"))
                .body("paths.'/api/staff/reservations'.get.parameters.name", org.hamcrest.Matchers.hasItems("page", "size"));
    }
}
