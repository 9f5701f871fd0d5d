package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.MailInbox;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * Issue 18 on the real stack: a national administrator opens a third office with rules of its own, gives it its
 * first terms and a counselor; a seeker books there end to end and is invited in that office's name; when the
 * administrator changes how it takes cancellations, the next invitation states the new rule.
 */
class NewOfficeIT {

    private static final Duration HOP = Duration.ofSeconds(30);
    private static final String OFFICE = "nanao";
    private static final String NATIONAL = "national-admin";
    private static final String COUNSELOR = "counselor-nanao";
    private static ServiceProcess reservation;
    private static ServiceProcess consent;

    @BeforeAll
    static void startServices() throws Exception {
        Suite suite = Suite.get();
        reservation = suite.reservation;
        consent = suite.consent;
    }

    /** Weekday mornings from 9:00, one counselor; cancellations by phone, email or My Page, on the day by phone. */
    private static Map<String, Object> nanao() {
        return Offices.definition("kaga", OFFICE, "ハローワーク七尾", "Hello Work Nanao", "0767-00-0000", Map.of(
                "eligible", List.of("REGISTERED_SEEKER"), "sessionMinutes", 20,
                "leadTime", Map.of("days", 1, "unit", "BUSINESS_DAYS"),
                "cancellationChannels", List.of("PHONE", "EMAIL", "ONLINE"), "sameDayCancellationChannels", List.of("PHONE"),
                "adHocOffered", false, "noShowGraceMinutes", 15, "maxOpenRequests", 10, "maxApplicationsPerDay", 10),
                Offices.weekly(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), List.of("09:00", "09:30")));
    }

    /** The office's first terms, drafted and published at consent-service by the national administrator. */
    private static String firstTerms() {
        String today = LocalDate.now(ZoneOffset.ofHours(9)).toString();
        String version = OFFICE + "-" + today;
        String admin = Tokens.of(NATIONAL);
        Map<String, Object> draft = Map.of("id", version, "title", "オンライン職業相談の利用規約（ハローワーク七尾）",
                "enactedOn", today, "effectiveFrom", today,
                "changeNotice", "ハローワーク七尾のオンライン職業相談の開始にあたり、利用規約を定めました。",
                "articles", List.of(
                        Map.of("number", "1", "heading", "目的", "body", "この規約は、ハローワーク七尾がビデオ通話で行う職業相談の利用について定めます。"),
                        Map.of("number", "2", "heading", "予約", "body", "相談の予約は、相談日の前営業日までに確定したものに限ります。")));
        given().baseUri(consent.url()).auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/" + OFFICE + "/terms").then().statusCode(201);
        given().baseUri(consent.url()).auth().oauth2(admin).post("/api/offices/" + OFFICE + "/terms/" + version + "/publish")
                .then().statusCode(200);
        return version;
    }

    private static String book(String seeker, int slot) {
        String token = Tokens.of(seeker);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        String start = given().baseUri(reservation.url()).auth().oauth2(token)
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(30).toString())
                .get("/api/offices/" + OFFICE + "/availability").then().statusCode(200).extract().path("[" + slot + "].start");
        String email = "nanao-" + UUID.randomUUID() + "@example.jp";
        String id = given().baseUri(reservation.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("officeId", OFFICE, "name", "七尾 次郎", "seekerNumber", Tokens.claim(token, "seeker_number"),
                        "preferredStarts", List.of(start), "email", email, "phone", "0767-00-1234"))
                .post("/api/reservations").then().statusCode(201).body("state", equalTo("REQUESTED")).extract().path("id");
        // the counselor of the office confirms it from its queue
        await().atMost(HOP).untilAsserted(() -> given().baseUri(reservation.url()).auth().oauth2(Tokens.of(COUNSELOR))
                .get("/api/staff/reservations/" + id).then().statusCode(200));
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of(COUNSELOR)).contentType(ContentType.JSON).body("{}")
                .post("/api/staff/reservations/" + id + "/confirm").then().statusCode(200).body("state", equalTo("CONFIRMED"));
        return email;
    }

    private static MailInbox.Mail invitation(String email) {
        return await().atMost(HOP).until(() -> MailInbox.to(email).stream().filter(m -> m.subject().contains("本予約"))
                .findFirst(), o -> o.isPresent()).get();
    }

    /** The English sentence of an invitation on how to cancel. */
    private static String cancelling(MailInbox.Mail mail) {
        Matcher m = Pattern.compile("Cancelling: ([^\\n]*)").matcher(mail.text());
        assertTrue(m.find(), mail.text());
        return m.group(1);
    }

    @Test
    void aThirdOfficeIsOpenedBookedAndToldAsItsRulesChange() throws Exception {
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of(NATIONAL)).contentType(ContentType.JSON).body(nanao())
                .post("/api/offices").then().statusCode(201).body("state", equalTo("OPEN"));
        String terms = firstTerms();
        KeycloakAdmin.staff(COUNSELOR, Tokens.PASSWORD, OFFICE, "counselor");
        assertEquals(OFFICE, Tokens.claim(Tokens.of(COUNSELOR), "office"), "the counselor's identity carries the office");

        // the seeker reads the office's terms in force (once consent-service published them) and applies
        String seeker = "seeker2-kaga";
        await().atMost(HOP).untilAsserted(() -> given().baseUri(consent.url()).auth().oauth2(Tokens.of(seeker))
                .get("/api/offices/" + OFFICE + "/terms/current").then().statusCode(200).body("id", equalTo(terms)));
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("reservation-service", Suite.PREFIX),
                Suite.PREFIX + "madoguchi.terms", HOP);
        String email = book(seeker, 0);

        MailInbox.Mail invited = invitation(email);
        assertTrue(invited.from().contains("online.nanao@madoguchi.example.jp"), invited.from());
        assertTrue(invited.subject().contains("ハローワーク七尾"), invited.subject());
        assertTrue(invited.text().contains("0767-00-0000"), "the office's phone: " + invited.text());
        assertTrue(invited.text().contains("日本時間、20分"), "its sessions are 20 minutes: " + invited.text());
        assertTrue(cancelling(invited).contains("My Page"), cancelling(invited));

        // a Kaga counselor sees nothing of the new office's bookings
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/staff/reservations/" + invited.text().replaceAll("(?s).*Reference: ([0-9a-f-]{36}).*", "$1"))
                .then().statusCode(404);

        // the national administrator stops cancellations online and by email: the next invitation says so
        Map<String, Object> policy = new HashMap<>(given().baseUri(reservation.url()).auth().oauth2(Tokens.of(NATIONAL))
                .get("/api/offices/" + OFFICE).then().statusCode(200).extract().jsonPath().getMap("policy"));
        policy.put("cancellationChannels", List.of("PHONE"));
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of(NATIONAL)).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/" + OFFICE + "/policy").then().statusCode(200);
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup("notification-service", Suite.PREFIX),
                Suite.PREFIX + "madoguchi.offices", HOP);
        String later = cancelling(invitation(book("seeker-kaga", 0)));
        assertFalse(later.contains("My Page"), later);
        assertFalse(later.toLowerCase().contains("email"), later);
    }
}
