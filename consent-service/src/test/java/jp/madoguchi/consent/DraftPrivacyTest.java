package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jp.madoguchi.testing.Pages;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * A draft exists only for its office's admins until it is published: every endpoint that takes a version answers
 * anyone else exactly as for a version that was never issued. A published version is public and never changes.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class DraftPrivacyTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UNKNOWN = "kaga-never-issued";

    /** Everyone but the draft's admins; null is nobody signed in. */
    private static final List<String> OTHERS = java.util.Arrays.asList(null, "seeker-kaga", "employer-kaga",
            "counselor-kaga", "admin-kabe");

    private static RequestSpecification as(String user) {
        return user == null ? given() : given().auth().oauth2(Tokens.of(user));
    }

    /** What the endpoints that take a version answer, each as a function of the version id. */
    private static Map<String, Function<String, Response>> endpoints(String user) {
        Map<String, Function<String, Response>> all = new HashMap<>();
        all.put("by id", v -> as(user).get("/api/offices/kaga/terms/" + v));
        all.put("page", v -> as(user).accept("text/html").get("/api/offices/kaga/terms/" + v));
        all.put("diff to", v -> as(user).queryParam("from", "kaga-2023-06-15").queryParam("to", v)
                .get("/api/offices/kaga/terms/diff"));
        all.put("diff from", v -> as(user).queryParam("from", v).queryParam("to", "kaga-2023-06-15")
                .get("/api/offices/kaga/terms/diff"));
        all.put("consent", v -> as(user).post("/api/offices/kaga/terms/" + v + "/consent"));
        all.put("public page", v -> as(user).get("/terms/kaga/" + v));
        all.put("edit", v -> as(user).contentType(ContentType.JSON).body(draft(v, "x")).put("/api/offices/kaga/terms/" + v));
        all.put("publish", v -> as(user).post("/api/offices/kaga/terms/" + v + "/publish"));
        return all;
    }

    private static Map<String, Object> draft(String id, String text) {
        LocalDate effective = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(50);
        return new HashMap<>(Map.of("id", id, "title", "オンライン職業相談等利用規約（ハローワーク加賀）",
                "enactedOn", LocalDate.now().toString(), "effectiveFrom", effective.toString(),
                "changeNotice", effective + " から第1条を改めます。",
                "articles", List.of(Map.of("number", "1", "heading", "目的", "body", text))));
    }

    private static String newDraft(String text) {
        String id = "kaga-draft-" + System.nanoTime();
        given().auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON).body(draft(id, text))
                .post("/api/offices/kaga/terms").then().statusCode(201).body("status", equalTo("DRAFT"));
        return id;
    }

    private static List<String> listed(String user) {
        return Pages.walk(() -> as(user), "/api/offices/kaga/terms", 2, "id");
    }

    @Test
    void aDraftIsNotFoundForAnyoneButItsOfficesAdminsOnEveryEndpoint() {
        String id = newDraft("下書きの目的。");
        for (String user : OTHERS) {
            endpoints(user).forEach((name, call) -> {
                Response draft = call.apply(id);
                Response unknown = call.apply(UNKNOWN);
                String who = (user == null ? "anonymous" : user) + " / " + name;
                assertEquals(unknown.statusCode(), draft.statusCode(), who + ": a draft answers like an unknown version");
                assertTrue(draft.statusCode() >= 400, who + " must not read or change the draft: " + draft.statusCode());
                assertTrue(draft.contentType().startsWith(PROBLEM_JSON), who + ": " + draft.contentType());
                assertFalse(draft.asString().contains("下書きの目的"), who + " sees the draft's text");
            });
            // where a signed-in caller reaches the version at all, the answer is 404
            if (user != null) {
                as(user).get("/api/offices/kaga/terms/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
            }
        }
        given().get("/terms/kaga/" + id).then().statusCode(404).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/offices/kaga/terms/" + id + "/consent")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        for (String user : List.of("seeker-kaga", "counselor-kaga", "admin-kabe")) {
            assertFalse(listed(user).contains(id), user + " must not see the draft in the list");
        }

        String admin = Tokens.of("admin-kaga");
        given().auth().oauth2(admin).get("/api/offices/kaga/terms/" + id).then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("articles[0].body", equalTo("下書きの目的。"));
        given().auth().oauth2(admin).accept("text/html").get("/api/offices/kaga/terms/" + id).then().statusCode(200)
                .body(containsString("下書きの目的。"));
        given().auth().oauth2(admin).queryParam("from", "kaga-2023-06-15").queryParam("to", id)
                .get("/api/offices/kaga/terms/diff").then().statusCode(200);
        assertTrue(listed("admin-kaga").contains(id), "the office's admin lists its drafts");
    }

    @Test
    void oncePublishedTheVersionIsPublicAndAnEditIsAConflict() {
        String id = newDraft("公開する目的。");
        String admin = Tokens.of("admin-kaga");
        given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));

        given().get("/terms/kaga/" + id).then().statusCode(200).body(containsString("公開する目的。"));
        for (String user : List.of("seeker-kaga", "counselor-kaga", "admin-kabe")) {
            as(user).get("/api/offices/kaga/terms/" + id).then().statusCode(200).body("articles[0].body", equalTo("公開する目的。"));
            assertTrue(listed(user).contains(id), user + " lists the published version");
        }
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft(id, "公開後の書き換え。"))
                .put("/api/offices/kaga/terms/" + id).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:terms.immutable"));
        given().get("/terms/kaga/" + id).then().statusCode(200).body(containsString("公開する目的。"));
    }

    /**
     * Edits racing the publication of the same draft: whatever wins, the published text is the one the publication
     * answered, and every edit either committed before it or was refused (409).
     */
    @Test
    void anEditRacingThePublicationNeverChangesThePublishedText() {
        String id = newDraft("競合前の目的。");
        String admin = Tokens.of("admin-kaga");
        List<CompletableFuture<Response>> edits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String text = "編集" + i + "の目的。";
            edits.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(admin).contentType(ContentType.JSON)
                    .body(draft(id, text)).put("/api/offices/kaga/terms/" + id)));
        }
        Response published = given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish");
        for (CompletableFuture<Response> edit : edits) {
            int status = edit.join().statusCode();
            assertTrue(status == 200 || status == 409, "an edit either commits or loses the race: " + status);
        }
        // the publication itself may have lost against an edit: then the draft is still a draft and publishes now
        if (published.statusCode() == 409) {
            published = given().auth().oauth2(admin).post("/api/offices/kaga/terms/" + id + "/publish");
        }
        assertEquals(200, published.statusCode(), published.asString());
        String text = published.jsonPath().getString("articles[0].body");
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga/terms/" + id).then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("articles[0].body", equalTo(text));
    }

    @Test
    void theTermsListIsPaged() {
        newDraft("一覧のための下書き。");
        Pages.rejectsBadParameters(() -> as("admin-kaga"), "/api/offices/kaga/terms");
        List<String> all = Pages.walk(() -> as("admin-kaga"), "/api/offices/kaga/terms", 1, "id");
        assertTrue(all.containsAll(List.of("kaga-2023-06-15", "kaga-2022-12-12")), all.toString());
        given().auth().oauth2(Tokens.of("seeker-kaga")).queryParam("size", 1).get("/api/offices/kaga/terms")
                .then().statusCode(200).header("Link", containsString("rel=\"next\""));
    }
}
