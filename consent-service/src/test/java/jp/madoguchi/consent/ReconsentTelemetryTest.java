package jp.madoguchi.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jp.madoguchi.testing.LogCapture;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * The signed re-consent link is a bearer secret: opening and answering it leaves its token in no span attribute, no
 * metric label and no log line. Every span is sampled here (and only here), so the spans are really made.
 */
@QuarkusTest
@TestProfile(ReconsentTelemetryTest.Sampled.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "consent"))
class ReconsentTelemetryTest {

    public static class Sampled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no collector in tests: spans are sampled, recorded and handed to RecordedSpans, the export goes nowhere
            return Map.of("quarkus.otel.traces.sampler.arg", "1.0",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1");
        }
    }

    @Inject
    RecordedSpans spans;

    @Test
    void theTokenOfASignedLinkStaysOutOfTracesMetricsAndLogs() {
        String user = Tokens.claim(Tokens.of("seeker-kaga"), "sub");
        String path;
        try (LogCapture logs = LogCapture.start()) {
            path = ReconsentLinks.path(ReconsentLinks.request(UUID.randomUUID(), user));
            RestAssured.given().get(path).then().statusCode(200);
            RestAssured.given().post(path).then().statusCode(200);
            // a forged token is a secret too (someone's mistyped link)
            RestAssured.given().get(path + "x").then().statusCode(404);
            String token = path.substring("/reconsent/".length());
            assertTrue(token.length() > 20, "a real token: " + token);

            List<SpanData> server = await().atMost(Duration.ofSeconds(10)).until(() -> spans.all().stream()
                    .filter(s -> String.valueOf(s.getAttributes().get(AttributeKey.stringKey("http.route"))).startsWith("/reconsent/"))
                    .toList(), l -> l.size() >= 3);
            List<Executable> checks = new ArrayList<>();
            for (SpanData span : spans.all()) {
                checks.add(() -> assertFalse(span.getName().contains(token), "span name " + span.getName()));
                span.getAttributes().forEach((key, value) -> checks.add(() -> assertFalse(String.valueOf(value).contains(token),
                        "span " + span.getName() + " carries the token in " + key + "=" + value)));
            }
            assertAll(checks);
            assertEquals("/reconsent/{redacted}", server.get(0).getAttributes().get(AttributeKey.stringKey("url.path")),
                    "the server span keeps the path's shape");

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertFalse(metrics.contains(token), "a metric label carries the token");
            assertTrue(metrics.contains("uri=\"/reconsent/{token}\""), "requests to the link are counted under the route");

            assertEquals(List.of(), logs.linesContaining(List.of(token)), "log lines carry the token");
        }
    }
}
