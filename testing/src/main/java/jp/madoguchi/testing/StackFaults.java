package jp.madoguchi.testing;

import static io.restassured.RestAssured.given;

/**
 * Crashes the stack's PostgreSQL or Kafka broker and brings it back, through the dev stack's control API
 * (loopback only, next to the mail inbox). For the fault suite; every other test leaves the stack alone.
 */
public final class StackFaults {

    private static final String HEADER = "X-Madoguchi-Stack-Control";

    private StackFaults() {
    }

    /** kill -9 of the postmaster and every backend. */
    public static void killPostgres() {
        post("/postgres/kill");
    }

    /** Starts PostgreSQL again (crash recovery); returns once it takes connections. */
    public static void startPostgres() {
        post("/postgres/start");
    }

    /**
     * Restarts PostgreSQL cleanly with fsync and synchronous_commit on, or back as the stack started it: a test
     * that kills the database must run it durable, or it measures the setting, not the code.
     */
    public static void durablePostgres(boolean on) {
        post("/postgres/durable?on=" + on);
    }

    /** kill -9 of the broker. */
    public static void killKafka() {
        post("/kafka/kill");
    }

    /** Relaunches the broker as it was started; returns once its port accepts connections. */
    public static void startKafka() {
        post("/kafka/start");
    }

    private static void post(String path) {
        given().header(HEADER, "1").post(Stack.get().mailApiUrl() + "/api/stack" + path).then().statusCode(204);
    }
}
