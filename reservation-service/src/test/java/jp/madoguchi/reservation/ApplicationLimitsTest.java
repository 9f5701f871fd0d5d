package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/**
 * An application mails the address it gives, so each office caps a person's open requests and applications per
 * day (its policy). The caps hold per person and office: another person, or the same person at another office, is
 * not affected; the daily one opens again the next day.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class ApplicationLimitsTest {

    @Inject
    TestClock clock;

    /** Free slots from ten days on, per office, read once per test: each application takes its own. */
    private final Map<String, List<OffsetDateTime>> slots = new java.util.HashMap<>();

    @org.junit.jupiter.api.BeforeEach
    void generousFirst() {
        // before this class tightens them, so that a later Booking.apply does not loosen them in the middle
        Booking.ensureGenerousLimits();
    }

    @AfterEach
    void generousAgain() {
        clock.reset();
        Booking.limits("kaga", 50, 100);
        Booking.limits("kabe", 50, 100);
    }

    /** Earlier tests leave requests of the shared demo users open: the office answers them first (rejects). */
    private static void answerOpenRequests(String user, String office) {
        String userId = Tokens.claim(Tokens.of(user), "sub");
        String staff = Tokens.of("counselor-" + office);
        List<String> open = given().auth().oauth2(staff).queryParam("state", "REQUESTED").queryParam("size", 100)
                .get("/api/staff/reservations").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.userId == '" + userId + "' }.id");
        for (String id : open) {
            given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("reason", "test"))
                    .post("/api/staff/reservations/" + id + "/reject").then().statusCode(200);
        }
    }

    private OffsetDateTime slot(String office, int n) {
        return slots.computeIfAbsent(office, o -> {
            LocalDate after = LocalDate.now(Booking.JST).plusDays(10);
            return Booking.openSlots(o, 45).stream().map(x -> OffsetDateTime.parse((String) x.get("start")))
                    .filter(t -> !t.atZoneSameInstant(Booking.JST).toLocalDate().isBefore(after)).toList();
        }).get(n);
    }

    @Test
    void openRequestsAreCappedPerPersonAndOfficeAndAnAnswerFreesAPlace() {
        answerOpenRequests("seeker-kaga", "kaga");
        answerOpenRequests("seeker-kabe", "kabe");
        Booking.limits("kaga", 2, 100);
        Booking.limits("kabe", 1, 100);

        String first = Booking.requested("seeker-kaga", "kaga", slot("kaga", 0));
        Booking.requested("seeker-kaga", "kaga", slot("kaga", 1));
        Booking.apply("seeker-kaga", "kaga", slot("kaga", 2)).then().statusCode(409)
                .contentType(Booking.PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.too-many-open-requests"))
                .body("title", equalTo("未回答のお申込みが多すぎます"))
                .body("limit", equalTo(2))
                .body("officePhone", equalTo("0761-00-0000"));
        String token = Tokens.of("seeker-kaga");
        given().auth().oauth2(token).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(Booking.application("kaga", Tokens.claim(token, "seeker_number"), slot("kaga", 2)))
                .post("/api/reservations").then().statusCode(409).body("title", equalTo("Too many open applications"));

        // another person at the same office is not affected; another office counts its own (Kabe takes two)
        Booking.requested("seeker2-kaga", "kaga", slot("kaga", 2));
        Booking.requested("seeker-kabe", "kabe", slot("kabe", 0));
        Booking.apply("seeker-kabe", "kabe", slot("kabe", 1)).then().statusCode(409);

        // the office answers one: there is room for one more
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("reason", "満席"))
                .post("/api/staff/reservations/" + first + "/reject").then().statusCode(200);
        Booking.requested("seeker-kaga", "kaga", slot("kaga", 3));
    }

    @Test
    void applicationsPerDayAreCappedUntilTheNextDayWithRetryAfter() {
        // a day of its own, on which nobody has applied yet
        clock.advance(Duration.ofDays(2));
        Booking.limits("kaga", 50, 2);
        Booking.limits("kabe", 50, 1);

        Booking.requested("seeker-kaga", "kaga", slot("kaga", 0));
        Booking.requested("seeker-kaga", "kaga", slot("kaga", 1));
        Response refused = Booking.apply("seeker-kaga", "kaga", slot("kaga", 2));
        refused.then().statusCode(429).contentType(Booking.PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.daily-limit"))
                .body("title", startsWith("本日のお申込みの上限"))
                .body("limit", equalTo(2));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 24 * 3600, "until the office's next midnight: " + retryAfter);
        OffsetDateTime officeNow = OffsetDateTime.now(clock).atZoneSameInstant(Booking.JST).toOffsetDateTime();
        LocalDate nextDay = officeNow.plusSeconds(retryAfter + 5).toLocalDate();
        assertTrue(nextDay.isAfter(officeNow.toLocalDate()), "Retry-After reaches the next day");

        Booking.requested("seeker2-kaga", "kaga", slot("kaga", 2));
        Booking.requested("seeker-kabe", "kabe", slot("kabe", 0));
        Booking.apply("seeker-kabe", "kabe", slot("kabe", 1)).then().statusCode(429);

        clock.advance(Duration.ofSeconds(retryAfter + 1));
        Booking.requested("seeker-kaga", "kaga", slot("kaga", 3));
    }
}
