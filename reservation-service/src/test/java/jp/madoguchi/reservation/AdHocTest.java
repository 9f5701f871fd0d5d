package jp.madoguchi.reservation;

import static io.restassured.RestAssured.given;
import static jp.madoguchi.reservation.support.Booking.PROBLEM_JSON;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jp.madoguchi.testing.EventLog;
import jp.madoguchi.testing.Events;
import jp.madoguchi.testing.ServiceTestResource;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/** Immediate sessions: Kaga only, consent to the terms in force first, codes never to a number changed on the spot. */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "db", value = "reservation"))
class AdHocTest {

    private static Response start(String staff, String userId, String kind, String delivery, String newPhone) {
        Map<String, Object> body = new HashMap<>(Map.of("userId", userId, "userKind", kind, "codeDelivery", delivery));
        if (newPhone != null) {
            body.put("newPhone", newPhone);
        }
        return given().auth().oauth2(Tokens.of(staff)).contentType(ContentType.JSON).body(body)
                .post("/api/staff/reservations/ad-hoc");
    }

    private static void publish(String topic, String type, String subject, String json) {
        EventLog.publish(Stack.TOPIC_PREFIX + topic, type, "/madoguchi/consent-service", subject, json);
    }

    @Test
    void kabeOffersNoAdHocSessions() {
        start("counselor-kabe", "someone", "SEEKER", "MYPAGE", null).then().statusCode(409).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:ad-hoc.not-offered"));
    }

    @Test
    void anEmployerWithConsentToTheTermsInForceGetsASessionAtOnce() {
        String employer = Tokens.claim(Tokens.of("employer-kaga"), "sub");
        // nothing on record (and, until the consent service has told us, not even which terms are in force): no session
        start("counselor-kaga", employer, "EMPLOYER", "MYPAGE", null).then().statusCode(409)
                .body("type", anyOf(equalTo("urn:madoguchi:problem:ad-hoc.no-consent"),
                        equalTo("urn:madoguchi:problem:ad-hoc.terms-unknown")));

        String version = "kaga-adhoc-" + UUID.randomUUID();
        publish("madoguchi.terms", "jp.madoguchi.consent.TermsRevised.v1", "kaga",
                Events.termsRevisedPayload("kaga", version, LocalDate.now()));
        publish("madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1", employer,
                Events.consentRecordedPayload(employer, "kaga", "kaga-2023-06-15", "EXPLICIT"));
        // consent to an older version: the terms changed since, so re-consent first
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> start("counselor-kaga", employer, "EMPLOYER", "MYPAGE", null)
                .then().statusCode(409).body("type", equalTo("urn:madoguchi:problem:ad-hoc.reconsent-first"))
                .body("termsVersionId", equalTo(version)));

        publish("madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1", employer,
                Events.consentRecordedPayload(employer, "kaga", version, "EXPLICIT"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response r = start("counselor-kaga", employer, "EMPLOYER", "MYPAGE", null);
            r.then().statusCode(201).body("kind", equalTo("AD_HOC")).body("state", equalTo("CONFIRMED"))
                    .body("detailDelivery", equalTo("MYPAGE")).body("userKind", equalTo("EMPLOYER"));
            OffsetDateTime s = OffsetDateTime.parse(r.path("slotStart"));
            OffsetDateTime e = OffsetDateTime.parse(r.path("slotEnd"));
            org.junit.jupiter.api.Assertions.assertEquals(Duration.ofMinutes(30), Duration.between(s, e));
        });
        // the same counselor cannot start a second one while the first runs
        start("counselor-kaga", employer, "EMPLOYER", "MYPAGE", null).then().statusCode(409)
                .body("type", equalTo("urn:madoguchi:problem:counselor.busy"));
    }

    /**
     * Kaga 6-2(3): the code is read out to the number registered with the office, which is the identity's, not one
     * typed into an application; an employer, who never applies, is called back on theirs too.
     */
    @Test
    void theCallBackGoesToThePhoneRegisteredInTheIdentity() {
        String employer = Tokens.claim(Tokens.of("employer-kaga"), "sub");
        String version = "kaga-adhoc-phone-" + UUID.randomUUID();
        publish("madoguchi.terms", "jp.madoguchi.consent.TermsRevised.v1", "kaga",
                Events.termsRevisedPayload("kaga", version, LocalDate.now()));
        publish("madoguchi.consents", "jp.madoguchi.consent.ConsentRecorded.v1", employer,
                Events.consentRecordedPayload(employer, "kaga", version, "EXPLICIT"));
        // another counselor than the other tests' one: an ad-hoc session takes its counselor's next half hour
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> start("admin-kaga", employer, "EMPLOYER", "PHONE", null)
                .then().statusCode(201).body("detailDelivery", equalTo("PHONE")).body("phone", equalTo("0761-00-9999")));
    }

    @Test
    void aPhoneNumberChangeInTheSameRequestIsRefused() {
        start("counselor-kaga", "someone", "SEEKER", "PHONE", "090-0000-0000").then().statusCode(422).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:madoguchi:problem:ad-hoc.phone-change-refused"));
    }
}
