package jp.madoguchi.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jp.madoguchi.testing.Tokens;

/**
 * People applying and staff confirming, at Kaga and Kabe, for as long as the faults go on: every slot is asked for
 * by one person more than it has seats, so confirmations compete for them. Each application has an address of its
 * own, so every email maps to one booking. What each request was answered is kept: an answered write must
 * survive any crash that follows.
 */
final class Burst implements AutoCloseable {

    record Booking(String id, String office, String email, String slot, int seq) {
    }

    private record Office(String id, List<String> applicants, List<String> confirmers, List<String> slots, int perSlot) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String reservationUrl;
    private final String mailTag;
    private final Map<String, Office> offices = new HashMap<>();
    private final Map<String, AtomicInteger> sequence = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(6);
    /** Waves of their own: the steady burst may be stuck in retries while a service is away. */
    private final ExecutorService waves = Executors.newCachedThreadPool();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final List<Future<?>> inFlight = new ArrayList<>();
    private record Token(String value, long fetchedAt) {
    }
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    /** Answered 201: the booking exists, whatever crashes afterwards. */
    final Map<String, Booking> applied = new ConcurrentHashMap<>();
    /** Answered 200 to a confirmation. */
    final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    /** How requests were answered, e.g. "apply 201", "confirm 409", "apply refused" (service or database away). */
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

    Burst(String reservationUrl, String mailTag) throws Exception {
        this.reservationUrl = reservationUrl;
        this.mailTag = mailTag;
        // Kaga: two counselors per slot, anyone registered or about to register; Kabe: one, registered seekers
        offices.put("kaga", new Office("kaga", List.of("seeker-kaga", "seeker2-kaga", "prospect-kaga"),
                List.of("counselor-kaga", "admin-kaga"), slots("kaga", "seeker-kaga"), 3));
        offices.put("kabe", new Office("kabe", List.of("seeker-kabe"), List.of("counselor-kabe", "admin-kabe"),
                slots("kabe", "seeker-kabe"), 2));
    }

    /** An application every {@code pace}, two at Kaga for one at Kabe, each confirmed as soon as it is in. */
    synchronized void start(Duration pace) {
        AtomicInteger tick = new AtomicInteger();
        pacer.scheduleAtFixedRate(() -> {
            String office = tick.getAndIncrement() % 3 == 2 ? "kabe" : "kaga";
            if (busy() >= 12) {
                // a person does not queue up a dozen unanswered applications: the service is away
                count("apply skipped, service not answering");
                return;
            }
            submit(workers, () -> {
                Booking b = apply(office, "b");
                if (b != null) {
                    confirm(b);
                }
            });
        }, 0, pace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code n} applications at once, answered before this returns (the ones refused are left out). */
    List<Booking> wave(String office, int n, String tag) throws Exception {
        List<Future<Booking>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(waves.submit(() -> apply(office, tag)));
        }
        List<Booking> out = new ArrayList<>();
        for (Future<Booking> f : futures) {
            Booking b = f.get(60, TimeUnit.SECONDS);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    /** Confirms them all at once, without waiting for the answers. */
    void confirmAll(List<Booking> bookings) {
        bookings.forEach(b -> submit(waves, () -> confirm(b)));
    }

    /** Stops taking new applications and waits for the requests under way to be answered. */
    void stop() throws Exception {
        pacer.shutdownNow();
        List<Future<?>> pending;
        synchronized (this) {
            pending = new ArrayList<>(inFlight);
        }
        for (Future<?> f : pending) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    String summary() {
        return new TreeMap<>(answers).toString();
    }

    private synchronized void submit(ExecutorService pool, Runnable r) {
        inFlight.removeIf(Future::isDone);
        inFlight.add(pool.submit(r));
    }

    private synchronized int busy() {
        inFlight.removeIf(Future::isDone);
        return inFlight.size();
    }

    private Booking apply(String officeId, String tag) {
        Office office = offices.get(officeId);
        int seq = sequence.computeIfAbsent(officeId, o -> new AtomicInteger()).getAndIncrement();
        String user = office.applicants().get(seq % office.applicants().size());
        String slot = office.slots().get((seq / office.perSlot()) % office.slots().size());
        String email = mailTag + tag + "-" + officeId + "-" + seq + "@example.jp";
        String token = token(user);
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", officeId);
        body.put("name", "kabe".equals(officeId) ? "可部 三郎" : "加賀 一郎");
        body.put("seekerNumber", Tokens.claim(token, "seeker_number"));
        body.put("preferredStarts", List.of(slot));
        body.put("email", email);
        body.put("phone", "kabe".equals(officeId) ? "082-000-1234" : "0761-00-1234");
        if ("kabe".equals(officeId)) {
            body.put("counselorName", "安佐");
        }
        Answer a = post("/api/reservations", token, body);
        count("apply " + a.label());
        if (a.status() != 201) {
            return null;
        }
        Booking b = new Booking(a.body().get("id").asText(), officeId, email, slot, seq);
        applied.put(b.id(), b);
        return b;
    }

    /** As a member of staff would: tried again while the service does not answer, until it says yes or no. */
    private void confirm(Booking b) {
        Office office = offices.get(b.office());
        String counselor = office.confirmers().get(b.seq() % office.confirmers().size());
        for (int attempt = 0; attempt < 40; attempt++) {
            Answer a = post("/api/staff/reservations/" + b.id() + "/confirm", token(counselor), Map.of());
            count("confirm " + a.label());
            if (a.status() == 200) {
                confirmed.add(b.id());
                return;
            }
            if (a.status() > 0 && a.status() < 500) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    private record Answer(int status, JsonNode body) {
        String label() {
            return status == 0 ? "refused" : Integer.toString(status);
        }
    }

    private Answer post(String path, String token, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(reservationUrl + path))
                    .timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            return new Answer(0, JSON.nullNode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, JSON.nullNode());
        }
    }

    private void count(String what) {
        answers.computeIfAbsent(what, w -> new AtomicInteger()).incrementAndGet();
    }

    /** Bookable starts from three days on (clear of the answer deadlines), two months ahead. */
    private List<String> slots(String office, String user) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));
        HttpRequest request = HttpRequest.newBuilder(URI.create(reservationUrl + "/api/offices/" + office
                        + "/availability?from=" + today.plusDays(3) + "&to=" + today.plusDays(60)))
                .header("Authorization", "Bearer " + token(user)).timeout(Duration.ofSeconds(15)).build();
        JsonNode list = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        List<String> starts = new ArrayList<>();
        list.forEach(s -> starts.add(s.get("start").asText()));
        if (starts.isEmpty()) {
            throw new IllegalStateException("no bookable slot at " + office);
        }
        return starts;
    }

    /** Tokens live 15 minutes and a slow machine stretches the suite past that: each is renewed after ten. */
    private String token(String user) {
        return tokens.compute(user, (u, t) -> t != null && System.nanoTime() - t.fetchedAt() < TimeUnit.MINUTES.toNanos(10)
                ? t : new Token(Tokens.fresh(u), System.nanoTime())).value();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        workers.shutdownNow();
        waves.shutdownNow();
    }
}
