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

    public static Response apply(String user, String office, OffsetDateTime... starts) {
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
