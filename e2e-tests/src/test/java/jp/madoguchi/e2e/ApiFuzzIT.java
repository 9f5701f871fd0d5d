package jp.madoguchi.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.e2e.RequestFuzzer.Api;
import jp.madoguchi.e2e.RequestFuzzer.Caller;
import jp.madoguchi.e2e.RequestFuzzer.Operation;
import jp.madoguchi.e2e.RequestFuzzer.Probe;
import jp.madoguchi.testing.Stack;
import jp.madoguchi.testing.Tokens;

/**
 * Bad input, tried as an attacker would (issue 14): requests generated from the four services' OpenAPI documents
 * ({@link RequestFuzzer}) — malformed path and query parameters, bodies of the wrong shape, type, encoding or size,
 * odd headers — as every demo role, a service account, nobody and forgers. No answer may be a 5xx or no answer at
 * all, and every 4xx must be an RFC 9457 problem ({@code application/problem+json} with type, title and its status).
 *
 * <p>Seeded and bounded: {@code -Dmadoguchi.fuzz.seed} (printed), {@code -Dmadoguchi.fuzz.requests},
 * {@code -Dmadoguchi.fuzz.seconds}. A failure prints each offending request (method, URI, headers, body) with its
 * answer. A fifth of the requests go over HTTP/2 (h2c). Not sent: what the HTTP decoder refuses before any route
 * (a request line over 4096 bytes, headers over 20K, bytes no request has), answered by Vert.x itself with an empty
 * 400, 414 or 431; and {@code Expect: 100-continue}, on which Java's client waits for ever when the answer is final
 * (a 413 problem: BadInputTest in reservation-service sends it by hand). It runs in a failsafe execution of its own: it changes the offices' policies and schedules as their
 * admins may, which the other end-to-end classes rely on. {@code -Dmadoguchi.fuzz.base-urls=<reservation>,<consent>,
 * <meeting>,<notification>} aims it at services already running (e.g. {@code ./madoguchi up}) instead.
 */
class ApiFuzzIT {

