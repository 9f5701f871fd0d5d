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
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, int port, List<String> command, Path log) throws IOException {
        this.name = name;
        this.port = port;
        this.command = command;
        this.log = log;
        Files.createDirectories(log.getParent());
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static ServiceProcess start(Path root, String service, Map<String, String> config) throws IOException {
        return start(root, service, config, freePort(), root.resolve("e2e-tests/target/e2e-logs/" + service + ".log"));
    }

    /** On a port chosen beforehand (others must know it before it starts), logging to {@code log}. */
    static ServiceProcess start(Path root, String service, Map<String, String> config, int port, Path log)
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
        return new ServiceProcess(service, port, List.copyOf(command), log);
    }

    /** kill -9: no shutdown hook, no graceful stop, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** The same service again, same port and configuration; its log goes on in the same file. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** A free port for {@link #start(Path, String, Map, int, Path)}. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
}
