package jp.madoguchi.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.MailInbox;
import jp.madoguchi.testing.Offices;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * Mail to an office's mailbox, sent over the stack's real SMTP server and read by the service over IMAP: stored once,
 * what a machine cannot act on is for that office's staff only, machine mail is never answered, and a bounce of one
 * of our messages tells staff to call. (Replies that act through the other services are in the end-to-end tests.)
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "notification"))
class InboundMailTest {

    private static final String KAGA = "kaga-soudan@madoguchi.example.jp";
    /** The first look at a mailbox follows the office projection's first events: generous on a busy machine. */
    private static final Duration FIRST = Duration.ofSeconds(60);

    @BeforeAll
    static void offices() {
        Offices.seed("notification-service");
    }

    private static String withSubject(String subject) {
        return "find { it.subject == '" + subject + "' }";
    }

    @Test
    void mailNoMachineUnderstandsIsForTheOfficesStaffOnlyAndStoredOnce() {
        String subject = "持ち物の質問 " + UUID.randomUUID();
        String messageId = "<" + UUID.randomUUID() + "@mail.example.jp>";
        String sender = "q-" + UUID.randomUUID() + "@example.jp";
        // the same mail twice (a resend, or a second delivery): one entry
        for (int i = 0; i < 2; i++) {
            MailInbox.send(sender, KAGA, subject, "相談のときに必要な書類を教えてください。", Map.of("Message-ID", messageId));
        }
        String staff = Tokens.of("counselor-kaga");
        await().atMost(FIRST).untilAsserted(() -> given().auth().oauth2(staff).queryParam("state", "STAFF")
                .get("/api/staff/mail").then().statusCode(200)
                .body(withSubject(subject) + ".sender", equalTo(sender))
                .body(withSubject(subject) + ".kind", equalTo("FOR_STAFF")));
        // a few more looks at the mailbox: the second copy stays one entry
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1,
                given().auth().oauth2(staff).queryParam("size", 100).get("/api/staff/mail").then().statusCode(200)
                        .extract().jsonPath().getList("findAll { it.subject == '" + subject + "' }").size()));
        String id = given().auth().oauth2(staff).get("/api/staff/mail").then().extract().path(withSubject(subject) + ".id");
        assertTrue(given().auth().oauth2(staff).get("/api/staff/mail").then().extract().asString().indexOf("必要な書類") < 0,
                "the list carries no text");
        given().auth().oauth2(staff).get("/api/staff/mail/" + id).then().statusCode(200)
                .body("text", containsString("必要な書類"));

        // another office's staff, a seeker and nobody do not read it
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/staff/mail/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("counselor-kabe")).get("/api/staff/mail").then().statusCode(200)
                .body(withSubject(subject), equalTo(null));
        given().auth().oauth2(Tokens.of("seeker-kaga")).get("/api/staff/mail/" + id).then().statusCode(403);
        given().get("/api/staff/mail/" + id).then().statusCode(401);

        given().auth().oauth2(staff).post("/api/staff/mail/" + id + "/done").then().statusCode(200)
                .body("state", equalTo("DONE")).body("doneBy", notNullValue());
        given().auth().oauth2(staff).post("/api/staff/mail/" + id + "/done").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anAutoReplyIsNeitherActedOnNorAnswered() {
        String subject = "不在のお知らせ " + UUID.randomUUID();
        String sender = "away-" + UUID.randomUUID() + "@example.jp";
        MailInbox.send(sender, KAGA, subject, "12月10日まで不在です。", Map.of("Auto-Submitted", "auto-replied"));
        await().atMost(FIRST).untilAsserted(() -> given().auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/mail")
                .then().statusCode(200).body(withSubject(subject) + ".state", equalTo("IGNORED"))
                .body(withSubject(subject) + ".kind", equalTo("AUTOMATIC")));
        assertEquals(List.of(), MailInbox.to(sender), "no answer to a machine");
    }

    @Test
    void aBounceOfOneOfOurMessagesMarksItAndPutsACallOnTheOfficesList() {
        UUID reservation = Events.reservationRequested("bounce-seeker", "kaga");
        String staff = Tokens.of("counselor-kaga");
        String row = "find { it.reservationId == '" + reservation + "' }";
        String notification = await().atMost(FIRST).until(() -> given().auth().oauth2(staff).get("/api/notifications")
                .then().statusCode(200).extract().<String>path(row + ".id"), id -> id != null);

        MailInbox.sendDeliveryReport(KAGA, "nobody@example.jp", "online.kaga@madoguchi.example.jp",
                "<" + notification + "@notification.madoguchi>");

        // the person was not told: staff have a call to make, and the delivery log says the message came back
        await().atMost(FIRST).untilAsserted(() -> given().auth().oauth2(staff).get("/api/callbacks")
                .then().statusCode(200).body(row + ".reason", equalTo("UNDELIVERED")));
        given().auth().oauth2(staff).get("/api/notifications").then().statusCode(200).body(row + ".bouncedAt", notNullValue());
        given().auth().oauth2(staff).get("/api/staff/mail").then().statusCode(200)
                .body("find { it.kind == 'BOUNCE' && it.state == 'DONE' }", notNullValue());
    }
}
