package jp.madoguchi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.platform.events.EventTypes;

/** The contract check itself: it accepts each event type as the services produce it and rejects what breaks it. */
class EventContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EventContract CONTRACT = EventContract.get();
    static final String RESERVATION = "0f8b6a8e-6c1e-4b8e-9a51-6f1e2d3c4b5a";
    static final String USER = "4c1d2e3f-0000-4000-8000-00000000abcd";

    /** One event as it is on Kafka. */
    record Rec(String topic, String key, Map<String, String> headers, ObjectNode payload) {
        List<String> violations() {
            return CONTRACT.violations(topic, key, headers, payload.toString());
        }

        Rec header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            if (value == null) {
                h.remove(name);
            } else {
                h.put(name, value);
            }
            return new Rec(topic, key, h, payload);
        }
    }

    static Set<String> platformTypes() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        return types;
    }

    static Stream<String> everyType() throws IllegalAccessException {
        return platformTypes().stream();
    }

    /** A well-formed event of the type, with the payload shape its producer writes (every field, nulls included). */
    static Rec sample(String type) {
        ObjectNode p = JSON.createObjectNode();
        String topic;
        String key;
        if (type.startsWith("jp.madoguchi.reservation.Office")) {
            topic = "madoguchi.offices";
            key = "nanao";
            p.put("officeId", "nanao").put("officeVersion", 3).put("state", "OPEN").put("nameJa", "ハローワーク七尾")
                    .put("nameEn", "Hello Work Nanao").put("officeCode", "17020").put("phone", "0767-00-0000")
                    .put("timeZone", "Asia/Tokyo").put("mailSender", "ハローワーク七尾 オンライン相談 <online.nanao@madoguchi.example.jp>")
                    .putNull("mailbox").put("changedAt", "2026-12-01T00:00:00Z");
            ObjectNode policy = p.putObject("policy");
            policy.putArray("eligible").add("REGISTERED_SEEKER");
            policy.put("sessionMinutes", 30).put("adHocOffered", false).put("noShowGraceMinutes", 10)
                    .put("noShowOutcome", "REVIEW").put("revisionRequiresReconsent", true).put("counselorNameAsked", false)
                    .put("autoConfirm", false).put("maxPreferences", 3).put("maxOpenRequests", 3)
                    .put("maxApplicationsPerDay", 5).put("bookingHorizonDays", 60);
            policy.putObject("leadTime").put("days", 3).put("unit", "BUSINESS_DAYS");
            policy.putObject("reconsentCutoff").put("days", 1).put("unit", "CALENDAR_DAYS");
            ObjectNode deadline = policy.putObject("responseDeadline").put("basis", "AFTER_APPLICATION");
            deadline.putObject("days").put("days", 1).put("unit", "BUSINESS_DAYS");
            policy.putArray("cancellationChannels").add("PHONE").add("ONLINE");
            policy.putArray("sameDayCancellationChannels").add("PHONE");
            policy.putArray("followUpDetailChannels").add("EMAIL");
        } else if (type.startsWith("jp.madoguchi.reservation.")) {
            topic = "madoguchi.reservations";
            key = RESERVATION;
            p.put("reservationId", RESERVATION).put("officeId", "kaga").put("userId", USER).put("userKind", "SEEKER")
                    .put("kind", "REGULAR").put("state", "REQUESTED").put("slotStart", "2026-12-02T05:00:00Z")
                    .put("slotEnd", "2026-12-02T05:30:00Z").putNull("counselorId").putNull("detailDelivery")
                    .putNull("cancelChannel").putNull("parentId").put("requestedAt", "2026-11-25T01:02:03.456789Z")
                    .put("responseDueAt", "2026-11-27T08:00:00Z").put("termsVersionId", "kaga-2023-06-15");
        } else if (type.equals(EventTypes.TERMS_REVISED)) {
            topic = "madoguchi.terms";
            key = "kaga";
            p.put("officeId", "kaga").put("termsVersionId", "kaga-2026-12-01").put("previousVersionId", "kaga-2023-06-15")
                    .put("enactedOn", "2026-11-20").put("effectiveFrom", "2026-12-01")
                    .put("changeNotice", "第7条を改正し、2026年12月1日から施行します。").put("publishedAt", "2026-11-20T00:00:00Z");
        } else if (type.equals(EventTypes.CONSENT_RECORDED)) {
            topic = "madoguchi.consents";
            key = USER;
            p.put("consentId", UUID.randomUUID().toString()).put("userId", USER).put("officeId", "kaga")
                    .put("termsVersionId", "kaga-2023-06-15").put("method", "DEEMED_BY_APPLICATION")
                    .put("reservationId", RESERVATION).put("recordedAt", "2026-11-25T01:02:03Z");
        } else if (type.equals(EventTypes.RECONSENT_REQUESTED)) {
            topic = "madoguchi.consents";
            key = USER;
            p.put("requestId", UUID.randomUUID().toString()).put("userId", USER).put("officeId", "kaga")
                    .put("termsVersionId", "kaga-2026-12-01").put("reservationId", RESERVATION)
                    .put("expiresAt", "2026-12-02T05:00:00+09:00");
        } else if (type.equals(EventTypes.TERMS_REVISION_ANNOUNCED)) {
            topic = "madoguchi.consents";
            key = USER;
            p.put("userId", USER).put("officeId", "kaga").put("termsVersionId", "kaga-2026-12-01")
                    .put("effectiveFrom", "2026-12-01").put("changeNotice", "第7条を改正し、2026年12月1日から施行します。")
                    .put("publishedAt", "2026-11-20T00:00:00Z");
        } else if (type.equals(EventTypes.MEETING_PROVISIONING_FAILED)) {
            topic = "madoguchi.meetings";
            key = RESERVATION;
            p.put("reservationId", RESERVATION).put("officeId", "kaga").put("startsAt", "2026-12-02T05:00:00Z")
                    .put("attempts", 7).put("at", "2026-12-02T05:30:00Z");
        } else {
            topic = "madoguchi.meetings";
            key = RESERVATION;
            p.put("meetingId", UUID.randomUUID().toString()).put("reservationId", RESERVATION).put("officeId", "kaga")
                    .put("status", "OPEN").put("startsAt", "2026-12-02T05:00:00Z").put("opensAt", "2026-12-02T04:50:00Z")
                    .put("closesAt", "2026-12-02T05:30:00Z").put("at", "2026-12-02T05:01:00Z");
            if (type.equals(EventTypes.PARTICIPANT_JOINED)) {
                p.put("role", "SEEKER");
            } else {
                p.putNull("role");
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", UUID.randomUUID().toString());
        h.put("ce_source", "/madoguchi/" + type.split("\\.")[2] + "-service");
        h.put("ce_type", type);
        h.put("ce_subject", key);
        h.put("ce_time", "2026-11-25T01:02:03.456Z");
        h.put("content-type", "application/json");
        return new Rec("test-abc-" + topic, key, h, p);
    }

    @Test
    void theDocumentDescribesExactlyTheEventTypesOfThePlatform() throws Exception {
        assertEquals(platformTypes(), new TreeSet<>(CONTRACT.types()));
        assertEquals(24, CONTRACT.types().size());
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void eachTypeAsProducedConforms(String type) {
        assertEquals(List.of(), sample(type).violations());
    }

    /** Each type's schema is really applied: a payload field the producer never writes fails every one of them. */
    @ParameterizedTest
    @MethodSource("everyType")
    void eachTypeRejectsAnEmailField(String type) {
        Rec r = sample(type);
        r.payload().put("email", "taro@example.jp");
        List<String> v = r.violations();
        assertTrue(v.stream().anyMatch(m -> m.startsWith("payload") && m.contains("email")), v::toString);
    }

    @Test
    void personalDataIsRejectedUnderAnyFieldName() {
        for (String field : List.of("phone", "contactPhone", "name", "counselorName", "joinUrl", "passcode", "deviceId")) {
            Rec r = sample(EventTypes.RESERVATION_REQUESTED);
            r.payload().put(field, "x");
            assertTrue(r.violations().stream().anyMatch(m -> m.contains(field)), field + ": " + r.violations());
        }
        Rec disguised = sample(EventTypes.RESERVATION_REQUESTED);
        disguised.payload().put("userId", "taro@example.jp");
        assertTrue(disguised.violations().stream().anyMatch(m -> m.contains("userId")), disguised.violations()::toString);
    }

    /** Even a document that listed an email property would not let it through: the field names are forbidden too. */
    @Test
    void theDocumentItselfForbidsPersonalFieldNames() throws Exception {
        String doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EventContract.DOCUMENT)) {
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String widened = doc.replace("      properties:\n        reservationId:\n",
                "      properties:\n        email:\n          type: string\n        reservationId:\n");
        assertTrue(!widened.equals(doc), "the document changed shape: update this test");
        EventContract loose = EventContract.load(new ByteArrayInputStream(widened.getBytes(StandardCharsets.UTF_8)));
        Rec r = sample(EventTypes.RESERVATION_CONFIRMED);
        r.payload().put("email", "taro@example.jp");
        List<String> v = loose.violations(r.topic(), r.key(), r.headers(), r.payload().toString());
        assertTrue(v.stream().anyMatch(m -> m.contains("email")), v::toString);
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        Rec r = sample(EventTypes.RESERVATION_REQUESTED);
        r.payload().remove("officeId");
        List<String> v = r.violations();
        assertTrue(v.stream().anyMatch(m -> m.contains("officeId")), v::toString);

        Rec m = sample(EventTypes.PARTICIPANT_JOINED);
        m.payload().putNull("role");
        assertTrue(!m.violations().isEmpty(), "a ParticipantJoined without its role");
    }

    @Test
    void wrongValuesAreRejected() {
        Rec badUuid = sample(EventTypes.MEETING_PROVISIONED);
        badUuid.payload().put("meetingId", "meeting-42");
        assertTrue(badUuid.violations().stream().anyMatch(m -> m.contains("meetingId")), badUuid.violations()::toString);

        Rec badTime = sample(EventTypes.CONSENT_RECORDED);
        badTime.payload().put("recordedAt", "2026/11/25 10:00");
        assertTrue(badTime.violations().stream().anyMatch(m -> m.contains("recordedAt")), badTime.violations()::toString);

        Rec badState = sample(EventTypes.RESERVATION_CANCELLED);
        badState.payload().put("state", "GONE");
        assertTrue(badState.violations().stream().anyMatch(m -> m.contains("state")), badState.violations()::toString);

        Rec badDate = sample(EventTypes.TERMS_REVISED);
        badDate.payload().put("effectiveFrom", "2026-12-01T00:00:00Z");
        assertTrue(badDate.violations().stream().anyMatch(m -> m.contains("effectiveFrom")), badDate.violations()::toString);
    }

    @Test
    void anUnknownTypeFails() {
        Rec r = sample(EventTypes.RESERVATION_REQUESTED).header("ce_type", "jp.madoguchi.reservation.ReservationRequested.v2");
        assertEquals(List.of("unknown ce_type jp.madoguchi.reservation.ReservationRequested.v2: the AsyncAPI document has no such message"),
                r.violations());
        AssertionError e = assertThrows(AssertionError.class,
                () -> CONTRACT.check(r.topic(), r.key(), r.headers(), r.payload().toString()));
        assertTrue(e.getMessage().contains("unknown ce_type"), e.getMessage());

        Rec none = sample(EventTypes.RESERVATION_REQUESTED).header("ce_type", null);
        assertTrue(none.violations().get(0).startsWith("no ce_type header"), none.violations()::toString);
    }

    @Test
    void theEnvelopeAndKeyAreChecked() {
        Rec wrongTopic = sample(EventTypes.TERMS_REVISED);
        wrongTopic = new Rec("madoguchi.consents", wrongTopic.key(), wrongTopic.headers(), wrongTopic.payload());
        assertTrue(wrongTopic.violations().stream().anyMatch(m -> m.contains("belongs on topic madoguchi.terms")),
                wrongTopic.violations()::toString);

        for (String header : List.of("ce_specversion", "ce_id", "ce_source", "ce_subject", "ce_time", "content-type")) {
            Rec r = sample(EventTypes.MEETING_ENDED).header(header, null);
            assertTrue(r.violations().stream().anyMatch(m -> m.startsWith("header") && m.contains(header)),
                    header + ": " + r.violations());
        }
        assertTrue(!sample(EventTypes.MEETING_ENDED).header("ce_specversion", "0.3").violations().isEmpty());
        assertTrue(!sample(EventTypes.MEETING_ENDED).header("ce_time", "yesterday").violations().isEmpty());
        assertTrue(!sample(EventTypes.MEETING_ENDED).header("content-type", "text/plain").violations().isEmpty());
        // a tracing header beside the CloudEvents attributes is fine
        assertEquals(List.of(), sample(EventTypes.MEETING_ENDED).header("traceparent", "00-abc-def-01").violations());

        Rec noKey = sample(EventTypes.RESERVATION_VOIDED);
        noKey = new Rec(noKey.topic(), null, noKey.headers(), noKey.payload());
        assertTrue(noKey.violations().stream().anyMatch(m -> m.startsWith("no record key")), noKey.violations()::toString);

        String other = UUID.randomUUID().toString();
        Rec otherKey = sample(EventTypes.RESERVATION_VOIDED).header("ce_subject", other);
        otherKey = new Rec(otherKey.topic(), other, otherKey.headers(), otherKey.payload());
        assertTrue(otherKey.violations().stream().anyMatch(m -> m.contains("differs from payload reservationId")),
                otherKey.violations()::toString);

        Rec mismatch = sample(EventTypes.CONSENT_RECORDED).header("ce_subject", "someone-else");
        assertTrue(mismatch.violations().stream().anyMatch(m -> m.contains("differs from ce_subject")), mismatch.violations()::toString);
    }

    @Test
    void everyMessageSaysWhichPayloadFieldIsItsKey() {
        Set<String> missing = CONTRACT.types().stream().filter(t -> CONTRACT.message(t).keyProperty() == null)
                .collect(Collectors.toSet());
        assertEquals(Set.of(), missing);
    }
}
