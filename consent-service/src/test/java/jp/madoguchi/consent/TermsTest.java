package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/** Versioned terms of use per office: what is in force, its history and diffs, drafts and immutable publications. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class TermsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void kagasTermsInForceAreTheRevisionOf2023WithEraDatesAndKanazawaAsCourt() {
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga/terms/current")
                .then().statusCode(200)
                .body("id", equalTo("kaga-2023-06-15"))
                .body("enactedOnEra", equalTo("令和5年6月15日"))
                .body("previousId", equalTo("kaga-2022-12-12"))
                .body("articles.number", hasItem("6の2"))
                .body("articles.find { it.number == '14' }.body", containsString("金沢地方裁判所"))
                .body("articles.find { it.number == '6' }.body", containsString("2営業日前"));
    }

    @Test
    void kabesTermsName30MinuteSlotsAndHiroshimaAsCourt() {
        given().auth().oauth2(Tokens.of("seeker-kabe")).get("/api/offices/kabe/terms/current")
                .then().statusCode(200)
                .body("id", equalTo("kabe-2024-02-22"))
                .body("enactedOnEra", equalTo("令和6年2月22日"))
                .body("articles.number", not(hasItem("6の2")))
                .body("articles.find { it.number == '14' }.body", containsString("広島地方裁判所"))
                .body("articles.find { it.number == '12' }.body", containsString("録画"));
    }

    @Test
    void theTermsReadAsAPageToo() {
        given().auth().oauth2(Tokens.of("seeker-kaga")).accept("text/html").get("/api/offices/kaga/terms/current")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("第6の2条（臨時的な利用（求職者・求人者））"))
                .body(containsString("令和5年6月15日"));
    }

    @Test
    void theDiffShowsWhatTheRevisionAddedAndChangedByArticle() {
        List<Map<String, Object>> diff = given().auth().oauth2(Tokens.of("seeker-kaga"))
                .queryParam("from", "kaga-2022-12-12").queryParam("to", "kaga-2023-06-15")
                .get("/api/offices/kaga/terms/diff")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, String> change = new HashMap<>();
        diff.forEach(d -> change.put((String) d.get("number"), (String) d.get("change")));
        assertEquals("ADDED", change.get("6の2"));
        assertEquals("CHANGED", change.get("6"));
        assertEquals("UNCHANGED", change.get("1"));
        given().auth().oauth2(Tokens.of("seeker-kaga")).queryParam("from", "kabe-2024-02-22").queryParam("to", "kaga-2023-06-15")
                .get("/api/offices/kaga/terms/diff").then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void anAdminDraftsAndPublishesARevisionWhichIsThenImmutableAndAnnounced() {
        String admin = Tokens.of("admin-kaga");
        LocalDate effective = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(40);
        String id = "kaga-test-" + System.currentTimeMillis();
        Map<String, Object> draft = new HashMap<>(Map.of("id", id, "title", "オンライン職業相談等利用規約（ハローワーク加賀）",
                "enactedOn", LocalDate.now().toString(), "effectiveFrom", effective.toString(),
                "articles", List.of(Map.of("number", "1", "heading", "目的", "body", "改訂後の目的。"),
                        Map.of("number", "6の2", "heading", "臨時的な利用", "body", "改訂後の臨時的な利用。"))));

        given().auth().oauth2(Tokens.of("admin-kabe")).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kaga/terms").then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("seeker-kaga")).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kaga/terms").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kaga/terms").then().statusCode(201).body("status", equalTo("DRAFT"));
        // article 13: no publication without telling users what changes and when
        given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish")
                .then().statusCode(422).body("type", equalTo("urn:madoguchi:problem:terms.change-notice-required"));
        draft.put("changeNotice", effective + " から第6条の2を改めます。");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .put("/api/offices/kaga/terms/" + id).then().statusCode(200);
        given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("previousId", equalTo("kaga-2023-06-15"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .put("/api/offices/kaga/terms/" + id).then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:terms.immutable"));
        // it takes effect later: the 2023 revision stays in force until then
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga/terms/current")
                .then().statusCode(200).body("id", equalTo("kaga-2023-06-15"));

        List<EventLog.Event> revised = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.terms").stream()
                        .filter(e -> e.data().contains(id)).toList(), l -> !l.isEmpty());
        assertEquals("jp.madoguchi.consent.TermsRevised.v1", revised.get(0).type());
        assertEquals(1, revised.size());
    }

    /** A new office's first terms are a national administrator's to write; its drafts stay out of public view. */
    @Test
    void aNationalAdministratorGivesANewOfficeItsFirstTerms() {
        String national = Tokens.of("national-admin");
        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
        String id = "nanao-" + today;
        Map<String, Object> draft = Map.of("id", id, "title", "オンライン職業相談の利用規約（ハローワーク七尾）",
                "enactedOn", today, "effectiveFrom", today, "changeNotice", "オンライン職業相談の開始にあたり定めました。",
                "articles", List.of(Map.of("number", "1", "heading", "目的", "body", "ビデオ通話による職業相談の利用について定めます。")));
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/nanao/terms").then().statusCode(403).contentType(PROBLEM_JSON);
        // any office, but only ids an office can have (a '%' once made a 500 of the Location header)
        given().auth().oauth2(national).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/%25/terms").then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(national).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/nanao/terms").then().statusCode(201).body("status", equalTo("DRAFT"));
        given().auth().oauth2(national).get("/api/offices/nanao/terms/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/nanao/terms/" + id).then().statusCode(404);
        given().auth().oauth2(national).post("/api/offices/nanao/terms/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("previousId", equalTo(null));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/nanao/terms/current")
                .then().statusCode(200).body("id", equalTo(id));
        List<EventLog.Event> revised = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.terms").stream()
                        .filter(e -> "nanao".equals(e.key())).toList(), l -> !l.isEmpty());
        assertEquals(1, revised.size(), "the first version is announced once");
    }

    /**
     * Article 13: a revision is told to every person with a consent on record at the office — those without a
     * booking too — each once, and to nobody who consented only elsewhere.
     */
    @Test
    void aPublishedRevisionIsAnnouncedToEveryoneWithAConsentAtTheOfficeOnce() {
        String tag = Long.toString(System.currentTimeMillis(), 36);
        String first = "announce-a-" + tag;
        String second = "announce-b-" + tag;
        String elsewhere = "announce-kabe-" + tag;
        // consents on record the way production records them: applications (deemed consent); the first person twice
        Events.reservationRequested(first, "kaga");
        Events.reservationRequested(first, "kaga");
        Events.reservationRequested(second, "kaga");
        Events.reservationRequested(elsewhere, "kabe");
        await().atMost(Duration.ofSeconds(20)).until(() -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                .filter(e -> e.type().endsWith("ConsentRecorded.v1") && e.data().contains(tag)).count() == 4);

        String admin = Tokens.of("admin-kaga");
        LocalDate effective = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(30);
        String id = "kaga-announce-" + tag;
        Map<String, Object> draft = Map.of("id", id, "title", "オンライン職業相談等利用規約（ハローワーク加賀）",
                "enactedOn", LocalDate.now().toString(), "effectiveFrom", effective.toString(),
                "changeNotice", effective + " から第7条を改めます。",
                "articles", List.of(Map.of("number", "7", "heading", "即時利用", "body", "改訂後の即時利用。")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kaga/terms").then().statusCode(201);
        given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish").then().statusCode(200);

        List<EventLog.Event> told = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.consents").stream()
                        .filter(e -> e.type().equals("jp.madoguchi.consent.TermsRevisionAnnounced.v1")
                                && e.data().contains(id) && e.data().contains(tag)).toList(),
                l -> l.size() >= 2);
        assertEquals(1, told.stream().filter(e -> e.data().contains(first)).count(), "once, however many consents");
        assertEquals(1, told.stream().filter(e -> e.data().contains(second)).count());
        assertEquals(0, told.stream().filter(e -> e.data().contains(elsewhere)).count(), "consented only at Kabe");
        String notice = told.get(0).data();
        org.junit.jupiter.api.Assertions.assertTrue(notice.contains("\"effectiveFrom\":\"" + effective + "\"")
                && notice.contains("第7条を改めます") && !notice.contains("http"), notice);
        // the notice's page, for the message, from the service that owns it (to services only)
        given().auth().oauth2(Tokens.service("notification-service")).get("/internal/terms/kaga/" + id + "/page")
                .then().statusCode(200).body("url", org.hamcrest.Matchers.endsWith("/terms/kaga/" + id));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/internal/terms/kaga/" + id + "/page").then().statusCode(403);
    }

    @Test
    void theSeededVersionsInForceAreAnnouncedOnce() {
        List<EventLog.Event> announced = await().atMost(Duration.ofSeconds(20)).until(
                () -> EventLog.read(Stack.TOPIC_PREFIX + "madoguchi.terms").stream()
                        .filter(e -> e.data().contains("kabe-2024-02-22")).toList(), l -> !l.isEmpty());
        assertEquals(1, announced.size());
    }
}
