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

/** One packaged service (its quarkus-app) running as a real process, as in production. */
final class ServiceProcess implements AutoCloseable {

    final String name;
    final int port;
    private final List<String> command;
    private volatile Process process;
    private final Path log;

    private ServiceProcess(String name, int port, List<String> command, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.command = command;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(Path root, String service, Map<String, String> config) throws IOException {
        return start(root, service, freePort(), config);
    }

    /** On a port chosen beforehand, e.g. so that the service can be told its own public address. */
    static ServiceProcess start(Path root, String service, int port, Map<String, String> config) throws IOException {
        return start(root, service, service, port, config);
    }

    /** A second process of a service, logging to {@code <logName>.log}. */
    static ServiceProcess start(Path root, String service, String logName, int port, Map<String, String> config)
            throws IOException {
        Path app = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: package the services first (./mvnw verify does)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(app.toString());
        Path log = root.resolve("e2e-tests/target/e2e-logs/" + logName + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(service, port, command, p, log);
    }

    /** Starts it again, same port and settings, after {@link #close()} (an outage that ends). */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + "; see " + log);
        }
        return process.exitValue();
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
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
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
