package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.EventContract;
import jp.madoguchi.testing.ServiceTestResource;

/**
 * Integrators fetch the event contract from any service, without a token: the platform jar's
 * META-INF/resources are served as static files.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class EventContractServedTest {

    @Test
    void theAsyncApiDocumentIsServedAsIs() throws Exception {
        String expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventContract.DOCUMENT)) {
            assertNotNull(in, EventContract.DOCUMENT);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String served = given().get("/asyncapi/madoguchi.yaml").then().statusCode(200).extract().asString();
        assertEquals(expected, served);
    }
}
