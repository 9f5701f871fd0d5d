package jp.madoguchi.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The scenarios of issue 16, one after the other in one run so that one HTML report shows their curves side by side:
 * <ol>
 * <li>{@code /q/health/live} at {@code connections} connections for {@code seconds} (after a warm-up): the ceiling of
 * the HTTP stack alone;</li>
 * <li>{@code GET /api/offices/{office}/availability} for a month, same connections and time (after a warm-up);</li>
 * <li>bookings: every booker at once, each applying ({@code POST /api/reservations}) and being confirmed by a counselor
 * ({@code POST /api/staff/reservations/{id}/confirm}), {@code rounds} times, each into the slot bench/run.sh planned
 * for it. Several bookers share a slot with fewer seats than people, so some confirmations are refused (409) by
 * design: the race the benchmark checks in the database afterwards.</li>
 * </ol>
 * Everything it needs was prepared by bench/run.sh before the clock starts (users, tokens, the office, the plan) and is
 * read from {@code -Dbench.dir}: {@code bench.properties} and {@code bookers.tsv}. Next to Gatling's report it writes
 * {@code counters.properties} there: per phase the answers by status, the measured window and the percentiles of the
 * response times, which bench/run.sh turns into its table (Gatling's own stats are for the curves).
 */
public class MadoguchiSimulation extends Simulation {

    private static final Path DIR = Path.of(System.getProperty("bench.dir", "target/bench-input"));
    private static final Properties CONFIG = load(DIR.resolve("bench.properties"));

    private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> times = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> windows = new ConcurrentHashMap<>();
    /** (time in ms, the service's CPU ticks) every 200 ms, for its CPU time per request in each phase. */
    private final ConcurrentLinkedQueue<long[]> cpu = new ConcurrentLinkedQueue<>();
    private volatile Thread sampler;

    private static String config(String key) {
        String value = CONFIG.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("bench.properties has no " + key + " (bench/run.sh writes it)");
        }
        return value;
    }

    private static int number(String key) {
        return Integer.parseInt(config(key));
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no " + file + ": run the suite with bench/run.sh", e);
        }
        return p;
    }

    /** One row a booker: token, seeker number, email, the starts of its rounds and its counselors' tokens. */
    private static List<Map<String, Object>> bookers() {
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String line : Files.readAllLines(DIR.resolve("bookers.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                Map<String, Object> row = new HashMap<>();
                row.put("token", f[0]);
                row.put("seekerNumber", f[1]);
                row.put("email", f[2]);
                row.put("starts", Arrays.asList(f[3].split(" ")));
                row.put("counselorTokens", Arrays.asList(f[4].split(" ")));
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what the table is made of: answers by status, response times and the window of each measured phase

    private void mark(String phase) {
        long now = System.currentTimeMillis();
        AtomicLong[] w = windows.computeIfAbsent(phase, p -> new AtomicLong[] {new AtomicLong(Long.MAX_VALUE), new AtomicLong()});
        w[0].accumulateAndGet(now, Math::min);
        w[1].accumulateAndGet(now, Math::max);
    }

    /** After a request: its status (0 when there was no answer: timeout, connection refused) and response time. */
    private ChainBuilder record(String name) {
        return exec(session -> {
            int status = session.contains("status") ? session.getInt("status") : 0;
            statuses.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new LongAdder()).increment();
            if (session.contains("rt")) {
                times.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(session.getInt("rt"));
            }
            mark(name);
            return session.remove("status").remove("rt");
        });
    }

    private ChainBuilder timed(String name, HttpRequestActionBuilder request) {
        return timed(name, name, request);
    }

    /** A request whose window counts for its own name and for the phase it belongs to (apply and confirm: booking). */
    private ChainBuilder timed(String name, String phase, HttpRequestActionBuilder request) {
        return exec(session -> {
            mark(name);
            mark(phase);
            return session.remove("status").remove("rt");
        }).exec(request).exec(record(name)).exec(session -> {
            mark(phase);
            return session;
        });
    }

    private ScenarioBuilder loop(String name, int seconds, HttpRequestActionBuilder request) {
        return scenario(name).exec(during(Duration.ofSeconds(seconds)).on(timed(name, request)));
    }

    private HttpRequestActionBuilder health(String name) {
        return http(name).get("/q/health/live")
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200));
    }

    private HttpRequestActionBuilder availability(String name) {
        return http(name).get("/api/offices/" + config("office") + "/availability?from=" + config("from") + "&to=" + config("to"))
                .header("Authorization", "Bearer #{token}")
                .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(200));
    }

    private ScenarioBuilder booking() {
        String apply = "{\"officeId\":\"" + config("benchOffice") + "\",\"name\":\"ベンチ 太郎\",\"seekerNumber\":\"#{seekerNumber}\","
                + "\"preferredStarts\":[\"#{start}\"],\"email\":\"#{email}\",\"phone\":\"0761-00-9999\"}";
        return scenario("booking").feed(listFeeder(bookers()).queue())
                .exec(repeat(number("rounds"), "round").on(
                        exec(session -> {
                            int round = session.getInt("round");
                            return session.set("start", session.<List<String>>get("starts").get(round))
                                    .set("counselorToken", session.<List<String>>get("counselorTokens").get(round))
                                    .remove("id");
                        })
                        .exec(timed("apply", "booking", http("apply").post("/api/reservations")
                                .header("Authorization", "Bearer #{token}")
                                .header("Content-Type", "application/json")
                                .body(StringBody(apply))
                                .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"), status().is(201),
                                        jmesPath("id").saveAs("id"))))
                        .doIf(session -> session.contains("id")).then(
                                timed("confirm", "booking", http("confirm").post("/api/staff/reservations/#{id}/confirm")
                                        .header("Authorization", "Bearer #{counselorToken}")
                                        .header("Content-Type", "application/json")
                                        .body(StringBody("{}"))
                                        // 409: the slot's seats went to others first, or the counselor is busy then
                                        .check(status().saveAs("status"), responseTimeInMillis().saveAs("rt"),
                                                status().in(200, 409))))));
    }

    {
        int connections = number("connections");
        int seconds = number("seconds");
        int warmup = number("warmup");
        List<Map<String, Object>> readers = bookers().subList(0, Math.min(connections, number("bookers")));

        HttpProtocolBuilder protocol = http.baseUrl(config("baseUrl"))
                .acceptHeader("application/json")
                // the same request again is a new read, as wrk's would be: no conditional requests, no cache
                .disableCaching()
                // Gatling's warm-up request goes to a host of its own: this machine talks to loopback only
                .disableWarmUp();

        PopulationBuilder bookings = booking().injectOpen(atOnceUsers(number("bookers")));
        PopulationBuilder chain = scenario("availability warm-up").feed(listFeeder(readers).circular())
                .exec(during(Duration.ofSeconds(warmup)).on(exec(availability("availability warm-up"))))
                .injectOpen(atOnceUsers(connections))
                .andThen(scenario("availability").feed(listFeeder(readers).circular())
                        .exec(during(Duration.ofSeconds(seconds)).on(timed("availability", availability("availability"))))
                        .injectOpen(atOnceUsers(connections))
                        .andThen(bookings));
        setUp(loop("health warm-up", warmup, health("health warm-up")).injectOpen(atOnceUsers(connections))
                .andThen(loop("health", seconds, health("health")).injectOpen(atOnceUsers(connections))
                        .andThen(chain)))
                .protocols(protocol)
                .maxDuration(Duration.ofSeconds(number("maxSeconds")));
    }

    /**
     * The service's CPU time (user + system) from /proc, where bench/run.sh found its process: a rate depends on
     * whatever else the machine runs, the CPU one request costs much less.
     */
    private static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void before() {
        String pid = CONFIG.getProperty("servicePid", "");
        if (pid.isEmpty() || ticks(pid) < 0) {
            return;
        }
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                cpu.add(new long[] {System.currentTimeMillis(), ticks(pid)});
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "service-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The service's ticks at {@code at}, interpolated between the samples around it. */
    private double ticksAt(List<long[]> samples, long at) {
        long[] prev = samples.get(0);
        for (long[] next : samples) {
            if (next[0] >= at) {
                return next[0] == prev[0] ? next[1] : prev[1] + (double) (next[1] - prev[1]) * (at - prev[0]) / (next[0] - prev[0]);
            }
            prev = next;
        }
        return prev[1];
    }

    @Override
    public void after() {
        if (sampler != null) {
            sampler.interrupt();
        }
        Map<String, String> out = new TreeMap<>();
        List<long[]> samples = new ArrayList<>(cpu);
        double hz = Double.parseDouble(CONFIG.getProperty("ticksPerSecond", "100"));
        if (samples.size() > 1) {
            windows.forEach((phase, w) -> out.put(phase + ".serviceCpuMillis", String.format(java.util.Locale.ROOT, "%.0f",
                    (ticksAt(samples, w[1].get()) - ticksAt(samples, w[0].get())) * 1000 / hz)));
        }
        windows.forEach((phase, w) -> out.put(phase + ".windowMillis", Long.toString(Math.max(0, w[1].get() - w[0].get()))));
        statuses.forEach((name, byStatus) -> byStatus.forEach((status, n) -> out.put(name + ".status." + status, n.toString())));
        times.forEach((name, queue) -> {
            int[] sorted = queue.stream().mapToInt(Integer::intValue).sorted().toArray();
            out.put(name + ".count", Integer.toString(sorted.length));
            for (var p : new LinkedHashMap<>(Map.of("p50", 50.0, "p95", 95.0, "p99", 99.0, "max", 100.0)).entrySet()) {
                out.put(name + "." + p.getKey(), Integer.toString(percentile(sorted, p.getValue())));
            }
        });
        StringBuilder text = new StringBuilder("# written by MadoguchiSimulation for bench/run.sh\n");
        out.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.writeString(DIR.resolve("counters.properties"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nearest-rank percentile; 0 for no samples. */
    private static int percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
