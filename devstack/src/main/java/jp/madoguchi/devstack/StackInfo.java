package jp.madoguchi.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the running stack answers; persisted as {@code stack.properties} in the state directory. The TeleOffice
 * simulator's API key and webhook secret are generated per stack, so nothing runs with a known default.
 */
public record StackInfo(long pid, String postgresHost, int postgresPort, String postgresSuperuser,
        String postgresSuperpassword, String kafkaBootstrap, String keycloakUrl, String smtpHost, int smtpPort,
        String mailApiUrl, String teleofficeUrl, String teleofficeApiKey, String teleofficeWebhookSecret) {

    public static final String FILE = "stack.properties";

    public String keycloakRealmUrl() {
        return keycloakUrl + "/realms/hellowork";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public boolean processAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public static Optional<StackInfo> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            if (!"true".equals(p.getProperty("ready"))) {
                return Optional.empty();
            }
            return Optional.of(new StackInfo(Long.parseLong(p.getProperty("pid")), p.getProperty("postgres.host"),
                    Integer.parseInt(p.getProperty("postgres.port")), p.getProperty("postgres.superuser"),
                    p.getProperty("postgres.superpassword"), p.getProperty("kafka.bootstrap"),
                    p.getProperty("keycloak.url"), p.getProperty("smtp.host"),
                    Integer.parseInt(p.getProperty("smtp.port")), p.getProperty("mail.api.url"), p.getProperty("teleoffice.url"),
                    p.getProperty("teleoffice.api-key"), p.getProperty("teleoffice.webhook-secret")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Written atomically: a reader sees the whole file or none. */
    void write(Path stateDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("postgres.host", postgresHost);
        p.setProperty("postgres.port", Integer.toString(postgresPort));
        p.setProperty("postgres.superuser", postgresSuperuser);
        p.setProperty("postgres.superpassword", postgresSuperpassword);
        p.setProperty("kafka.bootstrap", kafkaBootstrap);
        p.setProperty("keycloak.url", keycloakUrl);
        p.setProperty("keycloak.realm-url", keycloakRealmUrl());
        p.setProperty("smtp.host", smtpHost);
        p.setProperty("smtp.port", Integer.toString(smtpPort));
        p.setProperty("mail.api.url", mailApiUrl);
        p.setProperty("teleoffice.url", teleofficeUrl);
        p.setProperty("teleoffice.api-key", teleofficeApiKey);
        p.setProperty("teleoffice.webhook-secret", teleofficeWebhookSecret);
        p.setProperty("ready", "true");
        Path tmp = stateDir.resolve(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Madoguchi dev stack");
        }
        try {
            // it holds the stack's secrets: readable by its owner only
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: nothing to tighten
        }
        Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
