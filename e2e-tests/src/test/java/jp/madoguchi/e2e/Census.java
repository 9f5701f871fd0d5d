package jp.madoguchi.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.testing.MailInbox;

/**
 * What the system holds after the faults, counted where it lives: the reservation, meeting and notification
 * databases, the SMTP inbox, the TeleOffice simulator's meetings and Kafka. {@link #violations()} lists every
 * broken promise with the ids it concerns; {@link #waiting()} what is still on its way (then the count may change).
 */
final class Census {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static final String ACK = "仮予約";
    static final String INVITATION = "本予約";

    /** Reservation id, state and email. */
    record Reservation(String id, String office, String state, String email) {
    }

    final Map<String, Reservation> reservations = new LinkedHashMap<>();
    /**
     * Booking id to the Message-IDs of its emails. A service killed between the SMTP send and recording it sends that
     * message once more, with the same Message-ID (mail programs show it once): one message, delivered twice.
     */
    final Map<String, java.util.Set<String>> acks = new HashMap<>();
    final Map<String, java.util.Set<String>> invitations = new HashMap<>();
    /** Emails received, repeats included. */
    int ackEmails;
    int invitationEmails;
    final Map<String, Integer> openMeetings = new HashMap<>();
    final Map<String, Long> notificationsByStatus = new TreeMap<>();
    final List<String> deadNotifications = new ArrayList<>();
    final List<String> overbookedSlots = new ArrayList<>();
    final List<String> doubleBookedCounselors = new ArrayList<>();
    long teleOfficeMeetings = -1;
    long orphanTeleOfficeMeetings = -1;
    final Map<String, Long> unpublishedOutbox = new TreeMap<>();
    final Map<String, Long> parked = new TreeMap<>();
    final Map<String, Long> pendingMeetingTasks = new TreeMap<>();
    final List<String> failedMeetingTasks = new ArrayList<>();
    final Map<String, Long> consumerLag = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();

    /**
     * @param databases service name to its database of this run, e.g. {@code meeting -> meeting_faults}
     * @param mailTag   the part every address of this run contains
     */
    static Census take(StackInfo stack, Map<String, String> databases, String simulatorUrl, String mailTag,
            List<String> consumerGroups, Burst burst) throws Exception {
        Census c = new Census();
        c.readReservations(stack, databases.get("reservation"));
        c.readMail(mailTag);
        c.readMeetings(stack, databases.get("meeting"), simulatorUrl);
        c.readNotifications(stack, databases.get("notification"));
        for (var db : databases.entrySet()) {
            c.readPlumbing(stack, db.getKey(), db.getValue());
        }
        c.readKafka(stack, consumerGroups);
        c.judge(burst);
        return c;
    }

    List<String> violations() {
        return violations;
    }

    /** Work still under way: events not yet published or consumed, meetings not yet made, messages not yet sent. */
    boolean waiting() {
        return unpublishedOutbox.values().stream().anyMatch(n -> n > 0)
                || consumerLag.values().stream().anyMatch(n -> n > 0)
                || pendingMeetingTasks.values().stream().anyMatch(n -> n > 0)
                || notificationsByStatus.getOrDefault("QUEUED", 0L) + notificationsByStatus.getOrDefault("FAILED", 0L)
                        + notificationsByStatus.getOrDefault("SENDING", 0L) > 0;
    }

    /** Equal when nothing that matters changed between two looks. */
    String fingerprint() {
        return reservations.size() + "|" + acks + "|" + invitations + "|" + ackEmails + "|" + invitationEmails + "|" + openMeetings + "|" + notificationsByStatus
                + "|" + pendingMeetingTasks + "|" + parked + "|" + orphanTeleOfficeMeetings + "|" + waiting();
    }

