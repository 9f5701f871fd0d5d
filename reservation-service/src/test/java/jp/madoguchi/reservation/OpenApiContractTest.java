package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter.OpenApiValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.madoguchi.platform.problem.Problem;
import jp.madoguchi.testing.ApiContract;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * The answers of this service's API tests are checked against its own OpenAPI document ({@link ApiContract}): the
 * check is on for them, and a real answer that the document does not describe fails it.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class OpenApiContractTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    @Test
    void everyAnswerOfAnApiTestIsChecked() {
        long before = ApiContract.checked();
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices").then().statusCode(200);
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/00000000-0000-4000-8000-000000000000")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        assertEquals(before + 2, ApiContract.checked());
    }

    @Test
    void theDocumentSaysWhatAnApplicationAnswers() throws Exception {
        JsonNode apply = JSON.readTree(ApiContract.document(base())).at("/paths/~1api~1reservations/post/responses");
        assertTrue(apply.has("201") && !apply.has("200"), apply.toString());
        for (String status : new String[] {"400", "401", "403"}) {
            assertEquals("#/components/schemas/Problem",
                    apply.at("/" + status + "/content/application~1problem+json/schema/$ref").asText(), status);
        }
    }

    @Test
    void aRealAnswerTheDocumentDoesNotDescribeFails() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(ApiContract.document(base()));
        // the document as it would be if an office had a member the service does not send
        ObjectNode office = (ObjectNode) document.at("/components/schemas/OfficeView");
        ((ArrayNode) office.withArray("required")).add("hotline");
        office.with("properties").putObject("hotline").put("type", "string");
        OpenApiValidationFilter tampered = new OpenApiValidationFilter(ApiContract.validator(JSON.writeValueAsString(document)));
        OpenApiValidationException failed = assertThrows(OpenApiValidationException.class,
                () -> given().filter(tampered).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga"));
        assertTrue(failed.getMessage().contains("hotline"), failed.getMessage());

        // and a status the document does not name: the problem of an unknown reservation, were 404 not documented
        ObjectNode withoutNotFound = (ObjectNode) JSON.readTree(ApiContract.document(base()));
        ((ObjectNode) withoutNotFound.at("/paths/~1api~1reservations~1{id}/get/responses")).remove("404");
        OpenApiValidationFilter undocumented = new OpenApiValidationFilter(
                ApiContract.validator(JSON.writeValueAsString(withoutNotFound)));
        OpenApiValidationException unknown = assertThrows(OpenApiValidationException.class,
                () -> given().filter(undocumented).auth().oauth2(Tokens.of("seeker-kaga"))
                        .get("/api/reservations/00000000-0000-4000-8000-000000000000"));
        assertTrue(unknown.getMessage().contains("validation.response.status.unknown"), unknown.getMessage());
    }
}
