package jp.madoguchi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.devstack.DevStack;

/**
 * The seeds' offices as reservation-service, their owner, publishes them: OfficeProfile payloads built from its
 * data files ({@code reservation-service/src/main/resources/offices/<id>.json}), published on this run's offices
 * topic. A service under test without reservation-service fills its projection of offices from these, the real way.
 */
public final class Offices {

    public static final List<String> SEEDS = List.of("kaga", "kabe");
    public static final String SOURCE = "/madoguchi/reservation-service";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Versions grow over the whole test JVM, as the owner's do: a later publication always wins over an earlier
     * one, so re-seeding puts back the seed data after a test changed an office.
     */
    private static final AtomicLong VERSION = new AtomicLong();

    private Offices() {
    }

    /** This run's offices topic. */
    public static String topic() {
        return Stack.TOPIC_PREFIX + "madoguchi.offices";
    }

    /** An officeVersion higher than any published so far in this JVM. */
    public static long nextVersion() {
        return VERSION.incrementAndGet();
    }

    /** The seed office's OfficeProfile payload (state OPEN), with {@code officeVersion}; for a test to alter. */
    public static ObjectNode profile(String officeId, long officeVersion) {
        ObjectNode data = dataFile(officeId);
        ObjectNode p = JSON.createObjectNode();
        p.put("officeId", data.path("id").asText());
        p.put("officeVersion", officeVersion);
        p.put("state", "OPEN");
        // the profile's fields only: the schedule and closures stay reservation-service's own
        for (String field : List.of("nameJa", "nameEn", "officeCode", "phone", "timeZone", "mailSender", "mailbox", "policy")) {
            p.set(field, data.get(field));
        }
        p.put("changedAt", OffsetDateTime.now().toString());
        return p;
    }

    /**
     * A request to open a new office ({@code POST /api/offices}), a seed's data file under another id, name and phone
     * (its sender follows the id), with the policy values and weekly schedule a test gives it.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> definition(String likeSeed, String id, String nameJa, String nameEn,
            String phone, Map<String, Object> policyChanges, List<Map<String, Object>> schedule) {
        Map<String, Object> office = JSON.convertValue(dataFile(likeSeed), Map.class);
        office.put("id", id);
        office.put("nameJa", nameJa);
        office.put("nameEn", nameEn);
        office.put("officeCode", null);
        office.put("phone", phone);
        office.put("mailSender", nameJa + " オンライン相談 <online." + id + "@madoguchi.example.jp>");
        ((Map<String, Object>) office.get("policy")).putAll(policyChanges);
        office.put("schedule", schedule);
        office.put("closures", List.of());
        return office;
    }

    /** A weekly schedule: each of {@code days} (e.g. TUESDAY) at each of {@code starts} (e.g. 13:00), one seat. */
    public static List<Map<String, Object>> weekly(List<String> days, List<String> starts) {
        return days.stream().flatMap(d -> starts.stream().map(t -> Map.<String, Object>of("dayOfWeek", d,
                "start", t, "capacity", 1))).toList();
    }

    private static ObjectNode dataFile(String officeId) {
        Path file = DevStack.projectRoot(Path.of("")).resolve("reservation-service/src/main/resources/offices/" + officeId + ".json");
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("no data file for office " + officeId, e);
        }
    }

    /** Publishes an office event ({@code type}: OfficeOpened, OfficeChanged or OfficeClosed) as its owner. */
    public static String publish(String type, ObjectNode profile) {
        return EventLog.publish(topic(), type, SOURCE, profile.path("officeId").asText(), profile.toString());
    }

    /**
     * Publishes OfficeOpened for each seed office, each newer than anything before, and waits until {@code service}
     * (e.g. {@code notification-service}) has consumed them: its projection then holds the seeds as they are.
     */
    public static void seed(String service) {
        for (String id : SEEDS) {
            publish("jp.madoguchi.reservation.OfficeOpened.v1", profile(id, nextVersion()));
        }
        awaitConsumed(service);
    }

    /** Waits until {@code service} has consumed everything on the offices topic so far. */
    public static void awaitConsumed(String service) {
        EventLog.awaitTopicConsumed(ServiceTestResource.consumerGroup(service, Stack.TOPIC_PREFIX), topic(),
                Duration.ofSeconds(90));
    }
}
