package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * With the broker unreachable, applying still works and its event waits in the outbox, counted and
 * explained, for the relay to retry (the broker coming back is exercised by hand: see the closing note).
 */
@QuarkusTest
@TestProfile(OutboxWhileBrokerDownTest.BrokerDown.class)
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class OutboxWhileBrokerDownTest {

    @org.junit.jupiter.api.BeforeEach
    void generousLimits() {
        jp.madoguchi.reservation.support.Booking.ensureGenerousLimits();
    }

    public static class BrokerDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // only the outbox producer loses the broker: nothing listens on port 9
            return Map.of("mp.messaging.outgoing.outbox.bootstrap.servers", "localhost:9",
                    "mp.messaging.outgoing.outbox.max.block.ms", "1000",
                    "mp.messaging.outgoing.outbox.delivery.timeout.ms", "2000",
                    "mp.messaging.outgoing.outbox.request.timeout.ms", "1000");
        }
    }

    @Test
    void anApplicationIsAcceptedAndItsEventKeptUntilTheBrokerAnswers() throws Exception {
        String token = Tokens.of("seeker-kaga");
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Booking.application("kaga", Tokens.claim(token, "seeker_number"), Booking.slot("kaga", 0, 0)))
                .post("/api/reservations")
                .then().statusCode(201).body("state", equalTo("REQUESTED"))
                .extract().path("id");

        // with the broker away a pass stops at the first failure: the oldest waiting row (the offices this start
        // opened, or the application itself) is tried again and again, and nothing behind it is lost
        await().atMost(Duration.ofSeconds(30)).until(() -> oldestWaitingAttempts() >= 2);
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select published_at from outbox_event where subject = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                org.junit.jupiter.api.Assertions.assertTrue(r.next(), "the application's event is kept");
                org.junit.jupiter.api.Assertions.assertNull(r.getObject("published_at"), "not published while the broker is away");
            }
        }
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select last_error from outbox_event where published_at is null and parked_at is null and discarded_at is null order by seq limit 1");
                ResultSet r = s.executeQuery()) {
            r.next();
            org.junit.jupiter.api.Assertions.assertNotNull(r.getString("last_error"), "the failure is recorded");
        }
    }

    private static int oldestWaitingAttempts() throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select attempts from outbox_event where published_at is null and parked_at is null and discarded_at is null order by seq limit 1");
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(Stack.get().jdbcUrl("reservation_test"), "reservation",
                Stack.get().secrets().dbPassword("reservation"));
    }
}
