package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.testing.Databases;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * The four services and a TeleOffice simulator as separate processes against the real stack, started once for all end-to-end classes of
 * this JVM (each start costs the build seconds) and stopped when it exits. Databases and topics are this run's own.
 */
final class Suite {

    static final String PREFIX = "e2e-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    static final String RESERVATIONS_TOPIC = PREFIX + "madoguchi.reservations";
    static final String MEETINGS_TOPIC = PREFIX + "madoguchi.meetings";

    private static Suite running;

    final ServiceProcess reservation;
    final ServiceProcess consent;
    final ServiceProcess meeting;
    final ServiceProcess notification;
    /** This run's own TeleOffice simulator (not the stack's), so that a test may take it down and back up. */
    final ServiceProcess simulator;
    final String teleofficeApiKey;
    /** The reference My Page and staff console, the one origin the services let browsers call them from. */
    final ServiceProcess web;

    private Suite(ServiceProcess reservation, ServiceProcess consent, ServiceProcess meeting, ServiceProcess notification,
            ServiceProcess simulator, String teleofficeApiKey, ServiceProcess web) {
        this.reservation = reservation;
        this.consent = consent;
        this.meeting = meeting;
        this.notification = notification;
        this.simulator = simulator;
        this.teleofficeApiKey = teleofficeApiKey;
        this.web = web;
    }

    static synchronized Suite get() throws Exception {
        if (running == null) {
            running = start();
        }
        return running;
    }

    private static Suite start() throws Exception {
        StackInfo stack = Stack.get();
        Path root = Path.of(System.getProperty("madoguchi.root", "..")).toAbsolutePath().normalize();
        List<ServiceProcess> all = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(Suite::close)));
        // the web app's port first: the services let in its origin, and no other
        int webPort = ServiceProcess.freePort();
        String webOrigin = "http://localhost:" + webPort;
        // check for unanswered re-consent and overdue answers every two seconds instead of every minute
        ServiceProcess reservation = start(all, stack, root, "reservation-service", "reservation", webOrigin,
                Map.of("madoguchi.reservation.reconsent-check", "2s", "madoguchi.reservation.overdue-check", "2s"));
        ServiceProcess consent = start(all, stack, root, "consent-service", "consent", webOrigin, Map.of());
        // the TeleOffice simulator as a process of its own, with this stack's key and webhook secret
        ServiceProcess simulator = ServiceProcess.start(root, "teleoffice-simulator", Map.of(
                "teleoffice.api-key", stack.teleofficeApiKey(), "teleoffice.webhook-secret", stack.teleofficeWebhookSecret()));
        all.add(simulator);
        // meeting-service tells TeleOffice its own address for the webhook: its port is chosen first; TeleOffice
        // calls are retried after 1 s and 2 s, deadlines are checked every two seconds
        int meetingPort = ServiceProcess.freePort();
        ServiceProcess meeting = start(all, stack, root, "meeting-service", "meeting", meetingPort, webOrigin, Map.of(
                "madoguchi.meeting.provider.base-url", simulator.url(),
                "madoguchi.meeting.public-base-url", "http://localhost:" + meetingPort,
                "madoguchi.meeting.tasks.first-retry", "PT1S", "madoguchi.meeting.tasks.max-retry", "PT2S",
                "madoguchi.meeting.tasks.check", "1s", "madoguchi.meeting.deadline-check", "2s"));
        // a failed delivery is tried again after 1 s, 2 s, 4 s, ... so an outage test need not wait minutes
        ServiceProcess notification = start(all, stack, root, "notification-service", "notification", webOrigin,
                Map.of("madoguchi.reservation-service.url", reservation.url(),
                        "madoguchi.meeting-service.url", meeting.url(),
                        "madoguchi.consent-service.url", consent.url(),
                        "madoguchi.notification.first-retry", "PT1S",
                        // the office mailboxes are read every second, not every 30 s, so a mail test need not wait
                        "madoguchi.notification.inbound.poll-interval", "1s"));
        // in its production profile, told every address as a deployment tells it
        ServiceProcess web = ServiceProcess.start(root, "web", webPort, Map.of(
                "madoguchi.web.keycloak-realm-url", stack.keycloakRealmUrl(),
                "madoguchi.web.services.reservation", reservation.url(), "madoguchi.web.services.consent", consent.url(),
                "madoguchi.web.services.meeting", meeting.url(), "madoguchi.web.services.notification", notification.url()));
        all.add(web);
        try {
            // generous: on a loaded machine (parallel builds) a start takes minutes; a healthy one needs seconds
            for (ServiceProcess s : all) {
                s.awaitReady(Duration.ofSeconds(300));
            }
        } catch (RuntimeException | InterruptedException e) {
            // the next class retries: none of these may still hold the databases it recreates
            all.forEach(Suite::close);
            all.clear();
            throw e;
        }
        generousLimits(reservation.url(), "kaga");
        generousLimits(reservation.url(), "kabe");
        return new Suite(reservation, consent, meeting, notification, simulator, stack.teleofficeApiKey(), web);
    }

    /**
     * The suite's few demo users apply far more often than one person may in a day: the offices' abuse limits are
     * set to the largest the policy allows (through their admins, like any policy change). They are proven in
     * reservation-service's ApplicationLimitsTest.
     */
    static void generousLimits(String reservationUrl, String office) {
        String admin = Tokens.of("admin-" + office);
        Map<String, Object> policy = new HashMap<>(given().baseUri(reservationUrl).auth().oauth2(admin)
                .get("/api/offices/" + office).then().statusCode(200).extract().jsonPath().getMap("policy"));
        policy.put("maxOpenRequests", 50);
        policy.put("maxApplicationsPerDay", 100);
        given().baseUri(reservationUrl).auth().oauth2(admin).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/" + office + "/policy").then().statusCode(200);
    }

    private static ServiceProcess start(List<ServiceProcess> all, StackInfo stack, Path root, String service, String db,
            String webOrigin, Map<String, String> extra) throws Exception {
        return start(all, stack, root, service, db, ServiceProcess.freePort(), webOrigin, extra);
    }

    private static ServiceProcess start(List<ServiceProcess> all, StackInfo stack, Path root, String service, String db,
            int port, String webOrigin, Map<String, String> extra) throws Exception {
        Databases.recreate(stack, db + "_e2e", db);
        Map<String, String> config = new HashMap<>(ServiceTestResource.config(stack, db, db + "_e2e", PREFIX));
        // our own code logs at DEBUG here, so the privacy check of the logs sees every line it could write
        config.put("quarkus.log.category.\"jp.madoguchi\".level", "DEBUG");
        config.put("madoguchi.metrics.refresh-interval", "1s");
        config.put("quarkus.http.cors.origins", webOrigin);
        config.putAll(extra);
        ServiceProcess p = ServiceProcess.start(root, service, service, port, config, stack.serviceSettings(service));
        all.add(p);
        return p;
    }

    List<ServiceProcess> all() {
        return List.of(reservation, consent, meeting, notification, simulator);
    }

    private static void close(ServiceProcess p) {
        try {
            p.close();
        } catch (Exception e) {
            // the JVM is exiting; a process that will not stop is killed with it
        }
    }
}
