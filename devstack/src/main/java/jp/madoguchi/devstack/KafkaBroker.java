package jp.madoguchi.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The stack's KRaft broker (broker and controller in one process) with SASL/SCRAM on its client listener and the
 * StandardAuthorizer. Its data survive a restart, as in production: the storage is formatted only when the data
 * directory is empty, keeping the cluster id, the admin credential made at the format, and the passwords of the
 * services (in {@code credentials.properties} beside the data, readable by the owner only).
 */
final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBroker.class.getName());
    /** Topic prefixes of test runs (testing's Stack.TOPIC_PREFIX, the e2e suite's). */
    static final List<String> TEST_RUN_PREFIXES = List.of("test-", "e2e-");

    private final Process process;
    private final String bootstrap;
    private final Map<String, String> passwords;
    private final String clusterId;

    private KafkaBroker(Process process, String bootstrap, Map<String, String> passwords, String clusterId) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.passwords = passwords;
        this.clusterId = clusterId;
    }

    /** Starts the broker on {@code dir} (its data, config and credentials) and waits until it serves. */
    static KafkaBroker start(Path dir, int port, int controllerPort, Path log) throws Exception {
        Path data = dir.resolve("data");
        Path credentials = dir.resolve("credentials.properties");
        // (a directory from before the broker had credentials is formatted anew too)
        boolean format = !Files.isRegularFile(data.resolve("meta.properties")) || !Files.isRegularFile(credentials);
        if (format) {
            DevStack.deleteTree(dir);
            Files.createDirectories(data);
            store(credentials, KafkaAccess.newPasswords());
        }
        Map<String, String> passwords = load(credentials);
        String admin = passwords.get(KafkaAccess.ADMIN);
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            serverProperties(data, port, controllerPort, admin).store(out, "Madoguchi dev stack broker");
        }
        restrict(config);
        String classpath = System.getProperty("java.class.path");
        if (format) {
            String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
            // the admin's SCRAM credential goes in with the format: the broker logs in with it before any client can
            Process storage = StackRunner.java("-Xmx256m", classpath, "kafka.tools.StorageTool", log, "format", "-t", clusterId,
                    "-c", config.toString(), "--add-scram", "SCRAM-SHA-512=[name=" + KafkaAccess.ADMIN + ",password=" + admin + "]");
            if (!storage.waitFor(60, TimeUnit.SECONDS) || storage.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed; see " + log);
            }
        }
        Process process = StackRunner.java("-Xmx512m", classpath, "kafka.Kafka", log, config.toString());
        String bootstrap = "localhost:" + port;
        KafkaBroker broker = new KafkaBroker(process, bootstrap, passwords, clusterId(data));
        try {
            broker.awaitReady(port, log);
            try (Admin a = Admin.create(broker.adminConfig())) {
                KafkaAccess.upsertUsers(a, passwords);
                forgetEndedTestRuns(a);
            }
            Topics.create(broker.adminConfig(), "");
        } catch (Exception e) {
            broker.close();
            throw e;
        }
        LOG.info((format ? "kafka formatted (cluster " : "kafka kept its data (cluster ") + broker.clusterId + ")");
        return broker;
    }

    /**
     * Topics and ACLs of earlier test runs ({@code test-…}, {@code e2e-…}): their builds ended with the stack that
     * served them, and kept data would otherwise pile up from build to build. The stack's own topics stay.
     */
    private static void forgetEndedTestRuns(Admin admin) throws Exception {
        java.util.function.Predicate<String> ofATestRun = name -> TEST_RUN_PREFIXES.stream().anyMatch(name::startsWith);
        List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(ofATestRun).toList();
        if (!topics.isEmpty()) {
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
        List<org.apache.kafka.common.acl.AclBindingFilter> acls = admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY)
                .values().get(30, TimeUnit.SECONDS).stream().filter(b -> ofATestRun.test(b.pattern().name()))
                .map(org.apache.kafka.common.acl.AclBinding::toFilter).toList();
        if (!acls.isEmpty()) {
            admin.deleteAcls(acls).all().get(30, TimeUnit.SECONDS);
        }
        if (!topics.isEmpty()) {
            LOG.info("kafka: removed " + topics.size() + " topics and " + acls.size() + " ACLs of ended test runs");
        }
    }

    private static Properties serverProperties(Path data, int port, int controllerPort, String adminPassword) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "CLIENT");
        // SCRAM for clients and the broker itself; PLAIN (users in the JAAS entry) where KRaft needs it: the
        // controller listener cannot use SCRAM, whose credentials live in the metadata the controller serves
        p.setProperty("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
        p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaAccess.MECHANISM);
        p.setProperty("listener.name.client.scram-sha-512.sasl.jaas.config", KafkaAccess.jaas(KafkaAccess.ADMIN, adminPassword));
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + KafkaAccess.ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + KafkaAccess.ADMIN + "=\"" + adminPassword + "\";");
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:" + KafkaAccess.ADMIN);
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("log.dirs", data.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /**
     * Ready once the broker answers the Kafka protocol to the admin. Nobody connects before the port is listening
     * (seen in the kernel's table), so a probe cannot meet itself on a port nothing holds yet.
     */
    private void awaitReady(int port, Path log) throws InterruptedException {
        // generous: a broker recovering its logs on a machine busy with builds took over 90 s here
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        Properties admin = adminConfig();
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited; see " + log);
            }
            if (Ports.listening(port)) {
                try (Admin a = Admin.create(admin)) {
                    if (!a.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // starting
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka not ready in 180 s; see " + log);
            }
            Thread.sleep(300);
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Principal to password: the admin and each service. */
    Map<String, String> passwords() {
        return passwords;
    }

    String clusterId() {
        return clusterId;
    }

    boolean alive() {
        return process.isAlive();
    }

    Properties adminConfig() {
        return KafkaAccess.client(bootstrap, KafkaAccess.ADMIN, passwords.get(KafkaAccess.ADMIN));
    }

    @Override
    public void close() throws InterruptedException {
        StackRunner.stop(process, "kafka");
    }

    private static String clusterId(Path data) throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("meta.properties"))) {
            meta.load(in);
        }
        return meta.getProperty("cluster.id");
    }

    private static void store(Path file, Map<String, String> passwords) throws IOException {
        Properties p = new Properties();
        p.putAll(passwords);
        Files.createFile(file);
        restrict(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Kafka SCRAM passwords of this dev stack (principal = password)");
        }
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        List<String> principals = new ArrayList<>(List.of(KafkaAccess.ADMIN));
        principals.addAll(KafkaAccess.SERVICES);
        for (String principal : principals) {
            String password = p.getProperty(principal);
            if (password == null) { // a principal added since the format
                password = KafkaAccess.newPasswords().get(principal);
                p.setProperty(principal, password);
                try (OutputStream out = Files.newOutputStream(file)) {
                    p.store(out, "Kafka SCRAM passwords of this dev stack (principal = password)");
                }
            }
            passwords.put(principal, password);
        }
        return passwords;
    }

    static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }
}
