package jp.madoguchi.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where the running stack answers and the secrets it made; persisted as {@code stack.properties} (mode 0600) in the
 * state directory: the app secrets ({@link StackSecrets}) as {@code secret.<name>} entries, the Kafka SCRAM
 * passwords (kept with the broker's data, since its metadata holds their credentials) as
 * {@code kafka.password.<principal>}. The TeleOffice simulator's API key and webhook secret are among the secrets.
 *
 * @param kafkaPasswords SCRAM password of each Kafka principal: {@link KafkaAccess#ADMIN} and every service
 */
public record StackInfo(long pid, String postgresHost, int postgresPort, String postgresSuperuser,
        String postgresSuperpassword, String kafkaBootstrap, String keycloakUrl, String smtpHost, int smtpPort, int imapPort,
        String mailApiUrl, String teleofficeUrl, StackSecrets secrets, Map<String, String> kafkaPasswords) {

    public static final String FILE = "stack.properties";
    private static final String SECRET = "secret.";
    /** {@code kafka.password.<principal>} in the state file: one per service and the admin. */
    private static final String KAFKA_PASSWORD = "kafka.password.";

    /** The SCRAM password of a Kafka principal of this stack ({@link KafkaAccess#ADMIN} or a service's name). */
    public String kafkaPassword(String principal) {
        String password = kafkaPasswords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal " + principal + " in this stack");
        }
        return password;
    }

    /** Client settings (bootstrap, SASL/SCRAM) to reach the stack's broker as {@code principal}. */
    public Properties kafkaClient(String principal) {
        return KafkaAccess.client(kafkaBootstrap, principal, kafkaPassword(principal));
    }

    /** As the stack's Kafka super user: for set-up, and for tests that read everything or forge. */
    public Properties kafkaAdmin() {
        return kafkaClient(KafkaAccess.ADMIN);
    }

    /**
     * Every secret setting of one service (e.g. {@code consent-service}) as Quarkus configuration keys, its Kafka
     * login included: what {@code ServiceTestResource}, the end-to-end processes and {@code ./madoguchi up} pass to it.
     */
    public Map<String, String> serviceSettings(String service) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(secrets.serviceSettings(service));
        settings.put("madoguchi.kafka.username", service);
        settings.put("madoguchi.kafka.password", kafkaPassword(service));
        return settings;
    }

    /** The key the simulator asks of meeting-service (the real TeleOffice issues one). */
    public String teleofficeApiKey() {
        return secrets.teleofficeApiKey();
    }

    /** The secret the simulator signs participant events with. */
    public String teleofficeWebhookSecret() {
        return secrets.teleofficeWebhookSecret();
    }

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

    private static Map<String, String> kafkaPasswords(Properties p) {
        Map<String, String> passwords = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PASSWORD)) {
                passwords.put(key.substring(KAFKA_PASSWORD.length()), p.getProperty(key));
            }
        }
        return Map.copyOf(passwords);
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
                    Integer.parseInt(p.getProperty("smtp.port")), Integer.parseInt(p.getProperty("imap.port")), p.getProperty("mail.api.url"), p.getProperty("teleoffice.url"),
                    StackSecrets.fromProperties(p, SECRET), kafkaPasswords(p)));
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
        p.setProperty("imap.port", Integer.toString(imapPort));
        p.setProperty("mail.api.url", mailApiUrl);
        p.setProperty("teleoffice.url", teleofficeUrl);
        p.setProperty("kafka.security-protocol", KafkaAccess.SECURITY_PROTOCOL);
        p.setProperty("kafka.sasl-mechanism", KafkaAccess.MECHANISM);
        p.setProperty("kafka.admin.username", KafkaAccess.ADMIN);
        kafkaPasswords.forEach((principal, password) -> p.setProperty(KAFKA_PASSWORD + principal, password));
        secrets.asMap().forEach((name, value) -> p.setProperty(SECRET + name, value));
        p.setProperty("ready", "true");
        StackSecrets.writePrivate(stateDir, FILE, p, "Madoguchi dev stack");
    }
}
