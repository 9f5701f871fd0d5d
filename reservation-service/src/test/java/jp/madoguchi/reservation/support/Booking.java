package jp.madoguchi.reservation.support;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jp.madoguchi.testing.Tokens;

/** What a seeker's My Page and a counselor's console do, for the tests. */
public final class Booking {

    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    public static final String PROBLEM_JSON = "application/problem+json";

    private Booking() {
    }

    /** Open slots of an office over the next {@code days} days. */
    public static List<Map<String, Object>> openSlots(String office, int days) {
        LocalDate today = LocalDate.now(JST);
        return given().auth().oauth2(Tokens.of("seeker-kaga"))
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(days).toString())
                .get("/api/offices/" + office + "/availability")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The {@code n}-th open slot (0-based) of an office, skipping the first {@code skipDays} days. */
    public static OffsetDateTime slot(String office, int skipDays, int n) {
        LocalDate after = LocalDate.now(JST).plusDays(skipDays);
        return openSlots(office, 45).stream()
                .map(s -> OffsetDateTime.parse((String) s.get("start")))
                .filter(t -> !t.atZoneSameInstant(JST).toLocalDate().isBefore(after))
                .skip(n).findFirst().orElseThrow();
    }

    public static Map<String, Object> application(String office, String seekerNumber, OffsetDateTime... starts) {
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", office);
        body.put("name", "加賀 太郎");
        body.put("seekerNumber", seekerNumber);
        body.put("preferredStarts", List.of(starts).stream().map(OffsetDateTime::toString).toList());
        body.put("email", "taro@example.jp");
        body.put("phone", "0761-00-1234");
        if ("kabe".equals(office)) {
            body.put("counselorName", "安佐");
        }
        return body;
    }

    /** Generous abuse limits, set once per test run: see {@link #ensureGenerousLimits()}. */
    private static volatile boolean generous;

    /**
     * The tests share a handful of demo users and apply far more often than one person may in a day, so the suite
     * runs with the largest limits the policy allows; {@code ApplicationLimitsTest} sets tight ones for its own
     * checks and puts these back. Called by {@link #apply} and before each test of the classes that apply directly.
     */
    public static synchronized void ensureGenerousLimits() {
        if (!generous) {
            limits("kaga", 50, 100);
            limits("kabe", 50, 100);
            generous = true;
        }
    }

    /** Sets an office's abuse limits through its admin, keeping the rest of its policy. */
    public static void limits(String office, int maxOpenRequests, int maxApplicationsPerDay) {
        policy(office, Map.of("maxOpenRequests", maxOpenRequests, "maxApplicationsPerDay", maxApplicationsPerDay));
    }

    /** Changes one value of an office's policy through its admin, keeping the rest. */
    public static void policy(String office, String name, Object value) {
        policy(office, Map.of(name, value));
    }

    private static void policy(String office, Map<String, Object> values) {
        String admin = Tokens.of("admin-" + office);
        Map<String, Object> policy = new HashMap<>(given().auth().oauth2(admin).get("/api/offices/" + office)
                .then().statusCode(200).extract().jsonPath().getMap("policy"));
        policy.putAll(values);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(policy).put("/api/offices/" + office + "/policy")
                .then().statusCode(200);
    }

    public static Response apply(String user, String office, OffsetDateTime... starts) {
        ensureGenerousLimits();
        String token = Tokens.of(user);
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(application(office, Tokens.claim(token, "seeker_number"), starts))
                .post("/api/reservations");
    }

    /** Applies and returns the new reservation's id. */
    public static String requested(String user, String office, OffsetDateTime... starts) {
        return apply(user, office, starts).then().statusCode(201).extract().path("id");
    }

    public static Response confirm(String staff, String id, OffsetDateTime start, String counselorId) {
        Map<String, Object> body = new HashMap<>();
        if (start != null) {
            body.put("slotStart", start.toString());
        }
        if (counselorId != null) {
            body.put("counselorId", counselorId);
        }
        return given().auth().oauth2(Tokens.of(staff)).contentType(ContentType.JSON).body(body)
                .post("/api/staff/reservations/" + id + "/confirm");
    }
}
