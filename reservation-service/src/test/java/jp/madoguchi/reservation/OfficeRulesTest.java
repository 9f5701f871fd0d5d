package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.reservation.policy.BusinessCalendar;
import jp.madoguchi.reservation.policy.SeedPolicies;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/** The two offices' rules as users meet them through the API. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class OfficeRulesTest {

    @org.junit.jupiter.api.BeforeEach
    void generousLimits() {
        jp.madoguchi.reservation.support.Booking.ensureGenerousLimits();
    }

    private static List<OffsetDateTime> starts(String office) {
        return Booking.openSlots(office, 40).stream().map(s -> OffsetDateTime.parse((String) s.get("start"))).toList();
    }

    @Test
    void kabeOffersWednesdayAfternoonsAndFridayMorningsInFourHalfHourSlots() {
        List<OffsetDateTime> slots = starts("kabe");
        assertFalse(slots.isEmpty());
        Set<LocalTime> wednesday = Set.of(LocalTime.of(14, 0), LocalTime.of(14, 30), LocalTime.of(15, 0), LocalTime.of(15, 30));
        Set<LocalTime> friday = Set.of(LocalTime.of(10, 0), LocalTime.of(10, 30), LocalTime.of(11, 0), LocalTime.of(11, 30));
        for (OffsetDateTime s : slots) {
            var local = s.atZoneSameInstant(JST);
            assertTrue(local.getDayOfWeek() == DayOfWeek.WEDNESDAY && wednesday.contains(local.toLocalTime())
                    || local.getDayOfWeek() == DayOfWeek.FRIDAY && friday.contains(local.toLocalTime()), s.toString());
        }
        given().auth().oauth2(Tokens.of("seeker-kabe")).get("/api/offices/kabe")
                .then().statusCode(200)
                .body("policy.sessionMinutes", equalTo(30))
                .body("policy.adHocOffered", equalTo(false))
                .body("policy.cancellationChannels", equalTo(List.of("PHONE")));
    }

    @Test
    void availabilityHonoursTheLeadTimeAndSkipsHolidaysAndTheYearEndClosure() {
        LocalDate today = LocalDate.now(JST);
        BusinessCalendar calendar = new BusinessCalendar(Set.of());
        LocalDate earliest = SeedPolicies.kaga().earliestBookableDay(today, calendar);
        for (OffsetDateTime s : starts("kaga")) {
            LocalDate day = s.atZoneSameInstant(JST).toLocalDate();
            assertFalse(day.isBefore(earliest), s + " is inside the two-business-day lead time");
            assertTrue(calendar.isBusinessDay(day), s + " is not on a business day");
        }
    }

    @Test
    void aClosureDayDeclaredByTheAdminHasNoSlots() {
        OffsetDateTime slot = Booking.slot("kaga", 0, 0);
        LocalDate day = slot.atZoneSameInstant(JST).toLocalDate();
        String admin = Tokens.of("admin-kaga");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "庁舎点検"))
                .put("/api/offices/kaga/closures/" + day).then().statusCode(200);
        try {
            assertFalse(starts("kaga").stream().anyMatch(s -> s.atZoneSameInstant(JST).toLocalDate().equals(day)));
            Booking.apply("seeker-kaga", "kaga", slot).then().statusCode(422).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:madoguchi:problem:reservation.no-such-slot"));
        } finally {
            given().auth().oauth2(admin).delete("/api/offices/kaga/closures/" + day).then().statusCode(204);
        }
        assertTrue(starts("kaga").contains(slot));
    }

    @Test
    void aTooLateApplicationNamesTheEarliestBookableDate() {
        LocalDate today = LocalDate.now(JST);
        BusinessCalendar calendar = new BusinessCalendar(Set.of());
        // the next business day is always inside Kaga's two-business-day lead time
        LocalDate tooSoon = calendar.businessDaysAfter(today, 1);
        OffsetDateTime start = tooSoon.atTime(10, 0).atZone(JST).toOffsetDateTime();
        LocalDate earliest = SeedPolicies.kaga().earliestBookableDay(today, calendar);
        Booking.apply("seeker-kaga", "kaga", start)
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.too-late"))
                .body("earliestBookableDate", equalTo(earliest.toString()));
    }

    @Test
    void kabeNeedsTheCounselorsNameAndKagaDoesNot() {
        String token = Tokens.of("seeker-kabe");
        Map<String, Object> body = new java.util.HashMap<>(Booking.application("kabe", Tokens.claim(token, "seeker_number"),
                Booking.slot("kabe", 0, 0)));
        body.remove("counselorName");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/reservations")
                .then().statusCode(422).body("type", equalTo("urn:madoguchi:problem:reservation.counselor-name-required"));
        Booking.apply("seeker-kaga", "kaga", Booking.slot("kaga", 0, 1)).then().statusCode(201);
    }

    /** Kaga takes people about to register as seekers; Kabe only registered seekers in continued consultation. */
    @Test
    void kagaTakesApplicationsFromPeopleAboutToRegisterAndKabeDoesNot() {
        String token = Tokens.of("prospect-kaga");
        assertEquals(null, Tokens.claim(token, "seeker_number"), "the demo prospect has no seeker number yet");
        Map<String, Object> kaga = new java.util.HashMap<>(Booking.application("kaga", null, Booking.slot("kaga", 0, 3)));
        kaga.remove("seekerNumber");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kaga).post("/api/reservations")
                .then().statusCode(201).body("state", equalTo("REQUESTED")).body("seekerNumber", equalTo(null));

        // a number the office never gave this person is not theirs to use
        kaga.put("seekerNumber", "17010-20260001");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kaga).post("/api/reservations")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.no-seeker-number"));

        Map<String, Object> kabe = new java.util.HashMap<>(Booking.application("kabe", null, Booking.slot("kabe", 0, 1)));
        kabe.remove("seekerNumber");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(kabe).post("/api/reservations")
                .then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.no-seeker-number"));

        // a registered seeker still gives the number: leaving it out is not a way round it
        String registered = Tokens.of("seeker2-kaga");
        Map<String, Object> withoutNumber = new java.util.HashMap<>(Booking.application("kaga", null, Booking.slot("kaga", 0, 3)));
        withoutNumber.remove("seekerNumber");
        given().auth().oauth2(registered).contentType(ContentType.JSON).body(withoutNumber).post("/api/reservations")
                .then().statusCode(403).body("type", equalTo("urn:madoguchi:problem:reservation.seeker-number-mismatch"));
    }

    @Test
    void applicationsCarryPreferencesAndDeclaredCompanions() {
        String token = Tokens.of("seeker2-kaga");
        OffsetDateTime first = Booking.slot("kaga", 0, 2);
        OffsetDateTime second = Booking.slot("kaga", 3, 0);
        Map<String, Object> body = new java.util.HashMap<>(Booking.application("kaga", Tokens.claim(token, "seeker_number"),
                first, second));
        body.put("companions", List.of("INTERPRETER"));
        body.put("companionNote", "ポルトガル語の通訳が同席します");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/reservations")
                .then().statusCode(201)
                .body("state", equalTo("REQUESTED"))
                .body("preferredStarts.size()", equalTo(2))
                .body("companions", equalTo(List.of("INTERPRETER")))
                .body("responseDueAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void officeAdminsChangeTheirOwnOfficesPolicyOnly() {
        Map<String, Object> policy = given().auth().oauth2(Tokens.of("admin-kaga")).get("/api/offices/kaga")
                .then().statusCode(200).extract().jsonPath().getMap("policy");
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/kaga/policy").then().statusCode(200).body("leadTime.days", equalTo(2));
        given().auth().oauth2(Tokens.of("admin-kabe")).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/kaga/policy").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/kaga/policy").then().statusCode(403).contentType(PROBLEM_JSON);
        Map<String, Object> tooLong = new java.util.HashMap<>(policy);
        tooLong.put("sessionMinutes", 45);
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(tooLong)
                .put("/api/offices/kaga/policy").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("sessionMinutes"));
    }

    @Test
    void anOfficeThatOptsInConfirmsARequestForAFreeSlotAtOnce() {
        String admin = Tokens.of("admin-kabe");
        Map<String, Object> policy = given().auth().oauth2(admin).get("/api/offices/kabe")
                .then().statusCode(200).extract().jsonPath().getMap("policy");
        Map<String, Object> auto = new java.util.HashMap<>(policy);
        auto.put("autoConfirm", true);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(auto).put("/api/offices/kabe/policy")
                .then().statusCode(200);
        try {
            OffsetDateTime slot = Booking.slot("kabe", 21, 0);
            String first = Booking.apply("seeker-kabe", "kabe", slot).then().statusCode(201)
                    .body("state", equalTo("CONFIRMED")).extract().path("id");
            // Kabe slots seat one: the second request for the same slot stays a request for staff to place
            String second = Booking.requested("seeker2-kabe", "kabe", slot);
            given().auth().oauth2(Tokens.of("seeker2-kabe")).get("/api/reservations/" + second)
                    .then().statusCode(200).body("state", equalTo("REQUESTED"));
            given().auth().oauth2(Tokens.of("seeker-kabe")).get("/api/reservations/" + first)
                    .then().statusCode(200).body("state", equalTo("CONFIRMED"));
        } finally {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(policy).put("/api/offices/kabe/policy")
                    .then().statusCode(200);
        }
    }

    @Test
    void kabeTakesCancellationsByPhoneOnly() {
        String id = Booking.requested("seeker-kabe", "kabe", Booking.slot("kabe", 0, 1));
        given().auth().oauth2(Tokens.of("seeker-kabe")).post("/api/reservations/" + id + "/cancel")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.cancel-by-phone"))
                .body("allowedChannels", equalTo(List.of("PHONE")));
        // staff record what the person said on the phone; an email is not accepted
        given().auth().oauth2(Tokens.of("counselor-kabe")).contentType(ContentType.JSON)
                .body(Map.of("channel", "EMAIL")).post("/api/staff/reservations/" + id + "/cancellation")
                .then().statusCode(422).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("counselor-kabe")).contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "note", "本人より電話")).post("/api/staff/reservations/" + id + "/cancellation")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("cancelChannel", equalTo("PHONE"));
    }

    @Test
    void kagaTakesOnlineCancellationsBeforeTheDay() {
        String id = Booking.requested("seeker-kaga", "kaga", Booking.slot("kaga", 0, 3));
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/reservations/" + id + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED"));
        // a cancelled booking cannot be cancelled again
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/reservations/" + id + "/cancel")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:reservation.illegal-transition"));
        given().auth().oauth2(Tokens.of("seeker2-kaga")).post("/api/reservations/" + id + "/cancel")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.of("seeker-kaga")).queryParam("size", 100).get("/api/reservations")
                .then().statusCode(200).body("find { it.id == '" + id + "' }.state", equalTo("CANCELLED"));
    }
}
