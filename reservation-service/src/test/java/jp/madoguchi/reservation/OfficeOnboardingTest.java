package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * Offices are data (issue 18): a national administrator opens, changes and closes them through the API, each
 * change is told on the offices topic, and the seeds' two offices are opened from their data files the same way.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class OfficeOnboardingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFICES = Stack.TOPIC_PREFIX + "madoguchi.offices";
    private static final String NATIONAL = "national-admin";

    /** An office with rules unlike either seed: Tuesday and Thursday afternoons, three business days' lead time. */
    private static Map<String, Object> definition(String id) {
        return Offices.definition("kaga", id, "ハローワーク七尾", "Hello Work Nanao", "0767-00-0000", Map.of(
                "eligible", List.of("REGISTERED_SEEKER"), "sessionMinutes", 20,
                "leadTime", Map.of("days", 3, "unit", "BUSINESS_DAYS"),
                "cancellationChannels", List.of("PHONE", "ONLINE"), "sameDayCancellationChannels", List.of("PHONE"),
                "adHocOffered", false, "noShowOutcome", "SUSPEND", "maxOpenRequests", 50, "maxApplicationsPerDay", 100),
                Offices.weekly(List.of("TUESDAY", "THURSDAY"), List.of("13:00", "13:30")));
    }

    private static io.restassured.response.Response open(String user, Map<String, Object> office) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(office).post("/api/offices");
    }

    private static List<JsonNode> officeEvents(String officeId, String type) {
        return EventLog.read(OFFICES).stream().filter(e -> officeId.equals(e.key()) && e.type().equals(type))
                .map(e -> read(e.data())).toList();
    }

    private static JsonNode awaitEvent(String officeId, String type) {
        return await().atMost(WAIT).until(() -> officeEvents(officeId, type), l -> !l.isEmpty()).get(0);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What consent-service would say: the office's first terms are in force and the seeker consented to them. */
    private static void termsAndConsent(String office, String seeker) {
        String version = office + "-2026-12-01";
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.terms", "jp.madoguchi.consent.TermsRevised.v1",
                "/madoguchi/consent-service", office, Events.termsRevisedPayload(office, version, LocalDate.now(JST)));
        String userId = Tokens.claim(Tokens.of(seeker), "sub");
        EventLog.publish(Stack.TOPIC_PREFIX + "madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1",
                "/madoguchi/consent-service", userId, Events.consentRecordedPayload(userId, office, version, "EXPLICIT"));
        String group = ServiceTestResource.consumerGroup("reservation-service", Stack.TOPIC_PREFIX);
        EventLog.awaitTopicConsumed(group, Stack.TOPIC_PREFIX + "madoguchi.terms", WAIT);
        EventLog.awaitTopicConsumed(group, Stack.TOPIC_PREFIX + "madoguchi.consents", WAIT);
    }

    private static io.restassured.response.Response apply(String office, OffsetDateTime start) {
        String token = Tokens.of("seeker-kaga");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Booking.application(office, Tokens.claim(token, "seeker_number"), start)).post("/api/reservations");
    }

    @Test
    void theSeedOfficesAreOpenedFromTheirDataFilesAndAnnouncedOnce() throws IOException {
        for (String office : List.of("kaga", "kabe")) {
            JsonNode file;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("offices/" + office + ".json")) {
                file = JSON.readTree(in);
            }
            JsonNode served = read(given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/" + office)
                    .then().statusCode(200).extract().asString());
            for (String field : List.of("nameJa", "nameEn", "officeCode", "phone", "timeZone", "mailSender")) {
                assertEquals(file.get(field), served.get(field), office + " " + field);
            }
            assertEquals("OPEN", served.get("state").asText());
            assertEquals(file.get("policy").get("cancellationChannels").size(), served.get("policy").get("cancellationChannels").size());
            List<String> weekly = given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/" + office + "/schedule")
                    .then().statusCode(200).extract().jsonPath().getList("dayOfWeek");
            assertEquals(file.get("schedule").size(), weekly.size(), office + ": the schedule is the file's");

            JsonNode opened = awaitEvent(office, "jp.madoguchi.reservation.OfficeOpened.v1");
            assertEquals(file.get("mailSender").asText(), opened.get("mailSender").asText());
            assertEquals(file.get("phone").asText(), opened.get("phone").asText());
            assertEquals(1, officeEvents(office, "jp.madoguchi.reservation.OfficeOpened.v1").size(),
                    office + " is opened once, not at every start");
        }
    }

    @Test
    void aNationalAdministratorOpensAnOfficeThatTakesBookingsByItsOwnRules() {
        String id = "nanao";
        open(NATIONAL, definition(id)).then().statusCode(201).header("Location", endsWith("/api/offices/" + id))
                .body("state", equalTo("OPEN")).body("policy.leadTime.days", equalTo(3));

        JsonNode opened = awaitEvent(id, "jp.madoguchi.reservation.OfficeOpened.v1");
        assertEquals("ハローワーク七尾", opened.get("nameJa").asText());
        assertEquals(20, opened.get("policy").get("sessionMinutes").asInt());
        assertEquals("OPEN", opened.get("state").asText());

        // its own schedule and lead time: Tuesday and Thursday afternoons, none in the next three days
        List<Map<String, Object>> open = Booking.openSlots(id, 21);
        assertFalse(open.isEmpty(), "the new office offers slots");
        LocalDate today = LocalDate.now(JST);
        for (Map<String, Object> slot : open) {
            OffsetDateTime start = OffsetDateTime.parse((String) slot.get("start"));
            var local = start.atZoneSameInstant(JST);
            assertTrue(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY).contains(local.getDayOfWeek()), slot::toString);
            assertTrue(Set.of(LocalTime.of(13, 0), LocalTime.of(13, 30)).contains(local.toLocalTime()), slot::toString);
            assertTrue(local.toLocalDate().isAfter(today.plusDays(3)), "inside the lead time: " + slot);
            assertEquals(start.plusMinutes(20), OffsetDateTime.parse((String) slot.get("end")), "its sessions are 20 minutes");
        }

        // its terms in force and the seeker's consent come from consent-service, as for any office; then a seeker books
        OffsetDateTime first = OffsetDateTime.parse((String) open.get(0).get("start"));
        termsAndConsent(id, "seeker-kaga");
        apply(id, first).then().statusCode(201).body("officeId", equalTo(id)).body("state", equalTo("REQUESTED"));
    }

    @Test
    void anOfficeIsOpenedOnceAndOnlyByANationalAdministrator() {
        open(NATIONAL, definition("suzu")).then().statusCode(201);
        open(NATIONAL, definition("suzu")).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", endsWith("office.exists"));
        open("admin-kaga", definition("wajima")).then().statusCode(403).contentType(PROBLEM_JSON);
        open("seeker-kaga", definition("wajima")).then().statusCode(403).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body(definition("wajima")).post("/api/offices").then().statusCode(401);

        Map<String, Object> badZone = definition("wajima");
        badZone.put("timeZone", "Mars/Olympus");
        open(NATIONAL, badZone).then().statusCode(400).contentType(PROBLEM_JSON);
        Map<String, Object> injected = definition("wajima");
        injected.put("mailSender", "七尾 <a@example.jp>\r\nBcc: everyone@example.jp");
        open(NATIONAL, injected).then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/wajima").then().statusCode(404);
    }

    @Test
    void everyChangeOfProfileOrPolicyIsToldWithTheOfficeAsItIsNow() {
        String id = "hakui";
        open(NATIONAL, definition(id)).then().statusCode(201);
        long openedVersion = awaitEvent(id, "jp.madoguchi.reservation.OfficeOpened.v1").get("officeVersion").asLong();

        Map<String, Object> policy = new HashMap<>(given().auth().oauth2(Tokens.of(NATIONAL)).get("/api/offices/" + id)
                .then().statusCode(200).extract().jsonPath().getMap("policy"));
        policy.put("cancellationChannels", List.of("PHONE"));
        given().auth().oauth2(Tokens.of(NATIONAL)).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/" + id + "/policy").then().statusCode(200);
        JsonNode changed = awaitEvent(id, "jp.madoguchi.reservation.OfficeChanged.v1");
        assertEquals(List.of("PHONE"), list(changed.get("policy").get("cancellationChannels")));
        assertTrue(changed.get("officeVersion").asLong() > openedVersion, "the change carries a higher version");

        Map<String, Object> profile = new HashMap<>(definition(id));
        profile.keySet().retainAll(Set.of("nameJa", "nameEn", "phone", "timeZone", "mailSender"));
        profile.put("phone", "0767-11-2222");
        given().auth().oauth2(Tokens.of(NATIONAL)).contentType(ContentType.JSON).body(profile)
                .put("/api/offices/" + id + "/profile").then().statusCode(200).body("phone", equalTo("0767-11-2222"));
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(profile)
                .put("/api/offices/kaga/profile").then().statusCode(403);
        List<JsonNode> changes = await().atMost(WAIT).until(() -> officeEvents(id, "jp.madoguchi.reservation.OfficeChanged.v1"),
                l -> l.size() == 2);
        assertEquals("0767-11-2222", changes.get(1).get("phone").asText());
        assertEquals(List.of("PHONE"), list(changes.get(1).get("policy").get("cancellationChannels")),
                "each event is the whole office, the policy included");
        assertTrue(changes.get(1).get("officeVersion").asLong() > changes.get(0).get("officeVersion").asLong());
    }

    @Test
    void officeAdminsAdministerTheirOwnOfficeAndNationalAdministratorsAny() {
        String day = LocalDate.now(JST).plusDays(200).toString();
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .put("/api/offices/kabe/closures/" + day).then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of(NATIONAL)).contentType(ContentType.JSON).body(Map.of("reason", "庁舎点検"))
                .put("/api/offices/kabe/closures/" + day).then().statusCode(200).body("reason", equalTo("庁舎点検"));
        given().auth().oauth2(Tokens.of(NATIONAL)).delete("/api/offices/kabe/closures/" + day).then().statusCode(204);
    }

    @Test
    void anOfficeClosesOnlyOnceNobodyIsWaitingAndThenTakesNoApplications() {
        String id = "noto";
        open(NATIONAL, definition(id)).then().statusCode(201);
        termsAndConsent(id, "seeker-kaga");
        OffsetDateTime start = OffsetDateTime.parse((String) Booking.openSlots(id, 21).get(0).get("start"));
        String reservation = apply(id, start).then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.of(NATIONAL)).delete("/api/offices/" + id).then().statusCode(409)
                .contentType(PROBLEM_JSON).body("type", endsWith("office.has-bookings")).body("bookingsAhead", equalTo(1));
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/reservations/" + reservation + "/cancel")
                .then().statusCode(200);
        given().auth().oauth2(Tokens.of("admin-kaga")).delete("/api/offices/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.of(NATIONAL)).delete("/api/offices/" + id).then().statusCode(200)
                .body("state", equalTo("CLOSED"));

        JsonNode closed = awaitEvent(id, "jp.madoguchi.reservation.OfficeClosed.v1");
        assertEquals("CLOSED", closed.get("state").asText());
        apply(id, start).then().statusCode(409).contentType(PROBLEM_JSON).body("type", endsWith("office.closed"))
                .body("officePhone", equalTo("0767-00-0000"));
        // its history stays readable
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + reservation).then().statusCode(200)
                .body("state", equalTo("CANCELLED"));
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values.stream().sorted().collect(Collectors.toList());
    }
}