    private void readReservations(StackInfo stack, String db) throws SQLException {
        query(stack, db, "select id::text, office_id, state, email from reservation", r -> {
            reservations.put(r.getString(1), new Reservation(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            return null;
        });
        String zone = "'Asia/Tokyo'";
        query(stack, db, "select r.office_id, r.slot_start, count(*), max(w.capacity) from reservation r "
                + "join weekly_slot w on w.office_id = r.office_id "
                + "and w.day_of_week = extract(isodow from r.slot_start at time zone " + zone + ") "
                + "and w.start_time = (r.slot_start at time zone " + zone + ")::time "
                + "where r.state in ('CONFIRMED', 'AWAITING_RECONSENT') group by 1, 2 having count(*) > max(w.capacity)",
                r -> overbookedSlots.add(r.getString(1) + " " + r.getString(2) + ": " + r.getLong(3) + " > " + r.getLong(4)));
        query(stack, db, "select counselor_id, slot_start, count(*) from reservation where state in ('CONFIRMED', "
                + "'AWAITING_RECONSENT') and counselor_id is not null group by 1, 2 having count(*) > 1",
                r -> doubleBookedCounselors.add(r.getString(1) + " " + r.getString(2) + ": " + r.getLong(3)));
    }

    private void readMail(String mailTag) {
        Map<String, String> byEmail = reservations.values().stream()
                .filter(r -> r.email() != null).collect(Collectors.toMap(r -> r.email().toLowerCase(), Reservation::id, (a, b) -> a));
        for (MailInbox.Mail m : MailInbox.all()) {
            for (String to : m.to()) {
                String address = to.replaceAll(".*<|>.*", "").trim().toLowerCase();
                if (!address.contains(mailTag)) {
                    continue;
                }
                String id = byEmail.getOrDefault(address, "(no booking) " + address);
                if (m.subject() != null && m.subject().contains(ACK)) {
                    acks.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(messageId(m));
                    ackEmails++;
                } else if (m.subject() != null && m.subject().contains(INVITATION)) {
                    invitations.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(messageId(m));
                    invitationEmails++;
                }
            }
        }
    }

    private void readMeetings(StackInfo stack, String db, String simulatorUrl) throws Exception {
        query(stack, db, "select reservation_id::text, count(*) from meeting where status = 'OPEN' group by 1",
                r -> openMeetings.put(r.getString(1), (int) r.getLong(2)));
        query(stack, db, "select kind, state, count(*) from meeting_task where state in ('PENDING', 'RUNNING') group by 1, 2",
                r -> pendingMeetingTasks.put(r.getString(1) + " " + r.getString(2), r.getLong(3)));
        query(stack, db, "select kind, reservation_id::text, attempts, left(coalesce(last_error, ''), 120) "
                + "from meeting_task where state = 'FAILED'",
                r -> failedMeetingTasks.add(r.getString(1) + " " + r.getString(2) + " after " + r.getInt(3)
                        + " attempts: " + r.getString(4)));
        // what TeleOffice holds: a meeting created twice (a repeated call that was not idempotent) belongs to no row
        java.util.Set<String> known = new java.util.HashSet<>();
        query(stack, db, "select provider_meeting_id from meeting", r -> known.add(r.getString(1)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulatorUrl + "/api/meetings"))
                .header("X-Api-Key", stack.teleofficeApiKey()).timeout(Duration.ofSeconds(10)).build();
        JsonNode meetings = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        teleOfficeMeetings = meetings.size();
        long orphans = 0;
        for (JsonNode m : meetings) {
            if (!known.contains(m.path("meetingId").asText())) {
                orphans++;
            }
        }
        orphanTeleOfficeMeetings = orphans;
    }

    private void readNotifications(StackInfo stack, String db) throws SQLException {
        query(stack, db, "select status, count(*) from notification group by 1",
                r -> notificationsByStatus.put(r.getString(1), r.getLong(2)));
        query(stack, db, "select kind, reservation_id::text, attempts, left(coalesce(last_error, ''), 120) "
                + "from notification where status = 'DEAD' order by created_at",
                r -> deadNotifications.add(r.getString(1) + " " + r.getString(2) + " after " + r.getInt(3)
                        + " attempts: " + r.getString(4)));
    }

    /** The outbox, and what a service parked: records its consumers could not handle, rows Kafka refused. */
    private void readPlumbing(StackInfo stack, String service, String db) throws SQLException {
        unpublishedOutbox.put(service, single(stack, db, "select count(*) from outbox_event where published_at is null "
                + "and parked_at is null and discarded_at is null"));
        parked.put(service + " events", single(stack, db, "select count(*) from parked_event where status = 'PARKED'"));
        parked.put(service + " outbox", single(stack, db, "select count(*) from outbox_event where parked_at is not null "
                + "and published_at is null and discarded_at is null"));
    }

    private void readKafka(StackInfo stack, List<String> groups) throws Exception {
        Properties p = stack.kafkaAdmin();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = endOffsets(admin, committed.keySet().stream()
                        .map(TopicPartition::topic).distinct().toList());
                long lag = 0;
                for (var e : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(e.getKey());
                    lag += e.getValue() - (at == null ? 0 : at.offset());
                }
                consumerLag.put(group, lag);
            }
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var d : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(part -> request.put(new TopicPartition(d.name(), part.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private void judge(Burst burst) {
        for (String id : burst.applied.keySet()) {
            if (!reservations.containsKey(id)) {
                violations.add("answered 201 but gone from the database (a lost commit): " + id);
            }
        }
        for (String id : burst.confirmed) {
            Reservation r = reservations.get(id);
            if (r == null || !"CONFIRMED".equals(r.state())) {
                violations.add("answered 200 to its confirmation but not CONFIRMED: " + id + " " + (r == null ? "gone" : r.state()));
            }
        }
        for (Reservation r : reservations.values()) {
            int ack = acks.getOrDefault(r.id(), java.util.Set.of()).size();
            if (ack != 1) {
                violations.add(r.office() + " " + r.id() + " (" + r.state() + "): " + ack + " acknowledgements, not 1");
            }
            boolean booked = "CONFIRMED".equals(r.state());
            int invitation = invitations.getOrDefault(r.id(), java.util.Set.of()).size();
            if (invitation != (booked ? 1 : 0)) {
                violations.add(r.office() + " " + r.id() + " (" + r.state() + "): " + invitation + " invitations, not "
                        + (booked ? 1 : 0));
            }
            int meetings = openMeetings.getOrDefault(r.id(), 0);
            if (meetings != (booked ? 1 : 0)) {
                violations.add(r.office() + " " + r.id() + " (" + r.state() + "): " + meetings + " open meetings, not "
                        + (booked ? 1 : 0));
            }
        }
        acks.keySet().stream().filter(id -> id.startsWith("(no booking)"))
                .forEach(id -> violations.add("acknowledgement for no booking: " + id));
        if (orphanTeleOfficeMeetings > 0) {
            violations.add(orphanTeleOfficeMeetings + " TeleOffice meetings belong to no booking (created twice)");
        }
        overbookedSlots.forEach(s -> violations.add("seat taken twice: " + s));
        doubleBookedCounselors.forEach(s -> violations.add("counselor booked twice: " + s));
        deadNotifications.forEach(d -> violations.add("message DEAD: " + d));
        failedMeetingTasks.forEach(t -> violations.add("meeting task FAILED: " + t));
        parked.forEach((t, n) -> {
            if (n > 0) {
                violations.add(n + " rows parked in " + t);
            }
        });
    }

    String report() {
        long booked = reservations.values().stream().filter(r -> "CONFIRMED".equals(r.state())).count();
        Map<String, Long> states = reservations.values().stream()
                .collect(Collectors.groupingBy(Reservation::state, TreeMap::new, Collectors.counting()));
        Map<String, Long> offices = reservations.values().stream()
                .collect(Collectors.groupingBy(Reservation::office, TreeMap::new, Collectors.counting()));
        return String.join("\n",
                "  reservations        " + reservations.size() + " " + offices + " by state " + states,
                "  booked (CONFIRMED)  " + booked,
                "  acknowledgements    " + messages(acks) + " messages for " + acks.size() + " bookings ("
                        + (ackEmails - messages(acks)) + " delivered again after a crash, same Message-ID)",
                "  invitations         " + messages(invitations) + " messages for " + invitations.size() + " bookings ("
                        + (invitationEmails - messages(invitations)) + " delivered again after a crash, same Message-ID)",
                "  open meetings       " + openMeetings.values().stream().mapToInt(Integer::intValue).sum()
                        + "; TeleOffice meetings " + teleOfficeMeetings + ", of which orphans " + orphanTeleOfficeMeetings,
                "  notifications       " + notificationsByStatus,
                "  seats over capacity " + overbookedSlots.size() + "; counselors double-booked " + doubleBookedCounselors.size(),
                "  meeting tasks       pending " + pendingMeetingTasks + ", failed " + failedMeetingTasks.size(),
                "  parked              " + parked,
                "  outbox unpublished  " + unpublishedOutbox,
                "  consumer lag        " + consumerLag);
    }

    private static int messages(Map<String, java.util.Set<String>> byBooking) {
        return byBooking.values().stream().mapToInt(java.util.Set::size).sum();
    }

    /** The Message-ID the sender gave the message; a mail without one counts as a message of its own. */
    private static String messageId(MailInbox.Mail m) {
        String id = m.headers() == null ? null : m.headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Message-ID")).map(Map.Entry::getValue).findFirst().orElse(null);
        return id != null ? id : "(none) " + m.id();
    }

    private static long single(StackInfo stack, String db, String sql) throws SQLException {
        long[] out = {0};
        query(stack, db, sql, r -> {
            out[0] = r.getLong(1);
            return null;
        });
        return out[0];
    }

    private interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    private static <T> void query(StackInfo stack, String db, String sql, Row<T> row) throws SQLException {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(db), stack.postgresSuperuser(),
                stack.postgresSuperpassword()); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                row.read(r);
            }
        }
    }
}
