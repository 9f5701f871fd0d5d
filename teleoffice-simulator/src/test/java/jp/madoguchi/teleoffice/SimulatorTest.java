package jp.madoguchi.teleoffice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The simulator keeps the TeleOffice contract: the key, the window, one meeting per key, the signed webhook. */
@QuarkusTest
class SimulatorTest {

    private static final String KEY = "test-teleoffice-key";

    private static Map<String, Object> meeting(OffsetDateTime opens, int minutes) {
        return Map.of("title", "オンライン職業相談 kaga", "opensAt", opens.toString(),
                "closesAt", opens.plusMinutes(minutes).toString(), "recording", false,
                "webhookUrl", "http://localhost:" + RestAssured.port + "/test-webhook");
    }

    private static io.restassured.response.Response create(String key, String idempotencyKey, Map<String, Object> body) {
        var request = given().header("X-Api-Key", key).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/meetings");
    }

    @Test
    void onlyTheAccountsKeyCreatesAndOnlyAShortUnrecordedWindow() {
        OffsetDateTime opens = OffsetDateTime.now().plusHours(1);
        create("wrong", null, meeting(opens, 35)).then().statusCode(401).contentType("application/problem+json");
        create(KEY, null, meeting(opens, 36)).then().statusCode(400);
        create(KEY, null, meeting(opens, 0)).then().statusCode(400);
        var recorded = new java.util.HashMap<>(meeting(opens, 35));
        recorded.put("recording", true);
        create(KEY, null, recorded).then().statusCode(400);
        given().header("X-Api-Key", KEY).delete("/api/meetings/TO-0").then().statusCode(404);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameMeeting() {
        String key = UUID.randomUUID().toString();
        OffsetDateTime opens = OffsetDateTime.now().plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        JsonPath first = create(KEY, key, meeting(opens, 35)).then().statusCode(201)
                .body("meetingId", matchesPattern("TO-\\d{9}")).body("passcode", matchesPattern("\\d{6}"))
                .extract().jsonPath();
        JsonPath again = create(KEY, key, meeting(opens, 35)).then().statusCode(200).extract().jsonPath();
        assertEquals(first.getString("meetingId"), again.getString("meetingId"));
        assertEquals(first.getString("passcode"), again.getString("passcode"));
        given().header("X-Api-Key", KEY).queryParam("idempotencyKey", key).get("/api/meetings")
                .then().statusCode(200).body("$", hasSize(1));
        given().header("X-Api-Key", "wrong").get("/api/meetings").then().statusCode(401);
    }

    @Test
    void enteringPostsTheSignedParticipantEventToTheWebhook() {
        OffsetDateTime now = OffsetDateTime.now();
        JsonPath m = create(KEY, UUID.randomUUID().toString(), meeting(now.minusMinutes(1), 30)).then().statusCode(201)
                .extract().jsonPath();
        String path = m.getString("joinUrl").substring(m.getString("joinUrl").indexOf("/join/"));
        JsonPath later = create(KEY, UUID.randomUUID().toString(), meeting(now.plusHours(1), 30)).then().statusCode(201)
                .extract().jsonPath();
        String laterPath = later.getString("joinUrl").substring(later.getString("joinUrl").indexOf("/join/"));

        given().get(laterPath).then().statusCode(410).body(containsString("まだ入室できません"));
        given().get(path).then().statusCode(200).body(containsString("メールアドレス"));
        given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp").formParam("passcode", "x")
                .post(path).then().statusCode(400);
        given().formParam("name", "").formParam("email", "taro@example.jp").formParam("passcode", m.getString("passcode"))
                .post(path).then().statusCode(400);
        given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp")
                .formParam("passcode", m.getString("passcode")).formParam("role", "SEEKER").formParam("deviceId", "PC-1")
                .post(path).then().statusCode(200).body(containsString("入室しました"));
        given().formParam("role", "SEEKER").post(path.replace("/join/", "/leave/")).then().statusCode(200);
        List<String> mine = WebhookReceiver.RECEIVED.stream().filter(s -> s.contains(m.getString("meetingId"))).toList();
        assertEquals(List.of("test-webhook-secret " + m.getString("meetingId") + " JOINED SEEKER PC-1",
                "test-webhook-secret " + m.getString("meetingId") + " LEFT SEEKER null"), mine);

        given().header("X-Api-Key", KEY).delete("/api/meetings/" + m.getString("meetingId")).then().statusCode(204);
        given().get(path).then().statusCode(410).body(containsString("取り消されました"));
        given().header("X-Api-Key", KEY).queryParam("idempotencyKey", m.getString("meetingId")).get("/api/meetings")
                .then().statusCode(200).body("$", hasSize(0));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anEndedMeetingShowsTheCallersNoticeToWhoeverComesLater() {
        String key = UUID.randomUUID().toString();
        JsonPath m = create(KEY, key, meeting(OffsetDateTime.now().minusMinutes(1), 30)).then().statusCode(201)
                .extract().jsonPath();
        String path = m.getString("joinUrl").substring(m.getString("joinUrl").indexOf("/join/"));
        String end = "/api/meetings/" + m.getString("meetingId") + "/end";
        Map<String, String> notice = Map.of("notice", "この相談は終了しました。\nThis consultation has ended. 0761-00-0000");
        given().header("X-Api-Key", "wrong").contentType(ContentType.JSON).body(notice).post(end).then().statusCode(401);
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(notice).post("/api/meetings/TO-0/end")
                .then().statusCode(404);
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(notice).post(end).then().statusCode(204);
        // a repeated call (a lost answer, a crash before the outcome was recorded) ends nothing twice
        given().header("X-Api-Key", KEY).contentType(ContentType.JSON).body(notice).post(end).then().statusCode(204);

        given().get(path).then().statusCode(410).body(containsString("この相談は終了しました。"))
                .body(containsString("This consultation has ended. 0761-00-0000"));
        given().formParam("name", "加賀 太郎").formParam("email", "taro@example.jp")
                .formParam("passcode", m.getString("passcode")).post(path).then().statusCode(410)
                .body(containsString("0761-00-0000"));
        given().header("X-Api-Key", KEY).queryParam("idempotencyKey", key).get("/api/meetings").then().statusCode(200)
                .body("ended", equalTo(List.of(true))).body("revoked", equalTo(List.of(false)));
    }
}
