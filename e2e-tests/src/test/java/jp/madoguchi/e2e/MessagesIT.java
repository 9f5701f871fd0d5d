package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.MailInbox;
import jp.madoguchi.testing.Metrics;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Every message a person gets after applying, through the real services and the real SMTP server: the answer
 * (rejected, confirmed), the office running late, cancellations with the calendar entry withdrawn, a no-show and
 * what it means, access codes in My Page, details "by phone" as call-back tasks for staff, and mail that waits
 * out an SMTP outage. (Acknowledgement, invitation, re-consent and void are in {@link FirstEventPathIT}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MessagesIT {

    private static final Duration HOP = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    /** Slots this class took; it never takes the first two, which {@link FirstEventPathIT} books. */
    private static final Set<String> taken = new HashSet<>();
    private static Suite suite;
    /** Access codes and passcodes this class saw: they must appear in no log line. */
    private static final Set<String> secrets = new HashSet<>();

    @BeforeAll
    static void services() throws Exception {
        suite = Suite.get();
    }

    @Test
    @Order(1)
    void aRejectedApplicationIsToldSoWithTheNumberToPhone() {
        String email = address();
        String id = apply("seeker2-kaga", "kaga", email);
        String trace = UUID.randomUUID().toString().replace("-", "");
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .body(Map.of("reason", "希望日時に相談員の都合がつかないため"))
                .post("/api/staff/reservations/" + id + "/reject").then().statusCode(200);

        MailInbox.Mail mail = awaitMail(email, "お申込みについて");
        assertTrue(mail.text().contains("お受けすることができませんでした"), mail.text());
        assertTrue(mail.text().contains("0761-00-0000"), "the office's number to phone");
        assertTrue(mail.text().contains("could not accept"), "English below the Japanese");
        assertTrue(mail.text().contains(id), "the reference");
        assertFalse(mail.text().contains("相談員の都合"), "staff's internal reason stays internal");
        assertTrue(mail.from().contains("online.kaga@madoguchi.example.jp"), "sent in the office's name: " + mail.from());
        assertEquals(trace, mail.headers().get("X-Madoguchi-Trace"),
                "the email belongs to the trace of the staff's request: HTTP → outbox → Kafka → notification → SMTP");

        // the delivery log shows it sent; a sent message is never sent twice, not even by staff
        String staff = Tokens.of("counselor-kaga");
        String notification = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .get("/api/notifications").then().statusCode(200).extract()
                .<String>path("find { it.reservationId == '" + id + "' && it.kind == 'REJECTED' && it.status == 'SENT' }.id"),
                n -> n != null);
        given().baseUri(suite.notification.url()).auth().oauth2(staff).post("/api/notifications/" + notification + "/resend")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:notification.not-resendable"));
    }

    @Test
    @Order(2)
    void aCancellationOnlineIsConfirmedAndWithdrawsTheCalendarEntryOfTheInvitation() throws Exception {
        String email = address();
        String id = apply("seeker2-kaga", "kaga", email);
        confirm(id, "counselor-kaga");
        VEvent invited = event(awaitMail(email, "本予約"), "invitation.ics", "REQUEST");

        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                .post("/api/reservations/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));

        MailInbox.Mail mail = awaitMail(email, "キャンセル");
        assertTrue(mail.text().contains("マイページからのお手続きにより"), mail.text());
        assertTrue(mail.text().contains("As you asked in My Page"), mail.text());
        VEvent withdrawn = event(mail, "cancel.ics", "CANCEL");
        assertEquals(prop(invited, Property.UID), prop(withdrawn, Property.UID), "a cancellation names the invitation's event");
        assertEquals(id + "@madoguchi", prop(withdrawn, Property.UID));
        assertEquals("CANCELLED", prop(withdrawn, Property.STATUS));
        assertTrue(Integer.parseInt(prop(withdrawn, Property.SEQUENCE)) > Integer.parseInt(prop(invited, Property.SEQUENCE)),
                "a calendar takes the update only with a higher SEQUENCE");
        assertEquals(prop(invited, Property.DTSTART), prop(withdrawn, Property.DTSTART));
    }

    @Test
    @Order(3)
    void aCancellationByPhoneRecordedByStaffIsConfirmedInWriting() throws Exception {
        String email = address();
        String id = apply("seeker-kaga", "kaga", email);
        confirm(id, "counselor-kaga");
        awaitMail(email, "本予約");

        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "note", "本人から電話"))
                .post("/api/staff/reservations/" + id + "/cancellation").then().statusCode(200);

        MailInbox.Mail mail = awaitMail(email, "キャンセル");
        assertTrue(mail.text().contains("お電話でのご連絡により"), mail.text());
        assertTrue(mail.text().contains("As you asked by phone"), mail.text());
        event(mail, "cancel.ics", "CANCEL");
    }

    /** Kabe: an office that has not answered in time tells the person to phone (here: a deadline already past). */
    @Test
    @Order(4)
    void anOfficeThatHasNotAnsweredInTimeAsksThePersonToPhone() {
        String admin = Tokens.of("admin-kabe");
        Map<String, Object> original = given().baseUri(suite.reservation.url()).auth().oauth2(admin).get("/api/offices/kabe")
                .then().statusCode(200).extract().jsonPath().getMap("policy");
        Map<String, Object> policy = new HashMap<>(original);
        policy.put("responseDeadline", Map.of("basis", "BEFORE_SESSION", "days", Map.of("days", 30, "unit", "CALENDAR_DAYS")));
        putPolicy(admin, policy);
        try {
            String email = address();
            String id = apply("seeker-kabe", "kabe", email);
            MailInbox.Mail mail = awaitMail(email, "お電話ください");
            assertTrue(mail.subject().contains("ハローワーク可部"), mail.subject());
            assertTrue(mail.text().contains("082-000-0000"), "Kabe's number");
            assertTrue(mail.text().contains("Please phone"), mail.text());
            assertTrue(mail.text().contains(id), mail.text());
        } finally {
            putPolicy(admin, original);
        }
    }

    /**
     * A follow-up whose details go by phone: no email; a call-back task the office's staff claim and complete. It is
     * booked from a consultation under way: an ad-hoc one (applying recorded the person's consent and phone).
     */
    @Test
    @Order(5)
    void detailsByPhoneBecomeACallBackTaskThatOneMemberOfStaffHolds() {
        String email = address();
        apply("seeker-kaga", "kaga", email);
        String counselor = Tokens.of("counselor-kaga");
        // Kaga's admin holds this consultation: counselor-kaga holds test 6's ad-hoc session at the same time
        String holder = Tokens.of("admin-kaga");
        String seeker = Tokens.claim(Tokens.of("seeker-kaga"), "sub");
        String parent = await().atMost(HOP).until(() -> {
            var started = given().baseUri(suite.reservation.url()).auth().oauth2(holder).contentType(ContentType.JSON)
                    .body(Map.of("userId", seeker, "userKind", "SEEKER", "codeDelivery", "PHONE"))
                    .post("/api/staff/reservations/ad-hoc");
            // 409 until the consent service's record of the application's consent has reached the reservation service
            return started.statusCode() == 201 ? started.<String>path("id") : null;
        }, id -> id != null);
        String followUp = given().baseUri(suite.reservation.url()).auth().oauth2(holder).contentType(ContentType.JSON)
                .body(Map.of("slotStart", freeSlot("seeker-kaga", "kaga"), "detailDelivery", "PHONE"))
                .post("/api/staff/reservations/" + parent + "/follow-ups")
                .then().statusCode(201).body("state", equalTo("CONFIRMED")).extract().path("id");

        String task = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(counselor)
                .queryParam("state", "OPEN").get("/api/callbacks")
                .then().statusCode(200).extract().<String>path("find { it.reservationId == '" + followUp + "' }.id"),
                t -> t != null);
        String listed = given().baseUri(suite.notification.url()).auth().oauth2(counselor).get("/api/callbacks")
                .then().statusCode(200).extract().asString();
        assertFalse(listed.contains("0761-00-1234"), "the list carries no phone numbers");
        assertEquals(0, MailInbox.to(email).stream().filter(m -> m.subject().contains("本予約")).count(),
                "the follow-up's details go by phone, not by email");

        // another office's staff do not see it; a colleague cannot take it once claimed
        given().baseUri(suite.notification.url()).auth().oauth2(Tokens.of("counselor-kabe"))
                .post("/api/callbacks/" + task + "/claim").then().statusCode(404).contentType(PROBLEM);
        given().baseUri(suite.notification.url()).auth().oauth2(counselor)
                .post("/api/callbacks/" + task + "/claim").then().statusCode(200).body("state", equalTo("CLAIMED"));
        String colleague = Tokens.of("admin-kaga");
        given().baseUri(suite.notification.url()).auth().oauth2(colleague)
                .post("/api/callbacks/" + task + "/claim").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:callback.taken"));
        given().baseUri(suite.notification.url()).auth().oauth2(colleague)
                .get("/api/callbacks/" + task + "/call").then().statusCode(409).contentType(PROBLEM);

        // the call sheet: whom to phone and the number registered with the office (both from the identity, not from
        // what the application said), and the access code to read out
        given().baseUri(suite.notification.url()).auth().oauth2(counselor).get("/api/callbacks/" + task + "/call")
                .then().statusCode(200)
                .body("name", equalTo("加賀 太郎"))
                .body("phone", equalTo("0761-00-1234"))
                .body("accessCode", notNullValue())
                .body("joinUrl", matchesPattern(".*/join/TO-.*"));
        secrets.add(given().baseUri(suite.notification.url()).auth().oauth2(counselor).get("/api/callbacks/" + task + "/call")
                .then().extract().path("accessCode"));
        given().baseUri(suite.notification.url()).auth().oauth2(counselor).contentType(ContentType.JSON)
                .body(Map.of("outcome", "MAYBE")).post("/api/callbacks/" + task + "/complete")
                .then().statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("outcome"));
        given().baseUri(suite.notification.url()).auth().oauth2(counselor).contentType(ContentType.JSON)
                .body(Map.of("outcome", "REACHED", "note", "入室コードを伝えた")).post("/api/callbacks/" + task + "/complete")
                .then().statusCode(200).body("state", equalTo("DONE")).body("outcome", equalTo("REACHED"));
    }

    /** Kaga article 6-2: an ad-hoc session's access code reaches the person's own My Page inbox, and nobody else's. */
    @Test
    @Order(6)
    void anAdHocAccessCodeArrivesInTheOwnersInboxOnly() {
        String seeker = Tokens.of("seeker-kaga");
        // applying counted as consent to the terms in force (test 3); the booking side learns it from the event
        apply("seeker-kaga", "kaga", address());
        String counselor = Tokens.of("counselor-kaga");
        String id = await().atMost(HOP).until(() -> given().baseUri(suite.reservation.url()).auth().oauth2(counselor)
                .contentType(ContentType.JSON)
                .body(Map.of("userId", Tokens.claim(seeker, "sub"), "userKind", "SEEKER", "codeDelivery", "MYPAGE"))
                .post("/api/staff/reservations/ad-hoc").then().extract().<String>path("id"), r -> r != null);

        String message = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(seeker)
                .get("/api/me/messages").then().statusCode(200)
                .extract().<String>path("find { it.reservationId == '" + id + "' }.id"), m -> m != null);
        given().baseUri(suite.notification.url()).auth().oauth2(seeker).get("/api/me/messages/" + message)
                .then().statusCode(200)
                .body("subject", matchesPattern(".*入室コード.*"))
                .body("body", matchesPattern("(?s).*アクセスコード: \\S+.*"))
                .body("body", matchesPattern("(?s).*/join/TO-.*"))
                .body("readAt", equalTo(null));
        String body = given().baseUri(suite.notification.url()).auth().oauth2(seeker).get("/api/me/messages/" + message)
                .then().extract().path("body");
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("アクセスコード: (\\S+)").matcher(body);
        assertTrue(code.find(), body);
        secrets.add(code.group(1));
        given().baseUri(suite.notification.url()).auth().oauth2(seeker).post("/api/me/messages/" + message + "/read")
                .then().statusCode(200).body("readAt", notNullValue());

        given().baseUri(suite.notification.url()).auth().oauth2(Tokens.of("seeker2-kaga")).get("/api/me/messages/" + message)
                .then().statusCode(404).contentType(PROBLEM);
        given().baseUri(suite.notification.url()).auth().oauth2(Tokens.of("seeker2-kaga")).get("/api/me/messages")
                .then().statusCode(200).body("find { it.id == '" + message + "' }", equalTo(null));
        given().baseUri(suite.notification.url()).auth().oauth2(counselor).get("/api/me/messages")
                .then().statusCode(403).contentType(PROBLEM);
        given().baseUri(suite.notification.url()).get("/api/me/messages").then().statusCode(401);
    }

    /** Nobody joined and no word came: the booking is cancelled, and the person learns what it means for them. */
    @Test
    @Order(7)
    void aNoShowIsExplainedToThePerson() {
        String email = address();
        String id = apply("seeker-kabe", "kabe", email);
        confirm(id, "counselor-kabe");
        awaitMail(email, "本予約");

        // what meeting-service says when nobody joined within the grace period
        EventLog.publish(Suite.MEETINGS_TOPIC, "jp.madoguchi.meeting.NoShowDetected.v1", "/madoguchi/meeting-service", id,
                Events.meetingPayload(id, "kabe", "OPEN"));

        MailInbox.Mail mail = awaitMail(email, "ご参加がありませんでした");
        assertTrue(mail.text().contains("キャンセルとして扱いました"), mail.text());
        // Kabe's policy sends a no-show to staff review: the email says so, and does not claim a suspension
        assertTrue(mail.text().contains("お断りすることがあります") && mail.text().contains("判断し"), "what it means from now on");
        assertFalse(mail.text().contains("停止しました"), mail.text());
        assertTrue(mail.text().contains("082-000-0000"), "whom to phone to resume");
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kabe")).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo("NO_SHOW"));
    }

    /** SMTP down for a while: every message waits, is retried, and arrives exactly once when the server is back. */
    @Test
    @Order(8)
    void nothingIsLostWhileTheSmtpServerIsDown() {
        List<String> emails = List.of(address(), address(), address());
        List<String> ids;
        MailInbox.stopSmtp();
        try {
            ids = List.of(apply("seeker-kaga", "kaga", emails.get(0)), apply("seeker2-kaga", "kaga", emails.get(1)),
                    apply("seeker-kaga", "kaga", emails.get(2)));
            String staff = Tokens.of("counselor-kaga");
            for (String id : ids) {
                await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                        .get("/api/notifications").then().statusCode(200)
                        .body("find { it.reservationId == '" + id + "' }.status", equalTo("FAILED"))
                        .body("find { it.reservationId == '" + id + "' }.attempts", greaterThanOrEqualTo(2)));
            }
            emails.forEach(e -> assertEquals(0, MailInbox.to(e).size()));
        } finally {
            MailInbox.startSmtp();
        }
        for (String email : emails) {
            await().atMost(Duration.ofSeconds(60)).until(() -> MailInbox.to(email).size(), n -> n >= 1);
        }
        String staff = Tokens.of("counselor-kaga");
        for (String id : ids) {
            await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                    .get("/api/notifications").then().statusCode(200)
                    .body("find { it.reservationId == '" + id + "' }.status", equalTo("SENT")));
        }
        for (String email : emails) {
            assertEquals(1, MailInbox.to(email).size(), "exactly one acknowledgement per application");
        }
    }

    /** What operators watch: the delivery log by status, meetings and no-shows per office. */
    @Test
    @Order(9)
    void theDeliveryLogAndTheMeetingsShowInTheMetrics() {
        await().atMost(HOP).untilAsserted(() -> {
            String metrics = given().baseUri(suite.notification.url()).get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            assertTrue(Metrics.value(metrics, "madoguchi_notifications_current", "channel=\"EMAIL\"", "office=\"kaga\"", "status=\"SENT\"") >= 5,
                    "sent emails of Kaga");
            assertTrue(Metrics.value(metrics, "madoguchi_notifications_current", "channel=\"CALLBACK\"", "office=\"kaga\"", "status=\"SENT\"") >= 1,
                    "the call-back task handed to staff");
        });
        String meetings = given().baseUri(suite.meeting.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(Metrics.value(meetings, "madoguchi_meetings_provisioned_total", "office=\"kabe\"") >= 1, meetings);
    }

    /** Operators read logs; people's names, addresses, numbers and codes must never be in them. */
    @Test
    @Order(30)
    void noLogLineCarriesANameAnAddressAPhoneNumberOrACode() throws Exception {
        java.util.regex.Pattern address = java.util.regex.Pattern.compile("[\\w.+-]+@example\\.jp");
        List<String> personal = new java.util.ArrayList<>(List.of("加賀 一郎", "可部 三郎", "小松 花子", "安佐",
                "0761-00-1234", "082-000-1234", "0761-00-5678"));
        personal.addAll(secrets);
        assertFalse(secrets.isEmpty(), "the codes of the tests above");
        for (ServiceProcess service : suite.all()) {
            String log = service.logText();
            assertTrue(log.contains(service.name + " 1.0.0-SNAPSHOT on JVM"), "the log of " + service.name + " is read");
            java.util.regex.Matcher m = address.matcher(log);
            assertFalse(m.find(), service.name + " logged an email address: " + (m.hitEnd() ? "" : m.group()));
            for (String value : personal) {
                assertFalse(log.contains(value), service.name + " logged a personal value: " + value);
            }
        }
    }

    /**
     * The booking is cancelled while its invitation waits out an SMTP outage: the invitation is not sent (it would
     * put a revoked meeting in the calendar), and the cancellation has no calendar entry to withdraw.
     */
    @Test
    @Order(11)
    void anInvitationForABookingCancelledBeforeItWentOutIsDroppedAndTheCancellationWithdrawsNothing() {
        String email = address();
        String staff = Tokens.of("counselor-kaga");
        String id;
        MailInbox.stopSmtp();
        try {
            id = apply("seeker2-kaga", "kaga", email);
            confirm(id, "counselor-kaga");
            await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                    .get("/api/notifications").then().statusCode(200)
                    .body(row(id, "INVITATION") + ".status", equalTo("FAILED")));
            given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                    .post("/api/reservations/" + id + "/cancel").then().statusCode(200);
            await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                    .get("/api/notifications").then().extract().path(row(id, "CANCELLED")), r -> r != null);
        } finally {
            MailInbox.startSmtp();
        }
        MailInbox.Mail cancelled = await().atMost(Duration.ofSeconds(60)).until(() -> MailInbox.to(email).stream()
                .filter(m -> m.subject().contains("キャンセル")).findFirst(), o -> o.isPresent()).get();
        assertTrue(cancelled.attachments() == null || cancelled.attachments().stream()
                .noneMatch(a -> "cancel.ics".equals(a.filename())), "no invitation went out: nothing to withdraw");
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .get("/api/notifications").then().statusCode(200)
                .body(row(id, "INVITATION") + ".status", equalTo("SKIPPED"))
                .body(row(id, "INVITATION") + ".skipReason", equalTo("booking CANCELLED")));
        assertEquals(0, MailInbox.to(email).stream().filter(m -> m.subject().contains("本予約")).count(),
                "no invitation for a cancelled booking");
    }

    /**
     * A replica claimed a message and died before recording anything (here: the claim is written as it would
     * have written it). Nobody sends it while the lease runs; then it is sent once, with the message's own
     * Message-ID, and recorded once.
     */
    @Test
    @Order(12)
    void aMessageWhoseSenderDiedIsSentOnceWhenItsLeaseRunsOut() throws Exception {
        String email = address();
        String staff = Tokens.of("counselor-kaga");
        String id;
        String notification;
        MailInbox.stopSmtp();
        try {
            id = apply("seeker-kaga", "kaga", email);
            notification = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                    .get("/api/notifications").then().statusCode(200).extract()
                    .<String>path("find { it.reservationId == '" + id + "' && it.kind == 'REQUEST_RECEIVED' "
                            + "&& it.status == 'FAILED' }.id"), n -> n != null);
            StackInfo stack = Stack.get();
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl("notification_e2e"), stack.postgresSuperuser(),
                    stack.postgresSuperpassword()); PreparedStatement claim = c.prepareStatement(
                    "update notification set status = 'SENDING', claim_token = gen_random_uuid(), attempts = attempts + 1, "
                            + "next_attempt_at = now() + interval '3 seconds', version = version + 1 where id = ?")) {
                claim.setObject(1, UUID.fromString(notification));
                assertEquals(1, claim.executeUpdate());
            }
        } finally {
            MailInbox.startSmtp();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> MailInbox.to(email).size(), n -> n >= 1);
        String sent = notification;
        Map<String, Object> row = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .get("/api/notifications").then().statusCode(200).extract()
                .<Map<String, Object>>path("find { it.id == '" + sent + "' }"), r -> "SENT".equals(r.get("status")));
        List<MailInbox.Mail> mails = MailInbox.to(email);
        assertEquals(1, mails.size(), "sent once after the lease, not once per claimant");
        String messageId = mails.get(0).headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Message-ID"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        assertEquals("<" + notification + "@notification.madoguchi>", messageId,
                "the message's own Message-ID, the same on every attempt");
        assertNotNull(row.get("sentAt"));
    }

    private static final String KAGA_MAILBOX = "kaga-soudan@madoguchi.example.jp";
    private static final String KABE_MAILBOX = "kabe-soudan@madoguchi.example.jp";

    /**
     * Kabe's steps 1-2: a counselor takes the tentative booking on the phone; the person's mail to the office's
     * mailbox, with the subject and the five items the office asks for, completes it; the invitation is the final
     * booking. Staff cannot confirm it before the mail.
     */
    @Test
    @Order(17)
    void aPhoneApplicationAtKabeIsCompletedByThePersonsMailIntoAConfirmedBookingWithAnInvitation() {
        String email = address();
        String seeker = Tokens.of("seeker2-kabe");
        String number = Tokens.claim(seeker, "seeker_number");
        String slot = freeSlot("seeker2-kabe", "kabe");
        String counselor = Tokens.of("counselor-kabe");
        String id = given().baseUri(suite.reservation.url()).auth().oauth2(counselor).contentType(ContentType.JSON)
                .body(Map.of("channel", "PHONE", "name", "可部 花子", "seekerNumber", number, "preferredStarts", List.of(slot),
                        "phone", "082-000-5678", "counselorName", "安佐"))
                .post("/api/staff/reservations").then().statusCode(201)
                .body("awaitingApplicationMail", equalTo(true)).extract().path("id");
        given().baseUri(suite.reservation.url()).auth().oauth2(counselor).contentType(ContentType.JSON).body("{}")
                .post("/api/staff/reservations/" + id + "/confirm").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:madoguchi:problem:reservation.awaiting-application-mail"));

        java.time.ZonedDateTime at = java.time.OffsetDateTime.parse(slot).atZoneSameInstant(java.time.ZoneId.of("Asia/Tokyo"));
        MailInbox.send(email, KABE_MAILBOX, "オンライン職業相談希望", String.join("\n",
                "オンライン職業相談を希望します。",
                "①氏名：可部 花子",
                "②求職番号：" + number,
                "③利用希望日時：" + at.getYear() + "年" + at.getMonthValue() + "月" + at.getDayOfMonth() + "日 "
                        + at.getHour() + "時" + at.getMinute() + "分",
                "④メールアドレス：" + email,
                "⑤電話番号：082-000-5678"), Map.of());

        MailInbox.Mail invitation = awaitMail(email, "本予約");
        assertTrue(invitation.text().contains("可部 花子 様"), invitation.text());
        assertTrue(invitation.text().contains("/join/TO-"), "the invitation carries the meeting: " + invitation.text());
        // the booking is the seeker's own (found by seeker number), confirmed, and shows in their My Page
        given().baseUri(suite.reservation.url()).auth().oauth2(seeker).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo("CONFIRMED"));
        // no acknowledgement went anywhere before the mail: the office had no address, and the person knew by phone
        assertEquals(0, MailInbox.to(email).stream().filter(m -> m.subject().contains("仮予約")).count());
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(counselor)
                .get("/api/staff/mail").then().statusCode(200)
                .body("find { it.reservationId == '" + id + "' }.kind", equalTo("APPLICATION"))
                .body("find { it.reservationId == '" + id + "' }.state", equalTo("DONE")));
    }

    /**
     * Kaga 6(7): a reply "cancel" to the invitation, from the booking's address, cancels it (days before the session:
     * on the day itself Kaga takes phone calls only, proven with a moved clock in reservation-service's ChannelsTest);
     * the same words from another address cancel nothing and go to staff. Kabe takes cancellations by phone only:
     * its reply asks the person to phone, with the number.
     */
    @Test
    @Order(18)
    void aCancellationByEmailCancelsWhereTheOfficeTakesItAndIsAnsweredPleasePhoneWhereItDoesNot() {
        String email = address();
        String id = apply("seeker-kaga", "kaga", email);
        confirm(id, "counselor-kaga");
        MailInbox.Mail invitation = awaitMail(email, "本予約");
        assertEquals(KAGA_MAILBOX, invitation.headers().get("Reply-To"), "a reply means something: it goes to the mailbox read");
        String staff = Tokens.of("counselor-kaga");

        String stranger = "someone-else-" + UUID.randomUUID() + "@example.jp";
        MailInbox.reply(invitation, stranger, KAGA_MAILBOX, "キャンセルします");
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .get("/api/staff/mail").then().statusCode(200)
                .body("find { it.sender == '" + stranger + "' }.state", equalTo("STAFF")));
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo("CONFIRMED"));

        MailInbox.reply(invitation, email, KAGA_MAILBOX, "都合が悪くなったため、キャンセルします。");
        MailInbox.Mail cancelled = awaitMail(email, "キャンセルを承りました");
        assertTrue(cancelled.text().contains("メールでのご連絡により"), cancelled.text());
        assertTrue(cancelled.text().contains("As you asked by email"), cancelled.text());
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kaga")).get("/api/reservations/" + id)
                .then().statusCode(200).body("state", equalTo("CANCELLED"));

        String kabeEmail = address();
        String kabe = apply("seeker-kabe", "kabe", kabeEmail);
        confirm(kabe, "counselor-kabe");
        MailInbox.Mail kabeInvitation = awaitMail(kabeEmail, "本予約");
        MailInbox.reply(kabeInvitation, kabeEmail, KABE_MAILBOX, "キャンセルをお願いします");
        MailInbox.Mail phone = awaitMail(kabeEmail, "お電話でお願いします");
        assertTrue(phone.text().contains("082-000-0000"), "Kabe's number: " + phone.text());
        assertTrue(phone.text().contains("まだ取り消されていません"), phone.text());
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kabe")).get("/api/reservations/" + kabe)
                .then().statusCode(200).body("state", equalTo("CONFIRMED"));
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of("seeker-kabe")).post("/api/reservations/" + kabe + "/cancel");
    }

    /** What no machine can act on lands in the queue of that office's staff, and only theirs, until one marks it done. */
    @Test
    @Order(19)
    void anUnreadableMailLandsInTheStaffQueueOfItsOffice() {
        String sender = address();
        String subject = "相談の持ち物について " + UUID.randomUUID();
        MailInbox.send(sender, KABE_MAILBOX, subject, "履歴書は紙で持っていけばよいですか。", Map.of());
        // an application mail without its five items: for staff too, never a booking made up from half of it
        String partial = "オンライン職業相談希望 " + UUID.randomUUID();
        MailInbox.send(sender, KABE_MAILBOX, partial, "①氏名：可部 一郎\n③利用希望日時：来週のどこか", Map.of());
        String staff = Tokens.of("counselor-kabe");
        String id = await().atMost(HOP).until(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .queryParam("state", "STAFF").get("/api/staff/mail").then().statusCode(200)
                .extract().<String>path("find { it.subject == '" + subject + "' }.id"), m -> m != null);
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .queryParam("state", "STAFF").get("/api/staff/mail").then().statusCode(200)
                .body("find { it.subject == '" + partial + "' }.kind", equalTo("APPLICATION")));
        given().baseUri(suite.notification.url()).auth().oauth2(staff).get("/api/staff/mail/" + id).then().statusCode(200)
                .body("text", containsString("履歴書は紙で"));
        // Kaga's staff do not see Kabe's mail; a seeker sees no one's
        given().baseUri(suite.notification.url()).auth().oauth2(Tokens.of("counselor-kaga")).get("/api/staff/mail/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().baseUri(suite.notification.url()).auth().oauth2(Tokens.of("seeker-kabe")).get("/api/staff/mail")
                .then().statusCode(403).contentType(PROBLEM);
        given().baseUri(suite.notification.url()).auth().oauth2(staff).post("/api/staff/mail/" + id + "/done")
                .then().statusCode(200).body("state", equalTo("DONE"));
        assertEquals(List.of(), MailInbox.to(sender), "a person's question is answered by staff, not by a machine");
    }

    /** A message that came back undelivered: the person was not told, so staff get a call to make. */
    @Test
    @Order(20)
    void aBounceOpensACallBackTask() {
        String email = address();
        String id = apply("seeker2-kaga", "kaga", email);
        MailInbox.Mail ack = awaitMail(email, "仮予約");
        String returnPath = ack.headers().get("Return-Path");
        if (returnPath != null) {
            assertTrue(returnPath.contains(KAGA_MAILBOX), "delivery reports go to the mailbox read: " + returnPath);
        }
        MailInbox.sendDeliveryReport(KAGA_MAILBOX, email, ack.from(), ack.headers().get("Message-ID"));
        String staff = Tokens.of("counselor-kaga");
        await().atMost(HOP).untilAsserted(() -> given().baseUri(suite.notification.url()).auth().oauth2(staff)
                .get("/api/callbacks").then().statusCode(200)
                .body("find { it.reservationId == '" + id + "' }.reason", equalTo("UNDELIVERED")));
        given().baseUri(suite.notification.url()).auth().oauth2(staff).get("/api/notifications").then().statusCode(200)
                .body(row(id, "REQUEST_RECEIVED") + ".bouncedAt", notNullValue());
    }

    private static String row(String reservation, String kind) {
        return "find { it.reservationId == '" + reservation + "' && it.kind == '" + kind + "' }";
    }

    private static String apply(String user, String office, String email) {
        String token = Tokens.of(user);
        Map<String, Object> body = new HashMap<>(Map.of("officeId", office,
                "name", "kabe".equals(office) ? "可部 三郎" : "加賀 一郎",
                "seekerNumber", Tokens.claim(token, "seeker_number"),
                "preferredStarts", List.of(freeSlot(user, office)), "email", email,
                "phone", "kabe".equals(office) ? "082-000-1234" : "0761-00-1234"));
        if ("kabe".equals(office)) {
            body.put("counselorName", "安佐");
        }
        return given().baseUri(suite.reservation.url()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/reservations").then().statusCode(201).extract().path("id");
    }

    /** A bookable slot nobody in this class took yet, past the two that {@link FirstEventPathIT} books. */
    private static synchronized String freeSlot(String user, String office) {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        List<String> starts = given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of(user))
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(40).toString())
                .get("/api/offices/" + office + "/availability").then().statusCode(200).extract().path("start");
        String start = starts.stream().skip("kaga".equals(office) ? 2 : 0).filter(s -> !taken.contains(s)).findFirst()
                .orElseThrow(() -> new AssertionError("no free slot at " + office));
        taken.add(start);
        return start;
    }

    private static void confirm(String id, String counselor) {
        given().baseUri(suite.reservation.url()).auth().oauth2(Tokens.of(counselor)).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + id + "/confirm").then().statusCode(200);
    }

    private static void putPolicy(String admin, Map<String, Object> policy) {
        given().baseUri(suite.reservation.url()).auth().oauth2(admin).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/kabe/policy").then().statusCode(200);
    }

    private static MailInbox.Mail awaitMail(String email, String subjectPart) {
        return await().atMost(HOP).until(() -> MailInbox.to(email).stream()
                .filter(m -> m.subject().contains(subjectPart)).findFirst(), o -> o.isPresent()).get();
    }

    /** The one event of a calendar attachment, parsed as a calendar client would, with its METHOD checked. */
    private static VEvent event(MailInbox.Mail mail, String filename, String method) throws Exception {
        String ics = mail.attachments().stream().filter(a -> filename.equals(a.filename())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + filename + " in " + mail.subject())).content();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertEquals(method, calendar.getProperty(Property.METHOD).orElseThrow().getValue());
        List<VEvent> events = calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
        assertEquals(1, events.size());
        return events.get(0);
    }

    private static String prop(VEvent event, String name) {
        return event.getProperty(name).orElseThrow(() -> new AssertionError("no " + name)).getValue();
    }

    private static String address() {
        return "person-" + UUID.randomUUID() + "@example.jp";
    }
}
