package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jp.madoguchi.reservation.policy.BusinessCalendar;
import jp.madoguchi.reservation.service.OverdueWatcher;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.TestClock;
import jp.madoguchi.testing.Tokens;

/** What counselors do in the staff console, scoped to their own office. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class StaffConsoleTest {

    @Inject
    TestClock clock;

    @Inject
    OverdueWatcher overdue;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static List<String> types(String reservationId) {
        return EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.reservations").stream()
                .filter(e -> reservationId.equals(e.key())).map(EventLog.Event::type).toList();
    }

    @Test
    void counselorsConfirmRequestsOfTheirOfficeOnlyAndEachChangeIsOneEvent() {
        String id = Booking.requested("seeker-kaga", "kaga", Booking.slot("kaga", 0, 4));
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("state", "REQUESTED").queryParam("size", 100).get("/api/staff/reservations")
                .then().statusCode(200).body("id", hasItem(id)).body("find { it.id == '" + id + "' }.email", equalTo("taro@example.jp"));
        given().auth().oauth2(Tokens.of("counselor-kabe")).queryParam("size", 100).get("/api/staff/reservations")
                .then().statusCode(200).body("id", not(hasItem(id)));
        Booking.confirm("counselor-kabe", id, null, null).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("seeker-kaga")).queryParam("size", 100).get("/api/staff/reservations").then().statusCode(403);

        String counselor = Tokens.claim(Tokens.of("counselor-kaga"), "sub");
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200)
                .body("state", equalTo("CONFIRMED")).body("counselorId", equalTo(counselor));
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:reservation.illegal-transition"));
        await().atMost(Duration.ofSeconds(20)).until(() -> types(id).size() == 2);
        assertEquals(List.of("jp.madoguchi.reservation.ReservationRequested.v1",
                "jp.madoguchi.reservation.ReservationConfirmed.v1"), types(id));
    }

    @Test
    void aRejectionCarriesItsReason() {
        String id = Booking.requested("seeker-kaga", "kaga", Booking.slot("kaga", 0, 5));
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("reason", ""))
                .post("/api/staff/reservations/" + id + "/reject").then().statusCode(400);
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("reason", "希望日時に担当者が不在のため"))
                .post("/api/staff/reservations/" + id + "/reject")
                .then().statusCode(200).body("state", equalTo("REJECTED")).body("closedReason", equalTo("希望日時に担当者が不在のため"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo("REJECTED"));
    }

    @Test
    void aFollowUpBookedDuringAConsultationIsConfirmedAtOnceWithoutTheLeadTime() {
        OffsetDateTime session = Booking.slot("kaga", 0, 6);
        String parent = Booking.requested("seeker-kaga", "kaga", session);
        Booking.confirm("counselor-kaga", parent, null, null).then().statusCode(200);
        // ten minutes into the consultation
        clock.advance(Duration.between(OffsetDateTime.now(), session.plusMinutes(10)));
        // the next business day: far too soon for an application, fine for a follow-up
        LocalDate soon = new BusinessCalendar(Set.of()).businessDaysAfter(session.atZoneSameInstant(JST).toLocalDate(), 1);
        OffsetDateTime start = soon.atTime(15, 30).atZone(JST).toOffsetDateTime();
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("slotStart", start.toString(), "detailDelivery", "PHONE"))
                .post("/api/staff/reservations/" + parent + "/follow-ups")
                .then().statusCode(201)
                .body("state", equalTo("CONFIRMED")).body("kind", equalTo("FOLLOW_UP"))
                .body("detailDelivery", equalTo("PHONE")).body("parentId", equalTo(parent));
        // a request that was never confirmed is no consultation to book from
        String requested = Booking.requested("seeker-kaga", "kaga", Booking.slot("kaga", 0, 7));
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("slotStart", start.toString(), "detailDelivery", "EMAIL"))
                .post("/api/staff/reservations/" + requested + "/follow-ups")
                .then().statusCode(409).contentType(PROBLEM_JSON);
    }

    @Test
    void kagaTakesSameDayCancellationsByPhoneOnly() {
        OffsetDateTime start = Booking.slot("kaga", 0, 8);
        String id = Booking.requested("seeker-kaga", "kaga", start);
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        // the morning of the consultation
        OffsetDateTime morning = start.atZoneSameInstant(JST).toLocalDate().atTime(8, 0).atZone(JST).toOffsetDateTime();
        clock.advance(Duration.between(OffsetDateTime.now(), morning));
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/reservations/" + id + "/cancel")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.cancel-same-day-by-phone"))
                .body("officePhone", equalTo("0761-00-0000"));
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("channel", "EMAIL"))
                .post("/api/staff/reservations/" + id + "/cancellation").then().statusCode(422);
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(Map.of("channel", "PHONE"))
                .post("/api/staff/reservations/" + id + "/cancellation").then().statusCode(200).body("state", equalTo("CANCELLED"));
    }

    /**
     * Kaga answers within two business days of the application: applied on a Monday for the Monday after, the request
     * is overdue from Thursday on (while it can still be confirmed, until Thursday's end), and the person is told once.
     */
    @Test
    void anUnansweredRequestIsOverdueAfterTheOfficesAnswerDeadlineAndSaidSoOnce() throws Throwable {
        clock.setTo(java.time.LocalDateTime.parse("2027-06-07T10:00").atZone(JST).toInstant());
        String id = Booking.requested("seeker-kaga", "kaga",
                java.time.LocalDateTime.parse("2027-06-14T10:30").atZone(JST).toOffsetDateTime());
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("size", 100).get("/api/staff/reservations/overdue")
                .then().statusCode(200).body("id", not(hasItem(id)));
        clock.setTo(java.time.LocalDateTime.parse("2027-06-10T00:01").atZone(JST).toInstant());
        // the watcher runs every minute; run it now, twice, as two ticks (or two replicas) would
        VertxContextSupport.subscribeAndAwait(() -> overdue.flagOverdue());
        VertxContextSupport.subscribeAndAwait(() -> overdue.flagOverdue());
        given().auth().oauth2(Tokens.of("counselor-kaga")).queryParam("size", 100).get("/api/staff/reservations/overdue")
                .then().statusCode(200).body("id", hasItem(id));
        await().atMost(Duration.ofSeconds(20)).until(() -> types(id).contains("jp.madoguchi.reservation.ReservationResponseOverdue.v1"));
        assertEquals(1, types(id).stream().filter(t -> t.endsWith("ResponseOverdue.v1")).count(), "said once");
    }

    @Test
    void aRefusedPersonCannotApplyUntilStaffLiftIt() {
        String seeker = Tokens.claim(Tokens.of("seeker2-kaga"), "sub");
        String restriction = given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("userId", seeker, "reason", "相談中の暴言"))
                .post("/api/staff/restrictions").then().statusCode(201).extract().path("id");
        Booking.apply("seeker2-kaga", "kaga", Booking.slot("kaga", 0, 9)).then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.refused"));
        // Kabe has not refused them
        given().auth().oauth2(Tokens.of("counselor-kabe")).delete("/api/staff/restrictions/" + restriction).then().statusCode(404);
        given().auth().oauth2(Tokens.of("counselor-kaga")).delete("/api/staff/restrictions/" + restriction)
                .then().statusCode(200);
        Booking.apply("seeker2-kaga", "kaga", Booking.slot("kaga", 0, 9)).then().statusCode(201);
    }
}
