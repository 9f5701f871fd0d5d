package jp.madoguchi.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Madoguchi dev stack: real PostgreSQL, Kafka (KRaft), Keycloak and SMTP on this machine, no containers, and the
 * TeleOffice simulator as a process of its own.
 *
 * <pre>
 *   up [--fresh] [--owner-pid N] [--timeout S]   reuse the running stack or start one, detached
 *   run [--fresh] [--owner-pid N]                run it in this process (what "up" starts)
 *   down                                         stop it
 *   status                                       exit 0 when up, 3 when not
 *   settings SERVICE                             the running stack's secret settings of a service (key=value lines)
 * </pre>
 *
 * With {@code --owner-pid} the stack stops by itself once that process ends (a test build that started it).
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "status" : args[0];
        boolean fresh = List.of(args).contains("--fresh");
        OptionalLong owner = option(args, "--owner-pid").map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
        int timeout = option(args, "--timeout").map(Integer::parseInt).orElse(300);
        Path root = projectRoot(Path.of("").toAbsolutePath());
        Path state = defaultStateDir(root);
        switch (command) {
            case "run" -> {
                try {
                    new StackRunner(root, state, fresh).run(owner);
                } catch (Exception e) {
                    System.err.println("devstack: start failed: " + e.getMessage());
                    e.printStackTrace();
                    System.exit(1);
                }
            }
            case "up" -> {
                try {
                    print(up(root, state, owner, fresh, timeout), state);
                } catch (IllegalStateException e) {
                    System.err.println("devstack: " + e.getMessage());
                    System.exit(1);
                }
            }
            case "down" -> down(state);
            case "status" -> {
                Optional<StackInfo> info = StackInfo.read(state).filter(StackInfo::processAlive);
                if (info.isPresent()) {
                    print(info.get(), state);
                } else {
                    System.out.println("devstack: not running");
                    System.exit(3);
                }
            }
            case "settings" -> {
                StackInfo info = StackInfo.read(state).filter(StackInfo::processAlive)
                        .orElseThrow(() -> new IllegalStateException("devstack: not running"));
                info.serviceSettings(args.length > 1 ? args[1] : "").forEach((k, v) -> System.out.println(k + "=" + v));
            }
            default -> {
                System.err.println("usage: DevStack up|run|down|status|settings [--fresh] [--owner-pid N] [--timeout S]");
                System.exit(2);
            }
        }
    }

    /** The running stack, or a new one started detached (stopping when {@code owner} ends, if given). */
    public static StackInfo ensureUp(Path stateDir, OptionalLong owner) {
        try {
            return up(projectRoot(Path.of("").toAbsolutePath()), stateDir, owner, false, 300);
        } catch (IOException e) {
            throw new IllegalStateException("dev stack could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code <project root>/target/devstack}, or {@code MADOGUCHI_STATE_DIR}. */
    public static Path defaultStateDir(Path start) {
        String override = System.getenv("MADOGUCHI_STATE_DIR");
        return override != null && !override.isBlank() ? Path.of(override).toAbsolutePath()
                : projectRoot(start).resolve("target/devstack");
    }

    /** Walks up from {@code start} to the directory holding {@code devstack/pom.xml}. */
    public static Path projectRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("devstack/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the Madoguchi project: " + start);
    }

    private static synchronized StackInfo up(Path root, Path state, OptionalLong owner, boolean fresh, int timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(state);
        // test JVMs of modules built in parallel ask at the same moment: one starts the stack, the others reuse it
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(state.resolve("start.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock lock = channel.lock()) {
            return upLocked(root, state, owner, fresh, timeoutSeconds);
        }
    }

    private static StackInfo upLocked(Path root, Path state, OptionalLong owner, boolean fresh, int timeoutSeconds)
            throws IOException, InterruptedException {
        Optional<StackInfo> running = StackInfo.read(state).filter(StackInfo::processAlive);
        if (running.isPresent()) {
            System.out.println("devstack: reusing the stack already running (pid " + running.get().pid() + ")");
            return running.get();
        }
        // before anything starts: a port in use fails here, naming it and its variable
        Ports.fromEnvironment().checkFree();
        Path logs = state.resolve("logs");
        Files.createDirectories(logs);
        Path devstack = root.resolve("devstack/target");
        String classpath = devstack.resolve("madoguchi-devstack.jar") + java.io.File.pathSeparator + devstack.resolve("lib") + "/*";
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C of the caller does not reach it
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, DevStack.class.getName(), "run"));
        if (fresh) {
            command.add("--fresh");
        }
        owner.ifPresent(pid -> command.addAll(List.of("--owner-pid", Long.toString(pid))));
        Path log = logs.resolve("devstack.log");
        System.out.println("devstack: starting PostgreSQL, Kafka, Keycloak, SMTP and the TeleOffice simulator (logs in " + logs + ")");
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            Optional<StackInfo> info = StackInfo.read(state);
            if (info.isPresent() && info.get().processAlive()) {
                return info.get();
            }
            if (!process.isAlive() && info.isEmpty() && !setsidStillStarting(process)) {
                break;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("dev stack did not come up; last lines of " + log + ":\n" + tail(log, 40));
    }

    /** setsid may exit at once after forking the stack: then only the state file tells. */
    private static boolean setsidStillStarting(Process process) {
        return process.exitValue() == 0 && !process.info().command().orElse("").contains("java");
    }

    static void down(Path state) throws IOException, InterruptedException {
        Path file = state.resolve(StackInfo.FILE);
        Optional<Long> pid = Optional.empty();
        if (Files.exists(file)) {
            var props = new java.util.Properties();
            try (var in = Files.newInputStream(file)) {
                props.load(in);
            }
            pid = Optional.ofNullable(props.getProperty("pid")).map(Long::parseLong);
        }
        if (pid.isEmpty()) {
            pid = findRunProcess(state);
        }
        if (pid.isEmpty()) {
            System.out.println("devstack: not running");
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isPresent() && handle.get().isAlive()) {
            List<ProcessHandle> children = handle.get().descendants().toList();
            handle.get().destroy();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (handle.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (handle.get().isAlive()) {
                handle.get().destroyForcibly();
            }
            // a stack killed without its shutdown hook leaves children: none may survive, and the ports they held
            // must be free before "down" returns
            awaitGone(children, 30);
        }
        Files.deleteIfExists(file);
        System.out.println("devstack: stopped");
    }

    /** Waits for processes to end, asking them (SIGTERM) and then forcing them when they take too long. */
    static void awaitGone(List<ProcessHandle> processes, int seconds) throws InterruptedException {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
    }

    private static Optional<Long> findRunProcess(Path state) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(DevStack.class.getName() + " run")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    private static void print(StackInfo info, Path state) {
        System.out.println("devstack: up (pid " + info.pid() + ")");
        System.out.println("  PostgreSQL  " + info.postgresHost() + ":" + info.postgresPort()
                + "   databases " + String.join(", ", StackRunner.SERVICE_DATABASES) + " (user = name; passwords in "
                + state.resolve(StackSecrets.FILE) + ")");
        System.out.println("  Kafka       " + info.kafkaBootstrap() + "   SASL/SCRAM-SHA-512, one principal per service; admin "
                + KafkaAccess.ADMIN + " (passwords in " + state.resolve(StackInfo.FILE) + ")");
        System.out.println("  Keycloak    " + info.keycloakUrl() + "   realm hellowork, admin console user admin, password "
                + info.secrets().keycloakAdminPassword());
        System.out.println("  SMTP        " + info.smtpHost() + ":" + info.smtpPort());
        System.out.println("  IMAP        " + info.smtpHost() + ":" + info.imapPort() + " (office mailboxes; any password, loopback only)");
        System.out.println("  Mail inbox  " + info.mailApiUrl() + "/   (JSON: /api/messages)");
        System.out.println("  TeleOffice  " + info.teleofficeUrl() + "   (simulator: join pages; key and webhook secret in "
                + state.resolve(StackInfo.FILE) + ")");
        System.out.println("  Logs        " + state.resolve("logs"));
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file)) {
            List<String> list = all.toList();
            return String.join("\n", list.subList(Math.max(0, list.size() - lines), list.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log)";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
