package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.JST;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * The service keeps what changes rarely (an office's policy, calendar, closure days and schedule) between reads. What a
 * person sees is nonetheless what the office says at the moment they ask: each kind of change shows on the very next
 * read, whether this replica made it or another one did. Every test reads first, so that there is something kept to go
 * stale, and puts the office back as it was.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class AvailabilityAfterChangesTest {

    private static final String ADMIN = "admin-kaga";

    @BeforeEach
    void generousLimits() {
        Booking.ensureGenerousLimits();
    }

    private static List<Map<String, Object>> open() {
        return Booking.openSlots("kaga", 40);
    }

    private static OffsetDateTime start(Map<String, Object> slot) {
        return OffsetDateTime.parse((String) slot.get("start"));
    }

    private static List<Map<String, Object>> schedule() {
        return given().auth().oauth2(Tokens.of(ADMIN)).get("/api/offices/kaga/schedule")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static void putSchedule(List<Map<String, Object>> slots) {
        given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON).body(slots).put("/api/offices/kaga/schedule")
                .then().statusCode(200);
    }

    private static boolean offersWeekly(List<Map<String, Object>> open, Map<String, Object> weekly) {
        return open.stream().map(s -> start(s).atZoneSameInstant(JST)).anyMatch(t -> t.getDayOfWeek().name()
                .equals(weekly.get("dayOfWeek")) && t.toLocalTime().equals(LocalTime.parse((String) weekly.get("start"))));
    }

    @Test
    void aSlotTakenOutOfTheWeeklyScheduleIsGoneFromTheNextReadAndBackWhenPutBack() {
        List<Map<String, Object>> original = schedule();
        Map<String, Object> dropped = original.get(0);
        assertTrue(offersWeekly(open(), dropped), "the slot is offered before the change: " + dropped);
        List<Map<String, Object>> fewer = new ArrayList<>(original.subList(1, original.size()));
        try {
            putSchedule(fewer);
            assertFalse(offersWeekly(open(), dropped), "the slot taken out is still offered: " + dropped);
        } finally {
            putSchedule(original);
        }
        assertTrue(offersWeekly(open(), dropped), "the slot put back is offered again: " + dropped);
    }

    @Test
    void aClosureDayDeclaredAndLiftedShowsOnTheNextRead() {
        LocalDate day = start(open().get(0)).atZoneSameInstant(JST).toLocalDate();
        String admin = Tokens.of(ADMIN);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "設備点検"))
                .put("/api/offices/kaga/closures/" + day).then().statusCode(200);
        try {
            assertFalse(open().stream().anyMatch(s -> start(s).atZoneSameInstant(JST).toLocalDate().equals(day)),
                    "slots offered on the closure day " + day);
        } finally {
            given().auth().oauth2(admin).delete("/api/offices/kaga/closures/" + day).then().statusCode(204);
        }
        assertTrue(open().stream().anyMatch(s -> start(s).atZoneSameInstant(JST).toLocalDate().equals(day)),
                "no slot on " + day + " once it is open again");
    }

    @Test
    void aPolicyChangeShowsInTheOfficeAndItsSlotsOnTheNextRead() {
        assertTrue(open().stream().allMatch(s -> Duration.between(start(s), OffsetDateTime.parse((String) s.get("end")))
                .equals(Duration.ofMinutes(30))));
        LocalDate today = LocalDate.now(JST);
        try {
            Booking.policy("kaga", "sessionMinutes", 20);
            Booking.policy("kaga", "bookingHorizonDays", 10);
            given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga").then().statusCode(200)
                    .body("policy.sessionMinutes", equalTo(20)).body("policy.bookingHorizonDays", equalTo(10));
            List<Map<String, Object>> open = open();
            assertFalse(open.isEmpty());
            for (Map<String, Object> s : open) {
                assertEquals(Duration.ofMinutes(20), Duration.between(start(s), OffsetDateTime.parse((String) s.get("end"))));
                assertFalse(start(s).atZoneSameInstant(JST).toLocalDate().isAfter(today.plusDays(10)), "beyond the horizon: " + s);
            }
        } finally {
            Booking.policy("kaga", "sessionMinutes", 30);
            Booking.policy("kaga", "bookingHorizonDays", 60);
        }
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/offices/kaga").then().statusCode(200)
                .body("policy.sessionMinutes", equalTo(30));
        assertTrue(open().stream().anyMatch(s -> start(s).atZoneSameInstant(JST).toLocalDate().isAfter(today.plusDays(10))));
    }

    /** Seats are counted afresh on every read: a request holds none, a confirmation one, a cancellation gives it back. */
    @Test
    void aSeatConfirmedIsTakenOnTheNextReadAndGivenBackWhenCancelled() {
        OffsetDateTime slot = Booking.slot("kaga", 7, 0);
        int free = free(slot);
        String id = Booking.requested("seeker-kaga", "kaga", slot);
        assertEquals(free, free(slot), "a request holds no seat");
        Booking.confirm("counselor-kaga", id, null, null).then().statusCode(200);
        assertEquals(free - 1, free(slot), "a confirmed booking holds one");
        given().auth().oauth2(Tokens.of("seeker-kaga")).post("/api/reservations/" + id + "/cancel").then().statusCode(200);
        assertEquals(free, free(slot), "a cancelled booking gives it back");
    }

    private static int free(OffsetDateTime slot) {
        return open().stream().filter(s -> start(s).isEqual(slot)).findFirst()
                .map(s -> ((Number) s.get("free")).intValue()).orElse(0);
    }

    /**
     * Another replica's change reaches this one through nothing but the database: here it is committed the way that
     * replica's schedule change commits it (the office's version moved on in the same transaction), behind this
     * service's back.
     */
    @Test
    void aScheduleChangeCommittedByAnotherReplicaShowsOnTheNextRead() throws SQLException {
        Map<String, Object> first = open().get(0);
        int capacity = ((Number) first.get("capacity")).intValue();
        try {
            asAnotherReplica("UPDATE weekly_slot SET capacity = capacity + 1 WHERE office_id = 'kaga'");
            Map<String, Object> now = open().stream().filter(s -> s.get("start").equals(first.get("start"))).findFirst()
                    .orElseThrow();
            assertEquals(capacity + 1, ((Number) now.get("capacity")).intValue());
        } finally {
            asAnotherReplica("UPDATE weekly_slot SET capacity = capacity - 1 WHERE office_id = 'kaga'");
        }
        assertEquals(capacity, ((Number) open().stream().filter(s -> s.get("start").equals(first.get("start")))
                .findFirst().orElseThrow().get("capacity")).intValue());
    }

    private static void asAnotherReplica(String change) throws SQLException {
        StackInfo stack = Stack.get();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("reservation_test"), stack.postgresSuperuser(),
                stack.postgresSuperpassword()); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("UPDATE office SET version = version + 1 WHERE id = 'kaga'");
            s.executeUpdate(change);
            c.commit();
        }
    }
}
