package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jp.madoguchi.testing.Race;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * Rows changed in place are versioned: of two concurrent changes made on the same read, one stands and the other
 * is told (409 problem+json); nothing is mixed or overwritten unseen.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class ConcurrentChangesTest {

    @Test
    void twoSchedulesSavedAtOnceNeverMixAndALoserIsToldWithAConflict() throws Exception {
        String admin = Tokens.of("admin-kaga");
        List<Map<String, Object>> original = given().auth().oauth2(admin).get("/api/offices/kaga/schedule")
                .then().statusCode(200).extract().jsonPath().getList("");
        List<Map<String, Object>> wider = original.stream().map(slot -> {
            Map<String, Object> s = new HashMap<>(slot);
            s.put("capacity", ((Number) slot.get("capacity")).intValue() + 1);
            return (Map<String, Object>) s;
        }).toList();
        try {
            for (int round = 0; round < 3; round++) {
                List<Response> answers = Race.of(() -> put(admin, original), () -> put(admin, wider));
                for (Response r : answers) {
                    assertTrue(r.statusCode() == 200 || r.statusCode() == 409, "200 or 409, got " + r.statusCode()
                            + ": " + r.asString());
                    if (r.statusCode() == 409) {
                        assertEquals("application/problem+json", r.contentType());
                        assertEquals("urn:madoguchi:problem:concurrent-update", r.path("type"));
                    }
                }
                assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 200), "one of them stands");
                List<Map<String, Object>> now = given().auth().oauth2(admin).get("/api/offices/kaga/schedule")
                        .then().statusCode(200).extract().jsonPath().getList("");
                assertTrue(now.equals(original) || now.equals(wider), "one whole schedule, never a mix: " + now);
            }
        } finally {
            put(admin, original).then().statusCode(200);
        }
    }

    @Test
    void aRefusalLiftedByTwoStaffAtOnceIsLiftedOnce() throws Exception {
        String counselor = Tokens.of("counselor-kaga");
        String admin = Tokens.of("admin-kaga");
        String id = given().auth().oauth2(counselor).contentType(ContentType.JSON)
                .body(Map.of("userId", "someone-" + UUID.randomUUID(), "reason", "test"))
                .post("/api/staff/restrictions").then().statusCode(201).extract().path("id");

        List<Response> answers = Race.of(
                () -> given().auth().oauth2(counselor).delete("/api/staff/restrictions/" + id),
                () -> given().auth().oauth2(admin).delete("/api/staff/restrictions/" + id));
        assertEquals(1, answers.stream().filter(r -> r.statusCode() == 200).count(),
                "exactly one lift stands: " + answers.stream().map(Response::statusCode).toList());
        // the other was told: the row changed under it (409), or it was already lifted when it looked (404)
        Response other = answers.stream().filter(r -> r.statusCode() != 200).findFirst().orElseThrow();
        assertTrue(other.statusCode() == 409 || other.statusCode() == 404, "got " + other.statusCode());
        assertEquals("application/problem+json", other.contentType());
    }

    private static Response put(String admin, List<Map<String, Object>> schedule) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON).body(schedule).put("/api/offices/kaga/schedule");
    }
}
