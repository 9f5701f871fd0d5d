package jp.madoguchi.devstack;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;


import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Runs the stack in this JVM (PostgreSQL, Kafka and Keycloak as its child processes) until stopped. */
final class StackRunner {

    private static final Logger LOG = Logger.getLogger(StackRunner.class.getName());
    static final List<String> SERVICE_DATABASES = List.of("reservation", "consent", "meeting", "notification");
    private static final String KEYCLOAK_VERSION = "26.7.3";
    private static final String TRUST_HBA = "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust\n";
    private static final String PASSWORDS_HBA = "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
            + "local all all scram-sha-256\n";

    private final Path root;
    private final Path state;
    private final Path logs;
    private final Ports ports;
    private final boolean fresh;
    private final List<AutoCloseable> running = new ArrayList<>();
    private StackSecrets secrets;

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
        ports.checkFree();
        long t0 = System.nanoTime();
        secrets = StackSecrets.loadOrCreate(state, fresh);
        // Keycloak is the slowest: start it first and bring the rest up meanwhile
        CompletableFuture<Object> keycloak = CompletableFuture.supplyAsync(() -> unchecked(
                () -> explained(this::startKeycloak, "MADOGUCHI_KEYCLOAK_PORT", "MADOGUCHI_KEYCLOAK_MGMT_PORT")));
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> unchecked(this::startKafka));
        explained(this::startPostgres, "MADOGUCHI_PG_PORT");
        MailInboxServer mail = explained(() -> new MailInboxServer(ports.smtp(), ports.imap(), ports.mailApi()),
                "MADOGUCHI_SMTP_PORT", "MADOGUCHI_IMAP_PORT", "MADOGUCHI_MAIL_API_PORT");
        register(mail);
        CompletableFuture<Object> simulator = CompletableFuture.supplyAsync(() -> unchecked(
                () -> explained(this::startSimulator, "MADOGUCHI_SIMULATOR_PORT")));
        KafkaBroker broker = join(kafka);
        join(keycloak);
        join(simulator);
        // kills and restarts PostgreSQL and the broker for the fault suite; loopback only, next to the mail inbox
        StackControl control = new StackControl(state.resolve("postgres"), logs, ports.kafka());
        mail.handle(StackControl.PATH, control);
        register(control);

        StackInfo info = new StackInfo(ProcessHandle.current().pid(), "localhost", ports.postgres(), "postgres",
                secrets.dbPassword("postgres"), broker.bootstrap(), "http://localhost:" + ports.keycloak(), "localhost",
                ports.smtp(), ports.imap(), "http://localhost:" + ports.mailApi(), "http://localhost:" + ports.simulator(), secrets,
                broker.passwords());
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

    private Object startPostgres() throws IOException, SQLException {
        Path data = state.resolve("postgres");
        if (fresh) {
            DevStack.deleteTree(data);
        }
        Files.createDirectories(data);
        // EmbeddedPostgres runs the server with -F and synchronous_commit=off: fast, but a crash loses the last
        // commits. A test that kills PostgreSQL switches it to durable first (StackControl, /api/stack/postgres/durable).
        // The embedded server starts (and checks its readiness) without passwords; they are set and required below
        Path hba = data.resolve("pg_hba.conf");
        if (Files.exists(hba)) {
            Files.writeString(hba, TRUST_HBA);
        }
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
            // the stack's own random passwords (URL-safe base64: nothing to quote), set on every start so that a
            // data directory kept across new secrets still matches them
            s.execute("ALTER ROLE postgres PASSWORD '" + secrets.dbPassword("postgres") + "'");
            for (String db : SERVICE_DATABASES) {
                String password = secrets.dbPassword(db);
                try (ResultSet r = s.executeQuery("select 1 from pg_roles where rolname = '" + db + "'")) {
                    s.execute((r.next() ? "ALTER" : "CREATE") + " ROLE " + db + " LOGIN PASSWORD '" + password + "' CREATEDB");
                }
                try (ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + db + "'")) {
                    if (!r.next()) {
                        s.execute("CREATE DATABASE " + db + " OWNER " + db);
                    }
                }
            }
            // from now on every connection proves its password, as against a real server
            Files.writeString(hba, PASSWORDS_HBA);
            s.execute("select pg_reload_conf()");
        }
        LOG.info("postgres ready on " + ports.postgres());
        return pg;
    }

    private KafkaBroker startKafka() throws Exception {
        Path dir = state.resolve("kafka");
        if (fresh) {
            DevStack.deleteTree(dir);
        }
        KafkaBroker broker = explained(() -> KafkaBroker.start(dir, ports.kafka(), ports.kafkaController(), logs.resolve("kafka.log")),
                "MADOGUCHI_KAFKA_PORT", "MADOGUCHI_KAFKA_CONTROLLER_PORT");
        register(broker);
        LOG.info("kafka ready on " + ports.kafka());
        return broker;
    }

    /**
     * The TeleOffice simulator, a process of its own like the real meeting manager: meeting-service reaches it, and
     * it reaches meeting-service's webhook, over the network. Its key and webhook secret are this stack's own.
     */
    private Object startSimulator() throws Exception {
        Path jar = root.resolve("teleoffice-simulator/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the teleoffice-simulator module first (./mvnw package)");
        }
        Path log = logs.resolve("teleoffice-simulator.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + ports.simulator(), "-jar", jar.toString());
        // the secrets go by environment, not the command line that every local user can read
        Process server = process(command, Map.of("TELEOFFICE_API_KEY", secrets.teleofficeApiKey(),
                "TELEOFFICE_WEBHOOK_SECRET", secrets.teleofficeWebhookSecret()), log);
        register(() -> stop(server, "teleoffice-simulator"));
        URI ready = URI.create("http://127.0.0.1:" + ports.simulator() + "/q/health/ready");
        awaitHttp200(server, ready, ports.simulator(), 90, "TeleOffice simulator", log);
        LOG.info("teleoffice simulator ready on " + ports.simulator());
        return server;
    }

    /** Polls {@code ready} until it answers 200, failing when the process exits or the time is up. */
    private static void awaitHttp200(Process server, URI ready, int port, int seconds, String name, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            // asked only once the server listens: a connect to a port nobody holds yet can meet itself (see Ports)
            if (Ports.listening(port)) {
                try {
                    HttpURLConnection c = (HttpURLConnection) ready.toURL().openConnection();
                    c.setConnectTimeout(1000);
                    c.setReadTimeout(2000);
                    if (c.getResponseCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
            }
            if (System.nanoTime() > deadline) {
                // stopped first, so that a port it holds is not taken for another program's (see explained)
                stop(server, name);
                throw new IllegalStateException(name + " not ready in " + seconds + " s; see " + log);
            }
            Thread.sleep(500);
        }
    }

    private Object startKeycloak() throws Exception {
        Path dist = root.resolve("devstack/target/keycloak/keycloak-" + KEYCLOAK_VERSION);
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException(dist + " is missing: build the devstack module first (./mvnw package)");
        }
        Path log = logs.resolve("keycloak.log");
        // the realm file's placeholders (client secrets) are resolved from the environment at import
        Map<String, String> env = new java.util.HashMap<>(secrets.realmEnvironment());
        env.putAll(Map.of("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.keycloakAdminPassword()));
        Path home = keycloakHome(dist, env, log);
        Path kc = home.resolve("bin/kc.sh");
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
        // generous: on a machine busy with several builds it took more than 180 s here
        awaitHttp200(server, URI.create("http://127.0.0.1:" + ports.keycloakManagement() + "/health/ready"),
                ports.keycloakManagement(), 300, "Keycloak", log);
        LOG.info("keycloak ready on " + ports.keycloak());
        return server;
    }

    /**
     * This stack's own Keycloak: the distribution built once for every stack of the machine (one build at a time, under
     * a file lock), then mirrored into the state directory, file by file as hard links where the file system allows.
     * Its H2 database, realm import and temporary files are then this stack's alone, so two stacks running at once
     * (the services' tests and the end-to-end tests' own) never open one database or delete each other's.
     */
    private Path keycloakHome(Path dist, Map<String, String> env, Path log) throws Exception {
        // build-time options are baked once (again only when they change); every start after that is --optimized.
        // A local cache: a dev stack is one node and must not cluster with another Keycloak on the machine.
        List<String> buildOptions = List.of("--health-enabled=true", "--cache=local");
        String stamp = KEYCLOAK_VERSION + " " + String.join(" ", buildOptions);
        Path home = state.resolve("keycloak");
        try (FileChannel lockFile = FileChannel.open(dist.resolveSibling("build.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (!stamp.equals(stampOf(dist))) {
                Path kc = dist.resolve("bin/kc.sh");
                kc.toFile().setExecutable(true);
                List<String> command = new ArrayList<>(List.of(kc.toString(), "build"));
                command.addAll(buildOptions);
                Process build = process(command, env, log);
                if (!build.waitFor(300, TimeUnit.SECONDS) || build.exitValue() != 0) {
                    throw new IllegalStateException("kc.sh build failed; see " + log);
                }
                Files.writeString(dist.resolve(BUILT), stamp);
            }
            if (!stamp.equals(stampOf(home))) {
                DevStack.deleteTree(home);
                mirror(dist, home);
            }
        }
        return home;
    }

    private static final String BUILT = ".madoguchi-built";

    private static String stampOf(Path home) throws IOException {
        Path built = home.resolve(BUILT);
        return Files.exists(built) ? Files.readString(built) : "";
    }

    /** The distribution's tree without its data (each home starts its own), linked where possible, else copied. */
    private static void mirror(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, source);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    static Process java(String heap, String classpath, String mainClass, Path log, String... args) throws IOException {
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

    static void stop(Process process, String name) throws InterruptedException {
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
        // a server stopped halfway through its start is not registered yet: none of our children may outlive us
        try {
            DevStack.awaitGone(ProcessHandle.current().descendants().toList(), 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(state.resolve(StackInfo.FILE));
        } catch (IOException ignored) {
            // nothing to do on the way out
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Step<T> step) {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first failure of a parallel start, as it was thrown (its message names the port when one was taken). */
    private static <T> T join(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs a server's start; when it fails and one of its ports has been taken since {@link Ports#checkFree()} (a race
     * with another program), the failure says so, naming the port and its variable. Each start stops its own server
     * before it fails, so a port still held then is someone else's.
     */
    private <T> T explained(Step<T> start, String... portEnvs) throws Exception {
        try {
            return start.run();
        } catch (Exception e) {
            String taken = ports.takenMeanwhile(portEnvs);
            if (taken != null) {
                throw new IllegalStateException(taken, e);
            }
            throw e;
        }
    }
}
