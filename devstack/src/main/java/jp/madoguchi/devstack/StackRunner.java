package jp.madoguchi.devstack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Runs the stack in this JVM (PostgreSQL, Kafka and Keycloak as its child processes) until stopped. */
final class StackRunner {

    private static final Logger LOG = Logger.getLogger(StackRunner.class.getName());
    static final List<String> SERVICE_DATABASES = List.of("reservation", "consent", "meeting", "notification");
    private static final String KEYCLOAK_VERSION = "26.7.3";

    private final Path root;
    private final Path state;
    private final Path logs;
    private final Ports ports;
    private final boolean fresh;
    private final List<AutoCloseable> running = new ArrayList<>();

    StackRunner(Path root, Path state, boolean fresh) {
        this.root = root;
        this.state = state;
        this.logs = state.resolve("logs");
        this.ports = Ports.fromEnvironment();
        this.fresh = fresh;
    }

    void run(OptionalLong owner) throws Exception {
        Files.createDirectories(logs);
        Files.deleteIfExists(state.resolve(StackInfo.FILE));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "devstack-stop"));
        for (int port : new int[] {ports.postgres(), ports.kafka(), ports.kafkaController(), ports.keycloak(),
                ports.keycloakManagement(), ports.smtp(), ports.mailApi()}) {
            if (listening(port)) {
                throw new IllegalStateException("port " + port + " is already in use: stop whatever holds it "
                        + "(./madoguchi down) or choose other ports (MADOGUCHI_*_PORT)");
            }
        }
        long t0 = System.nanoTime();
        // Keycloak is the slowest: start it first and bring the rest up meanwhile
        CompletableFuture<Void> keycloak = CompletableFuture.runAsync(() -> unchecked(this::startKeycloak));
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> unchecked(this::startKafka));
        startPostgres();
        MailInboxServer mail = new MailInboxServer(ports.smtp(), ports.mailApi());
        register(mail);
        kafka.join();
        keycloak.join();
        StackControl control = new StackControl(state.resolve("postgres"), logs, ports.kafka());
        mail.handle(StackControl.PATH, control);
        register(control);

        StackInfo info = new StackInfo(ProcessHandle.current().pid(), "localhost", ports.postgres(), "postgres", "postgres",
                "localhost:" + ports.kafka(), "http://localhost:" + ports.keycloak(), "localhost", ports.smtp(),
                "http://localhost:" + ports.mailApi());
        info.write(state);
        LOG.info(() -> String.format("stack ready in %.1f s", (System.nanoTime() - t0) / 1e9));

        while (true) {
            Thread.sleep(1000);
            if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true)) {
                LOG.info("owner process ended: stopping the stack");
                System.exit(0);
            }
        }
    }

    private void startPostgres() throws IOException, SQLException {
        Path data = state.resolve("postgres");
        if (fresh) {
            DevStack.deleteTree(data);
        }
        Files.createDirectories(data);
        // EmbeddedPostgres runs the server with -F and synchronous_commit=off: fast, but a crash loses the last
        // commits. A test that kills PostgreSQL switches it to durable first (StackControl, /api/stack/postgres/durable).
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(ports.postgres())
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(state.resolve("postgres-bin").toFile())
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        register(pg);
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"));
                Statement s = c.createStatement()) {
            for (String db : SERVICE_DATABASES) {
                try (ResultSet r = s.executeQuery("select 1 from pg_roles where rolname = '" + db + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE ROLE " + db + " LOGIN PASSWORD '" + db + "' CREATEDB");
                    }
                }
                try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE DATABASE " + db + " OWNER " + db);
                    }
                }
            }
        }
        LOG.info("postgres ready on " + ports.postgres());
    }

    private void startKafka() throws Exception {
        Path dir = state.resolve("kafka");
        // the broker is ephemeral: topics start empty with every stack
        DevStack.deleteTree(dir);
        Files.createDirectories(dir.resolve("data"));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + ports.kafkaController());
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka() + ",CONTROLLER://127.0.0.1:" + ports.kafkaController());
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.kafka());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path config = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            p.store(out, "Madoguchi dev stack broker");
        }
        Path log = logs.resolve("kafka.log");
        String classpath = System.getProperty("java.class.path");
        Process format = java("-Xmx256m", classpath, "kafka.tools.StorageTool", log,
                "format", "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString());
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed; see " + log);
        }
        Process broker = java("-Xmx512m", classpath, "kafka.Kafka", log, config.toString());
        register(() -> stop(broker, "kafka"));
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + ports.kafka());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("Kafka exited; see " + log);
            }
            try (Admin a = Admin.create(admin)) {
                if (!a.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                    break;
                }
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka not ready in 90 s; see " + log);
                }
            }
            Thread.sleep(300);
        }
        Topics.create("127.0.0.1:" + ports.kafka(), "");
        LOG.info("kafka ready on " + ports.kafka());
    }

    private void startKeycloak() throws Exception {
        Path home = root.resolve("devstack/target/keycloak/keycloak-" + KEYCLOAK_VERSION);
        if (!Files.isDirectory(home)) {
            throw new IllegalStateException(home + " is missing: build the devstack module first (./mvnw package)");
        }
        Path kc = home.resolve("bin/kc.sh");
        kc.toFile().setExecutable(true);
        Path log = logs.resolve("keycloak.log");
        Map<String, String> env = Map.of("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        Path built = home.resolve(".madoguchi-built");
        // build-time options are baked once (again only when they change); every start after that is --optimized.
        // A local cache: a dev stack is one node and must not cluster with another Keycloak on the machine.
        List<String> buildOptions = List.of("--health-enabled=true", "--cache=local");
        String stamp = KEYCLOAK_VERSION + " " + String.join(" ", buildOptions);
        if (!Files.exists(built) || !Files.readString(built).equals(stamp)) {
            List<String> command = new ArrayList<>(List.of(kc.toString(), "build"));
            command.addAll(buildOptions);
            Process build = process(command, env, log);
            if (!build.waitFor(300, TimeUnit.SECONDS) || build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed; see " + log);
            }
            Files.writeString(built, stamp);
        }
        // a fresh realm every start: the realm file in deploy/ is the single source of truth
        DevStack.deleteTree(home.resolve("data/h2"));
        Files.createDirectories(home.resolve("data/import"));
        Files.copy(root.resolve("deploy/keycloak/hellowork-realm.json"), home.resolve("data/import/hellowork-realm.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Process server = process(List.of(kc.toString(), "start", "--optimized", "--http-enabled=true",
                "--http-host=127.0.0.1", "--http-port=" + ports.keycloak(),
                "--hostname=http://localhost:" + ports.keycloak(),
                "--http-management-port=" + ports.keycloakManagement(), "--import-realm"), env, log);
        register(() -> stop(server, "keycloak"));
        URI ready = URI.create("http://127.0.0.1:" + ports.keycloakManagement() + "/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Keycloak exited; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak not ready in 180 s; see " + log);
            }
            Thread.sleep(500);
        }
        LOG.info("keycloak ready on " + ports.keycloak());
    }

    private static Process java(String heap, String classpath, String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return process(command, Map.of(), log);
    }

    private static Process process(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process process, String name) throws InterruptedException {
        // the process and anything it started (kc.sh may leave a java child)
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            LOG.warning(name + " did not stop in 30 s: killing it");
            process.destroyForcibly().waitFor();
        }
        DevStack.awaitGone(tree, 30);
    }

    private synchronized void register(AutoCloseable c) {
        running.add(c);
    }

    private synchronized void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warning("stopping: " + e);
            }
        }
        running.clear();
        try {
            Files.deleteIfExists(state.resolve(StackInfo.FILE));
        } catch (IOException ignored) {
            // nothing to do on the way out
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void unchecked(Step step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
