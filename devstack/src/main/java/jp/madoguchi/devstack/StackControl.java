package jp.madoguchi.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Takes the stack's PostgreSQL and Kafka down hard and brings them back, for tests that prove nothing is lost
 * when they die. It needs no knowledge of how {@link StackRunner} started them: the broker is relaunched with the
 * command line, environment and directory it had, PostgreSQL with the options it recorded itself
 * ({@code postmaster.opts}). Served next to the mail inbox, on loopback only:
 *
 * <pre>
 *   GET  /api/stack                              what is up, and whether PostgreSQL runs durable
 *   POST /api/stack/postgres/kill                SIGKILL to the postmaster and every backend (a crash)
 *   POST /api/stack/postgres/start               start it again (crash recovery); answers once it takes connections
 *   POST /api/stack/postgres/durable?on=true     clean restart with fsync and synchronous_commit on (false: as started)
 *   POST /api/stack/kafka/kill                   SIGKILL to the broker
 *   POST /api/stack/kafka/start                  relaunch it; answers once its port accepts connections
 * </pre>
 *
 * Every request carries the header {@value #HEADER}: a web page cannot send it cross-origin without a preflight,
 * which this server never answers, so a page open in a browser cannot kill the stack.
 */
final class StackControl implements HttpHandler, AutoCloseable {

    static final String PATH = "/api/stack";
    static final String HEADER = "X-Madoguchi-Stack-Control";
    private static final Logger LOG = Logger.getLogger(StackControl.class.getName());
    /** What durable means: a commit is acknowledged only when its WAL is on disk (the embedded default is -F). */
    private static final String DURABLE_OPTIONS = " \"-c\" \"fsync=on\" \"-c\" \"synchronous_commit=on\"";

    private final Path pgData;
    private final Path logs;
    private final int kafkaPort;
    /** The postmaster's binary and options as the stack started it, read once before the first change. */
    private String pgCommand;
    private boolean pgDurable;
    private Launch kafkaLaunch;
    private Process kafka;

    StackControl(Path pgData, Path logs, int kafkaPort) {
        this.pgData = pgData;
        this.logs = logs;
        this.kafkaPort = kafkaPort;
    }

    private record Launch(List<String> command, Map<String, String> environment, Path directory) {
    }

    @Override
    public synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            serve(exchange);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
            if (exchange.getRequestHeaders().getFirst(HEADER) == null) {
                respond(exchange, 403, "{\"error\":\"header " + HEADER + " required\"}");
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && path.equals(PATH)) {
                respond(exchange, 200, String.format("{\"postgres\":%b,\"postgresDurable\":%b,\"kafka\":%b}",
                        postmaster().isPresent(), pgDurable, broker().isPresent()));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{}");
                return;
            }
            switch (path.substring(Math.min(path.length(), PATH.length()))) {
                case "/postgres/kill" -> killPostgres();
                case "/postgres/start" -> startPostgres();
                case "/postgres/durable" -> durable(query.contains("on=true"));
                case "/kafka/kill" -> killKafka();
                case "/kafka/start" -> startKafka();
                default -> {
                    respond(exchange, 404, "{}");
                    return;
                }
            }
            respond(exchange, 204, null);
        } catch (Exception e) {
            LOG.warning("stack control: " + e);
            respond(exchange, 500, "{\"error\":\"" + String.valueOf(e.getMessage()).replace('"', '\'') + "\"}");
        }
    }

    private void killPostgres() throws Exception {
        rememberPostgres();
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(postmaster.get().descendants().toList());
        all.add(0, postmaster.get());
        all.forEach(ProcessHandle::destroyForcibly);
        awaitDead(all);
        LOG.info("postgres killed (" + all.size() + " processes)");
    }

    private void startPostgres() throws Exception {
        rememberPostgres();
        if (postmaster().isPresent()) {
            return;
        }
        // the options after the binary, still quoted as postmaster.opts has them; later -c settings win over -F
        String options = pgCommand.substring(pgCommand.indexOf(' ') + 1) + (pgDurable ? DURABLE_OPTIONS : "");
        pgCtl("-o", options, "-w", "-t", "90", "-l", logs.resolve("postgres.log").toString(), "start");
        LOG.info("postgres started" + (pgDurable ? " (durable)" : ""));
    }

    /** A clean restart (nothing lost, a checkpoint on the way down) into the other durability. */
    private void durable(boolean on) throws Exception {
        rememberPostgres();
        if (on == pgDurable && postmaster().isPresent()) {
            return;
        }
        if (postmaster().isPresent()) {
            pgCtl("-m", "fast", "-w", "-t", "60", "stop");
        }
        pgDurable = on;
        startPostgres();
    }

    private void rememberPostgres() throws IOException {
        if (pgCommand == null) {
            pgCommand = Files.readString(pgData.resolve("postmaster.opts")).strip();
        }
    }

    private void pgCtl(String... args) throws Exception {
        // pgCommand starts with the path of the postgres binary; pg_ctl sits next to it
        String binary = pgCommand.substring(0, pgCommand.indexOf(' ')).replace("\"", "");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            // pg_ctl refuses root; EmbeddedPostgres runs it in a user namespace of its own, and so do we
            command.addAll(List.of("/usr/bin/unshare", "-U"));
        }
        command.addAll(List.of(Path.of(binary).resolveSibling("pg_ctl").toString(), "-D", pgData.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed; see postgres.log");
        }
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            String pid = Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | RuntimeException none) {
            return Optional.empty();
        }
    }

    private void killKafka() throws Exception {
        Optional<ProcessHandle> broker = broker();
        if (broker.isEmpty()) {
            return;
        }
        if (kafkaLaunch == null) {
            kafkaLaunch = launchOf(broker.get());
        }
        broker.get().destroyForcibly();
        awaitDead(List.of(broker.get()));
        LOG.info("kafka killed");
    }

    private void startKafka() throws Exception {
        if (broker().isPresent()) {
            return;
        }
        if (kafkaLaunch == null) {
            throw new IllegalStateException("the broker was not killed through this control: nothing to relaunch");
        }
        ProcessBuilder pb = new ProcessBuilder(kafkaLaunch.command()).directory(kafkaLaunch.directory().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("kafka.log").toFile()));
        pb.environment().clear();
        pb.environment().putAll(kafkaLaunch.environment());
        kafka = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Ports.listening(kafkaPort)) {
            if (!kafka.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka did not come back; see kafka.log");
            }
            Thread.sleep(200);
        }
        LOG.info("kafka started again");
    }

    private static Optional<ProcessHandle> broker() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains("kafka.Kafka")).findFirst();
    }

    /** The exact arguments of a process (ProcessHandle.Info may leave them out). */
    private static List<String> commandLine(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    /** How a process was started, from /proc: enough to start it again the same way. */
    private static Launch launchOf(ProcessHandle p) throws IOException {
        List<String> command = commandLine(p);
        if (command.isEmpty()) {
            throw new IllegalStateException("cannot read the command line of process " + p.pid());
        }
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new Launch(command, env, Files.readSymbolicLink(proc.resolve("cwd")));
    }

    private static void awaitDead(List<ProcessHandle> processes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processes survived SIGKILL");
            }
            Thread.sleep(50);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** A broker this control started is this stack's to stop; StackRunner only knows the one it started. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (kafka != null && kafka.isAlive()) {
            kafka.destroy();
            if (!kafka.waitFor(30, TimeUnit.SECONDS)) {
                kafka.destroyForcibly().waitFor();
            }
        }
    }
}
