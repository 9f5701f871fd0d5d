package jp.madoguchi.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the running stack answers and the secrets it made ({@link StackSecrets}); persisted as
 * {@code stack.properties} (mode 0600) in the state directory, the secrets as {@code secret.<name>} entries.
 */
public record StackInfo(long pid, String postgresHost, int postgresPort, String postgresSuperuser,
        String postgresSuperpassword, String kafkaBootstrap, String keycloakUrl, String smtpHost, int smtpPort,
        String mailApiUrl, StackSecrets secrets) {

    public static final String FILE = "stack.properties";
    private static final String SECRET = "secret.";

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
                    Integer.parseInt(p.getProperty("smtp.port")), p.getProperty("mail.api.url"),
                    StackSecrets.fromProperties(p, SECRET)));
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
        secrets.asMap().forEach((name, value) -> p.setProperty(SECRET + name, value));
        p.setProperty("ready", "true");
        StackSecrets.writePrivate(stateDir, FILE, p, "Madoguchi dev stack");
    }
}
