package jp.madoguchi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.LogCapture;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * A real email goes out (real SMTP server, real Keycloak for the service token) while the log is captured: no
 * name, address or phone number of the person may appear in it. The reservation service's contact endpoint is a
 * stub here, so the personal values are known to the test; the delivery-status gauges must show the sent message.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.StubContactDirectory.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class ObservabilityTest {

    static final String N = String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
    static final String NAME = "通知 次郎" + N;
    static final String EMAIL = "jiro.obs" + N + "@example.jp";
    static final String PHONE = "0761-66-" + N;

    /** Answers every contact lookup with the same person. */
    public static class StubContactDirectory implements QuarkusTestProfile {
        private static HttpServer server;

        static synchronized int port() {
            if (server == null) {
                try {
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                server.createContext("/internal/reservations/", exchange -> {
                    String id = exchange.getRequestURI().getPath().split("/")[3];
                    String json = "{\"reservationId\":\"" + id + "\",\"officeId\":\"kaga\",\"name\":\"" + NAME
                            + "\",\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\",\"kind\":\"REGULAR\","
                            + "\"detailDelivery\":\"EMAIL\",\"slotStart\":\"2030-01-09T14:00:00+09:00\","
                            + "\"slotEnd\":\"2030-01-09T14:30:00+09:00\"}";
                    byte[] body = json.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
                server.start();
            }
            return server.getAddress().getPort();
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("madoguchi.reservation-service.url", "http://127.0.0.1:" + port());
        }
    }

    @Test
    void anEmailIsSentAndNothingPersonalIsLoggedAndTheGaugesCountIt() {
        List<String> personal = List.of(NAME, EMAIL, PHONE);
        try (LogCapture log = LogCapture.start()) {
            UUID reservation = Events.reservationRequested("some-seeker", "kaga");
            // SENT: the real SMTP server accepted the message for the person's address
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga"))
                    .get("/api/notifications").then().statusCode(200)
                    .body("find { it.reservationId == '" + reservation + "' }.status", equalTo("SENT")));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
                assertTrue(metrics.contains("madoguchi_notifications_current{channel=\"EMAIL\",office=\"kaga\",status=\"SENT\"}"),
                        metrics);
            });
            assertEquals(List.of(), log.linesContaining(personal), "personal details in the log for " + reservation);
        }
    }
}
