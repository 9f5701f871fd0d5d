package jp.madoguchi.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.MailInbox;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Tokens;

/**
 * The first path through the whole system, every hop real: a seeker applies with a real Keycloak token →
 * ReservationRequested on Kafka → consent-service records the deemed consent → meeting-service tracks the
 * booking → notification-service's acknowledgement email arrives in the SMTP inbox, once, even when the
 * event is delivered again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstEventPathIT {

    private static final Duration HOP = Duration.ofSeconds(30);
    private static final String PREFIX = Suite.PREFIX;
    private static final String RESERVATIONS_TOPIC = Suite.RESERVATIONS_TOPIC;
    private static ServiceProcess reservation;
    private static ServiceProcess consent;
    private static ServiceProcess meeting;
    private static ServiceProcess notification;
    /** The first seeker's address and booking, used again when the terms change. */
    private static String firstEmail;
    private static String firstReservation;
    /** Addresses of the bookings made with {@link #book}, by reservation id. */
    private static final Map<String, String> emails = new HashMap<>();

    @BeforeAll
    static void startServices() throws Exception {
        Suite suite = Suite.get();
        reservation = suite.reservation;
        consent = suite.consent;
        meeting = suite.meeting;
        notification = suite.notification;
    }

    @Test
    @Order(1)
    void applicationTravelsFromRequestToConsentMeetingAndEmailExactlyOnce() throws Exception {
        String email = "seeker-" + UUID.randomUUID() + "@example.jp";
        firstEmail = email;
        String seeker = Tokens.of("seeker-kaga");
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        String start = given().baseUri(reservation.url()).auth().oauth2(seeker)
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(30).toString())
                .get("/api/offices/kaga/availability")
                .then().statusCode(200).extract().path("[0].start");
        String seekerNumber = Tokens.claim(seeker, "seeker_number");

        String reservationId = given().baseUri(reservation.url()).auth().oauth2(seeker)
                .contentType(ContentType.JSON)
                .body(Map.of("officeId", "kaga", "name", "加賀 一郎", "seekerNumber", seekerNumber,
                        "preferredStarts", List.of(start), "email", email, "phone", "0761-00-1234"))
                .post("/api/reservations")
                .then().statusCode(201).body("state", equalTo("REQUESTED"))
                .extract().path("id");
        firstReservation = reservationId;

        // hop 1: the event is on Kafka, as integrators see it, without personal details
        List<EventLog.Event> events = await().atMost(HOP).until(
                () -> EventLog.read(RESERVATIONS_TOPIC).stream().filter(e -> reservationId.equals(e.key())).toList(),
                list -> !list.isEmpty());
        EventLog.Event requested = events.get(0);
        assertEquals("jp.madoguchi.reservation.ReservationRequested.v1", requested.type());
        assertEquals("/madoguchi/reservation-service", requested.source());
        assertEquals(reservationId, requested.subject());
        assertNotNull(requested.id());
        assertNotNull(requested.time());
        assertFalse(requested.data().contains(email), "events must not carry email addresses");
        assertFalse(requested.data().contains("加賀 一郎"), "events must not carry names");
        assertFalse(requested.data().contains("0761-00-1234"), "events must not carry phone numbers");

        // hop 2: consent-service recorded that applying meant consenting to Kaga's terms in force
        await().atMost(HOP).untilAsserted(() -> given().baseUri(consent.url()).auth().oauth2(seeker)
                .get("/api/consents/mine")
                .then().statusCode(200)
                .body("findAll { it.reservationId == '" + reservationId + "' }.method",
                        equalTo(List.of("DEEMED_BY_APPLICATION")))
                .body("findAll { it.reservationId == '" + reservationId + "' }.termsVersionId",
                        equalTo(List.of("kaga-2023-06-15"))));

        // hop 3: meeting-service consumed it too
        await().atMost(HOP).untilAsserted(() -> given().baseUri(meeting.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/bookings/" + reservationId)
                .then().statusCode(200).body("state", equalTo("REQUESTED")));

        // hop 4: the acknowledgement email reached the SMTP inbox
        List<MailInbox.Mail> mails = await().atMost(HOP).until(() -> MailInbox.to(email), list -> !list.isEmpty());
        MailInbox.Mail mail = mails.get(0);
        assertTrue(mail.subject().contains("仮予約"), mail.subject());
        assertTrue(mail.subject().contains("ハローワーク加賀"), mail.subject());
        assertTrue(mail.text().contains(reservationId), "the email names the reservation");
        assertTrue(mail.text().contains("令和"), "dates are written with the Japanese era");
        assertTrue(mail.text().contains("加賀 一郎 様"), mail.text());

        // a redelivered event changes nothing: no second email
        EventLog.redeliver(requested);
        EventLog.awaitConsumed(ServiceTestResource.consumerGroup("notification-service", PREFIX), RESERVATIONS_TOPIC, requested.record().partition(), HOP);
        assertEquals(1, MailInbox.to(email).size(), "a redelivered event must not send a second email");
        given().baseUri(notification.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/notifications")
                .then().statusCode(200)
                .body("findAll { it.reservationId == '" + reservationId + "' }.status", equalTo(List.of("SENT")));
    }

    /**
     * Kaga article 6(4)-(5): an admin publishes revised terms; bookings made under the old ones wait; the seeker who
     * answers the re-consent link by its deadline keeps the booking and is told so; a booking whose deadline (computed
     * once, when it starts waiting) has passed is void, and the person is told.
     */
    @Test
    @Order(2)
    void revisedTermsAreConsentedToByLinkOrTheBookingIsVoid() throws Exception {
        String answering = firstReservation;
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + answering + "/confirm").then().statusCode(200);

        // 本予約: the invitation carries the meeting, how to enter, the rules, and a calendar entry
        MailInbox.Mail invitation = await().atMost(HOP).until(() -> MailInbox.to(firstEmail).stream()
                .filter(m -> m.subject().contains("本予約") && m.subject().contains("ご案内")).findFirst(), o -> o.isPresent()).get();
        assertTrue(invitation.text().contains(Suite.get().simulator.url() + "/join/TO-"), invitation.text());
        assertTrue(invitation.text().contains("お名前とメールアドレス"), "how to enter");
        assertTrue(invitation.text().contains("5分前"), "be ready five minutes early");
        assertTrue(invitation.text().contains("録画・録音はできません"), "no recording");
        assertTrue(invitation.text().contains("相談当日のキャンセルは、お電話のみ"), "Kaga's cancellation rule: " + invitation.text());
        assertTrue(invitation.text().contains("令和"), "Japanese era date");
        String ics = invitation.attachments().stream().filter(a -> "invitation.ics".equals(a.filename()))
                .findFirst().orElseThrow().content();
        assertTrue(ics.contains("METHOD:REQUEST"), ics);
        assertTrue(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:Asia/Tokyo"), ics);
        assertTrue(ics.contains("UID:" + answering + "@madoguchi"), ics);

        // someone who consented by applying and then cancelled: no booking, yet the revision concerns them too
        String withdrawn = book("seeker2-kaga");
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                .post("/api/reservations/" + withdrawn + "/cancel").then().statusCode(200);
        String version = publishTerms("kaga-e2e-");
        awaitState("seeker-kaga", answering, "AWAITING_RECONSENT");

        // article 13: everyone with a consent on record at Kaga is told what changes and from when, by email and in
        // My Page, with or without a booking
        for (String to : List.of(firstEmail, emails.get(withdrawn))) {
            MailInbox.Mail notice = await().atMost(HOP).until(() -> MailInbox.to(to).stream()
                    .filter(m -> m.subject().contains("利用規約を改訂します")).findFirst(), o -> o.isPresent()).get();
            assertTrue(notice.text().contains("第12条（留意事項）を改めます") && notice.text().contains("令和")
                    && notice.text().contains("/terms/kaga/" + version) && notice.text().contains("apply from"), notice.text());
        }
        for (String user : List.of("seeker-kaga", "seeker2-kaga")) {
            await().atMost(HOP).untilAsserted(() -> given().baseUri(notification.url()).auth().oauth2(Tokens.of(user))
                    .get("/api/me/messages").then().statusCode(200)
                    .body("findAll { it.kind == 'TERMS_REVISED_MY_PAGE' }.body", org.hamcrest.Matchers.hasItem(
                            containsString("/terms/kaga/" + version))));
        }

        // the re-consent email: the seeker follows its signed link and presses the button
        MailInbox.Mail ask = await().atMost(HOP).until(() -> MailInbox.to(firstEmail).stream()
                .filter(m -> m.subject().contains("利用規約改訂")).findFirst(), o -> o.isPresent()).get();
        assertTrue(ask.text().contains(answering), "the email names the booking");
        Matcher link = Pattern.compile("(http\\S+/reconsent/\\S+)").matcher(ask.text());
        assertTrue(link.find(), ask.text());
        given().get(link.group(1)).then().statusCode(200);
        given().post(link.group(1)).then().statusCode(200).body(containsString("そのまま有効"));
        awaitState("seeker-kaga", answering, "CONFIRMED");
        MailInbox.Mail stands = await().atMost(HOP).until(() -> MailInbox.to(firstEmail).stream()
                .filter(m -> m.subject().contains("同意を受け付けました")).findFirst(), o -> o.isPresent()).get();
        assertTrue(stands.text().contains("そのまま有効") && stands.text().contains(" stands;"), stands.text());
        await().atMost(HOP).untilAsserted(() -> given().baseUri(meeting.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/meetings/" + answering).then().statusCode(200).body("status", equalTo("OPEN")));

        // an office whose cut-off is a month before the session: the next revision finds the booking already too late
        String silent = book("seeker2-kaga");
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + silent + "/confirm").then().statusCode(200);
        await().atMost(HOP).untilAsserted(() -> given().baseUri(meeting.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/meetings/" + silent).then().statusCode(200).body("status", equalTo("OPEN")));
        reconsentCutoff(30);
        try {
            publishTerms("kaga-e2e-late-");
            awaitState("seeker2-kaga", silent, "VOID");
        } finally {
            reconsentCutoff(1);
        }

        // the silent seeker is told the booking is void, and why (a late click on a link: see consent-service ReconsentTest)
        MailInbox.Mail voided = await().atMost(HOP).until(() -> MailInbox.to(emails.get(silent)).stream()
                .filter(m -> m.subject().contains("無効")).findFirst(), o -> o.isPresent()).get();
        assertTrue(voided.text().contains("同意が") && voided.text().contains("無効になりました"), voided.text());
        assertTrue(voided.text().contains("is void"), "English below the Japanese");
        assertTrue(voided.text().contains(silent), voided.text());
        // meeting-service followed: the void booking's meeting is revoked
        await().atMost(HOP).untilAsserted(() -> given().baseUri(meeting.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/meetings/" + silent).then().statusCode(200).body("status", equalTo("REVOKED")));

        // Kaga 6(4) by email: two bookings, then a revision answered by replying to the re-consent email, one reply from
        // the booking's own address and one from another (a second person: one person holds one booking at a time)
        String byReply = book("seeker2-kaga");
        String byStranger = book("seeker-kaga");
        // each with a counselor of its own (one counselor, one session at a time)
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("counselor-kaga")).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + byReply + "/confirm").then().statusCode(200);
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("admin-kaga")).contentType(ContentType.JSON)
                .body("{}").post("/api/staff/reservations/" + byStranger + "/confirm").then().statusCode(200);
        String replied = publishTerms("kaga-e2e-reply-");
        // a reply to the re-consent email from the booking's address is the consent; the same reply from someone else
        // is not (it goes to staff), and that booking still waits
        String stranger = "not-the-applicant-" + UUID.randomUUID() + "@example.jp";
        reply(reconsentMail(emails.get(byStranger)), stranger, "同意します。");
        reply(reconsentMail(emails.get(byReply)), emails.get(byReply), "改訂後の規約に同意します。");
        awaitState("seeker2-kaga", byReply, "CONFIRMED");
        MailInbox.Mail stood = await().atMost(HOP).until(() -> MailInbox.to(emails.get(byReply)).stream()
                .filter(m -> m.subject().contains("同意を受け付けました")).findFirst(), o -> o.isPresent()).get();
        assertTrue(stood.text().contains("そのまま有効"), stood.text());
        await().atMost(HOP).untilAsserted(() -> given().baseUri(consent.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                .get("/api/consents/mine").then().statusCode(200)
                .body("find { it.reservationId == '" + byReply + "' && it.termsVersionId == '" + replied + "' }.method",
                        equalTo("BY_REPLY")));
        await().atMost(HOP).untilAsserted(() -> given().baseUri(notification.url()).auth().oauth2(Tokens.of("counselor-kaga"))
                .get("/api/staff/mail").then().statusCode(200)
                .body("find { it.sender == '" + stranger + "' }.state", equalTo("STAFF")));
        awaitState("seeker-kaga", byStranger, "AWAITING_RECONSENT");
        // the slot free again for the classes that run after this one
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("seeker2-kaga"))
                .post("/api/reservations/" + byReply + "/cancel").then().statusCode(200);
        given().baseUri(reservation.url()).auth().oauth2(Tokens.of("seeker-kaga"))
                .post("/api/reservations/" + byStranger + "/cancel").then().statusCode(200);
    }

    private static MailInbox.Mail reconsentMail(String to) {
        return await().atMost(HOP).until(() -> MailInbox.to(to).stream()
                .filter(m -> m.subject().contains("利用規約改訂")).findFirst(), o -> o.isPresent()).get();
    }

    /** A reply as a mail program writes it, to Kaga's mailbox (the Reply-To of the re-consent email). */
    private static void reply(MailInbox.Mail original, String from, String words) {
        String to = original.headers().get("Reply-To");
        assertEquals("kaga-soudan@madoguchi.example.jp", to, "the re-consent email says where replies go");
        MailInbox.reply(original, from, to, words);
    }

    /** An admin publishes a revision of Kaga's terms, in force from today; returns its version id. */
    private static String publishTerms(String prefix) {
        String admin = Tokens.of("admin-kaga");
        String version = prefix + Long.toString(System.currentTimeMillis(), 36);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        Map<String, Object> draft = Map.of("id", version, "title", "オンライン職業相談等利用規約（ハローワーク加賀）",
                "enactedOn", today.toString(), "effectiveFrom", today.toString(),
                "changeNotice", "本日から第12条（留意事項）を改めます。",
                "articles", List.of(Map.of("number", "12", "heading", "留意事項", "body", "改訂後の留意事項。")));
        given().baseUri(consent.url()).auth().oauth2(admin).contentType(ContentType.JSON).body(draft)
                .post("/api/offices/kaga/terms").then().statusCode(201);
        given().baseUri(consent.url()).auth().oauth2(admin).post("/api/offices/kaga/terms/" + version + "/publish")
                .then().statusCode(200);
        return version;
    }

    /** Kaga's re-consent cut-off, in calendar days before the session. */
    private static void reconsentCutoff(int days) {
        String admin = Tokens.of("admin-kaga");
        Map<String, Object> policy = new HashMap<>(given().baseUri(reservation.url()).auth().oauth2(admin).get("/api/offices/kaga")
                .then().statusCode(200).extract().jsonPath().getMap("policy"));
        policy.put("reconsentCutoff", Map.of("days", days, "unit", "CALENDAR_DAYS"));
        given().baseUri(reservation.url()).auth().oauth2(admin).contentType(ContentType.JSON).body(policy)
                .put("/api/offices/kaga/policy").then().statusCode(200);
    }

    private static String book(String user) {
        String token = Tokens.of(user);
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        String start = given().baseUri(reservation.url()).auth().oauth2(token)
                .queryParam("from", today.toString()).queryParam("to", today.plusDays(30).toString())
                .get("/api/offices/kaga/availability").then().statusCode(200).extract().path("[1].start");
        String email = "hanako-" + UUID.randomUUID() + "@example.jp";
        String id = given().baseUri(reservation.url()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("officeId", "kaga", "name", "小松 花子", "seekerNumber", Tokens.claim(token, "seeker_number"),
                        "preferredStarts", List.of(start), "email", email, "phone", "0761-00-5678"))
                .post("/api/reservations").then().statusCode(201).extract().path("id");
        emails.put(id, email);
        return id;
    }

    private static void awaitState(String user, String id, String state) {
        await().atMost(HOP).untilAsserted(() -> given().baseUri(reservation.url()).auth().oauth2(Tokens.of(user))
                .get("/api/reservations/" + id).then().statusCode(200).body("state", equalTo(state)));
    }
}
