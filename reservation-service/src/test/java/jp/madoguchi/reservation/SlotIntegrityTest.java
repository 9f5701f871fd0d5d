package jp.madoguchi.reservation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.reservation.support.Booking;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/** A slot and a counselor are never booked twice, however many confirmations race for them. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class SlotIntegrityTest {

    private static final int RACERS = 16;

    /** Kaga's admin puts a counselor on the office's roster, so bookings may be given to them. */
    private static void enrol(String counselor) {
        io.restassured.RestAssured.given().auth().oauth2(Tokens.of("admin-kaga"))
                .contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of())
                .put("/api/staff/counselors/" + counselor).then().statusCode(200);
    }

    /** Fires one confirmation per reservation at once; returns the HTTP statuses. */
    private static List<Integer> race(List<String> ids, OffsetDateTime start, boolean sameCounselor) throws Exception {
        String token = Tokens.of("counselor-kaga");
        for (int i = 0; i < ids.size(); i++) {
            enrol(sameCounselor ? "counselor-one" : "counselor-" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                String counselor = sameCounselor ? "counselor-one" : "counselor-" + i;
                calls.add(() -> Booking.confirm("counselor-kaga", id, start, counselor).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
            token.length();
        }
    }

    private static List<String> requests(String office, OffsetDateTime start, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Booking.requested(i % 2 == 0 ? "seeker-kaga" : "seeker2-kaga", office, start));
        }
        return ids;
    }

    @Test
    void aSlotNeverTakesMoreConsultationsThanCounselorsOnDuty() throws Exception {
        OffsetDateTime start = Booking.slot("kaga", 10, 0); // Kaga's demo slots have two counselors
        List<Integer> statuses = race(requests("kaga", start, RACERS), start, false);
        assertEquals(2, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(RACERS - 2, statuses.stream().filter(s -> s == 409).count(), "the rest are told the slot is full");
        assertEquals(2, holding(start), "the database agrees");
    }

    @Test
    void aCounselorNeverHoldsTwoConsultationsAtOnce() throws Exception {
        OffsetDateTime start = Booking.slot("kaga", 10, 1);
        List<Integer> statuses = race(requests("kaga", start, RACERS), start, true);
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        assertEquals(1, holding(start));
    }

    private static int holding(OffsetDateTime start) throws Exception {
        try (Connection c = DriverManager.getConnection(Stack.get().jdbcUrl("reservation_test"), "reservation",
                Stack.get().secrets().dbPassword("reservation"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from reservation where slot_start = '" + start
                        + "' and state in ('CONFIRMED', 'AWAITING_RECONSENT')")) {
            r.next();
            return r.getInt(1);
        }
    }
}