    private static final long SEED = Long.getLong("madoguchi.fuzz.seed", 142026L);
    private static final int REQUESTS = Integer.getInteger("madoguchi.fuzz.requests", 12_000);
    private static final int AT_LEAST = Math.min(REQUESTS, 10_000);
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("madoguchi.fuzz.seconds", 170));
    private static final int WORKERS = Integer.getInteger("madoguchi.fuzz.workers", 4);
    /** A little over quarkus.http.limits.max-body-size (the default, 10M). */
    private static final int OVERSIZE = 10 * 1024 * 1024 + 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> USERS = List.of("seeker-kaga", "seeker2-kaga", "prospect-kaga", "seeker-kabe",
            "employer-kaga", "counselor-kaga", "counselor-kabe", "admin-kaga", "admin-kabe", "operator", "national-admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Upgrades to HTTP/2 (h2c) on its first request. */
    private final HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byService = new ConcurrentHashMap<>();
    private final Map<String, Finding> findings = new ConcurrentHashMap<>();

    /** One way of failing: how often, and the first requests that failed so. */
    private static final class Finding {
        final AtomicInteger count = new AtomicInteger();
        final List<String> examples = new ArrayList<>();
    }

    @Test
    void noRequestIsAnswered5xxAndEveryErrorIsAProblem() throws Exception {
        assumeTrue(Boolean.getBoolean("madoguchi.fuzz"), "runs in the e2e module's own 'fuzz' execution");
        Map<String, String> services = services();
        List<Api> apis = new ArrayList<>();
        for (Map.Entry<String, String> s : services.entrySet()) {
            apis.add(new Api(s.getKey(), s.getValue(), JSON.readTree(get(s.getValue() + "/q/openapi?format=json"))));
        }
        RequestFuzzer fuzzer = new RequestFuzzer(apis, callers(),
                Map.of("X-Webhook-Secret", Stack.get().teleofficeWebhookSecret()), SEED, OVERSIZE);
        bookSome(services.get("reservation-service"));
        learn(fuzzer);

        System.out.printf("fuzz: seed %d (-Dmadoguchi.fuzz.seed=%d repeats it), %d requests to %d operations of %d services"
                + " as %d callers, %d at a time%n", SEED, SEED, REQUESTS, fuzzer.operations().size(), apis.size(),
                fuzzer.callers().size(), WORKERS);
        long started = System.nanoTime();
        long deadline = started + BUDGET.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < REQUESTS && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                        check(fuzzer.probe(i));
                        made.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int failed = findings.values().stream().mapToInt(f -> f.count.get()).sum();
        StringBuilder summary = new StringBuilder();
        summary.append(String.format("fuzz: %d requests in %.0f s (%.0f/s); answers %s%n", made.get(), seconds,
                made.get() / seconds, new TreeMap<>(statuses)));
        summary.append(String.format("fuzz: by service %s%n", new TreeMap<>(byService)));
        summary.append(String.format("fuzz: %d requests failed, in %d ways%n", failed, findings.size()));
        StringBuilder report = new StringBuilder(summary);
        new TreeMap<>(findings).forEach((way, f) -> {
            summary.append(String.format("%5d× %s%n", f.count.get(), way));
            report.append(String.format("%n%5d× %s%n", f.count.get(), way));
            synchronized (f.examples) {
                f.examples.forEach(e -> report.append(e.indent(8)));
            }
        });
        // every way with its first requests and answers on the console; the ways alone in the failure
        System.out.println(report);
        assertTrue(findings.isEmpty(), summary + "(the requests and their answers are printed above)");
        assertTrue(made.get() >= AT_LEAST, "only " + made.get() + " of " + REQUESTS + " requests within " + BUDGET);
    }

    /** Sends one request and takes note of its answer, and of how it fails if it does. */
    private void check(Probe p) {
        byService.computeIfAbsent(p.op().api().service(), s -> new AtomicInteger()).incrementAndGet();
        HttpResponse<byte[]> answer;
        CompletableFuture<HttpResponse<byte[]>> sent = (p.http2() ? http2 : http).sendAsync(p.request(TIMEOUT),
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            // the request's own timeout does not cover every stage of the exchange: this one does
            answer = sent.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sent.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            statuses.computeIfAbsent(0, s -> new AtomicInteger()).incrementAndGet();
            fail(p, "no answer (" + cause.getClass().getSimpleName() + ")", cause.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = answer.statusCode();
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status < 400) {
            return;
        }
        String contentType = answer.headers().firstValue("Content-Type").orElse("");
        JsonNode problem = null;
        if (contentType.startsWith("application/problem+json")) {
            try {
                problem = JSON.readTree(answer.body());
            } catch (IOException unreadable) {
                // said below
            }
        }
        String type = problem == null ? "" : problem.path("type").asText("");
        String why = null;
        if (status >= 500) {
            why = "answered " + status + (problem != null ? " " + type : contentType.isEmpty() ? ", no content type" : " " + contentType);
        } else if (p.method().equals("HEAD")) {
            return;
        } else if (problem == null) {
            why = "answered " + status + " without a problem (" + (contentType.isEmpty() ? "no content type" : contentType)
                    + (answer.body().length == 0 ? ", empty" : "") + ")";
        } else if (type.isEmpty() || problem.path("title").asText("").isEmpty() || problem.path("status").asInt() != status) {
            why = "answered " + status + " with an incomplete problem";
        }
        if (why != null) {
            fail(p, why, answer.statusCode() + " " + answer.headers().map() + "\n"
                    + RequestFuzzer.cut(new String(answer.body(), StandardCharsets.UTF_8), 600));
        }
    }

    private void fail(Probe p, String why, String answer) {
        Finding f = findings.computeIfAbsent(p.op().name() + " " + why, w -> new Finding());
        f.count.incrementAndGet();
        synchronized (f.examples) {
            if (f.examples.size() < 2) {
                f.examples.add(p.describe() + "  → " + answer);
            }
        }
    }

    /** The four services: this run's processes, or those named by -Dmadoguchi.fuzz.base-urls. */
    private static Map<String, String> services() throws Exception {
        Map<String, String> services = new LinkedHashMap<>();
        String given = System.getProperty("madoguchi.fuzz.base-urls", "");
        if (!given.isBlank()) {
            String[] urls = given.split(",");
            List<String> names = List.of("reservation-service", "consent-service", "meeting-service", "notification-service");
            for (int i = 0; i < names.size(); i++) {
                services.put(names.get(i), urls[i].strip());
            }
            return services;
        }
        Suite suite = Suite.get();
        for (ServiceProcess s : List.of(suite.reservation, suite.consent, suite.meeting, suite.notification)) {
            services.put(s.name, s.url());
        }
        return services;
    }

    /** Every demo user, a service account, and callers without a valid token: nobody, forgers, garbage. */
    private static List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        for (String user : USERS) {
            callers.add(caller(user, Tokens.fresh(user)));
        }
        callers.add(caller("notification-service (service account)", Tokens.service("notification-service")));
        String real = Tokens.fresh("seeker-kaga");
        String[] parts = real.split("\\.");
        ObjectNode claims = (ObjectNode) Tokens.payload(real);
        claims.putObject("realm_access").putArray("roles").add("operator").add("office-admin").add("counselor").add("service");
        claims.put("office", "kaga");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        callers.add(new Caller("nobody", null, Set.of()));
        callers.add(new Caller("forger (roles added, signature kept)", "Bearer " + parts[0] + "." + forged + "." + parts[2], Set.of()));
        callers.add(new Caller("forger (alg none)", "Bearer " + none + "." + forged + ".", Set.of()));
        callers.add(new Caller("garbage token", "Bearer abc.def.ghi", Set.of()));
        callers.add(new Caller("basic credentials", "Basic " + Base64.getEncoder().encodeToString("admin:password".getBytes(StandardCharsets.UTF_8)), Set.of()));
        callers.add(new Caller("empty bearer", "Bearer", Set.of()));
        return callers;
    }

    private static Caller caller(String name, String token) {
        Set<String> roles = new LinkedHashSet<>();
        Tokens.payload(token).path("realm_access").path("roles").forEach(r -> roles.add(r.asText()));
        return new Caller(name, "Bearer " + token, Set.copyOf(roles));
    }

    /**
     * A few applications at both offices, some confirmed, so that ids in requests exist now and then (services that
     * an earlier run left without a bookable slot are fuzzed all the same).
     */
    private static void bookSome(String reservationUrl) throws Exception {
        try (Burst burst = new Burst(reservationUrl, "fuzz-" + Long.toString(System.currentTimeMillis(), 36) + "-")) {
            List<Burst.Booking> kaga = burst.wave("kaga", 4, "fuzz");
            List<Burst.Booking> kabe = burst.wave("kabe", 2, "fuzz");
            burst.confirmAll(kaga.subList(0, Math.min(2, kaga.size())));
            burst.confirmAll(kabe.subList(0, Math.min(1, kabe.size())));
            burst.stop();
            System.out.println("fuzz: booked " + burst.summary());
        } catch (RuntimeException noSlots) {
            System.out.println("fuzz: booked nothing (" + noSlots + ")");
        }
    }

    /** Reads every list (and then every item) as each caller, and learns the ids, slots and numbers in the answers. */
    private void learn(RequestFuzzer fuzzer) throws Exception {
        int index = 0;
        for (boolean items : new boolean[] {false, true}) {
            for (Operation op : fuzzer.operations()) {
                if (!op.method().equals("GET") || op.path().contains("{") != items) {
                    continue;
                }
                for (Caller c : fuzzer.callers()) {
                    if (c.roles().isEmpty() || !(op.roles().isEmpty() || c.roles().stream().anyMatch(op.roles()::contains))) {
                        continue;
                    }
                    Probe p = fuzzer.plain(op, c, index++);
                    HttpResponse<byte[]> answer = http.send(p.request(TIMEOUT), HttpResponse.BodyHandlers.ofByteArray());
                    if (answer.statusCode() == 200 && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                        fuzzer.learn(JSON.readTree(answer.body()));
                    }
                }
            }
        }
    }

    private byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }
}
