package jp.madoguchi.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.madoguchi.devstack.Ports;
import jp.madoguchi.platform.secrets.SecretRules;

/** One packaged service (its quarkus-app) running as a real process, as in production. */
final class ServiceProcess implements AutoCloseable {

    /** The services' JVM options, as production runs them (the images and ./madoguchi up read the same file). */
    static final String JVM_OPTIONS = "deploy/jvm/service.options";

    final String name;
    final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private volatile Process process;
    private final Path log;

    private ServiceProcess(String name, int port, List<String> command, Map<String, String> environment, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    static ServiceProcess start(Path root, String service, Map<String, String> config) throws IOException {
        return start(root, service, freePort(), config);
    }

    /** On a port chosen beforehand, e.g. so that the service can be told its own public address. */
    static ServiceProcess start(Path root, String service, int port, Map<String, String> config) throws IOException {
        return start(root, service, service, port, config, Map.of());
    }

    /** With secrets, on a free port, logging to {@code <logName>.log}. */
    static ServiceProcess start(Path root, String service, String logName, Map<String, String> config,
            Map<String, String> secrets) throws IOException {
        return start(root, service, logName, freePort(), config, secrets);
    }

    /**
     * Starts {@code service}'s packaged app: {@code config} as system properties; {@code secrets} (configuration keys
     * too) as environment variables, as containers get them, and so they do not show in the process list. The output
     * goes to {@code e2e-tests/target/e2e-logs/<logName>.log}.
     */
    static ServiceProcess start(Path root, String service, String logName, int port, Map<String, String> config,
            Map<String, String> secrets) throws IOException {
        Path app = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the services first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + root.resolve(JVM_OPTIONS)));
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> {
            if (!secrets.containsKey(k)) {
                command.add("-D" + k + "=" + v);
            }
        });
        command.add("-jar");
        command.add(app.toString());
        Path log = root.resolve("e2e-tests/target/e2e-logs/" + logName + ".log");
        Files.createDirectories(log.getParent());
        Map<String, String> environment = new java.util.HashMap<>(Map.of("MALLOC_ARENA_MAX", "2"));
        secrets.forEach((k, v) -> environment.put(SecretRules.envName(k), v));
        ServiceProcess started = new ServiceProcess(service, port, command, environment, log);
        started.process = started.builder().redirectOutput(log.toFile()).start();
        return started;
    }

    private ProcessBuilder builder() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    /** kill -9: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts it again, same port, settings and secrets, after {@link #close()} or {@link #kill()}. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = builder().redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Everything the service has logged so far. */
    String logText() throws IOException {
        return Files.readString(log);
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** Waits until the service reports ready (database, Kafka and all). */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + log);
            }
            // the port is a free one of the ephemeral range: asked only once the service listens, or the probe may
            // connect to itself and hold the port the service is about to bind
            if (Ports.listening(port)) {
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
                    c.setConnectTimeout(1000);
                    c.setReadTimeout(2000);
                    if (c.getResponseCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** Waits for the process to end by itself; its exit code, or empty if it still runs after {@code timeout}. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
