package jp.madoguchi.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Random secrets of one stack, made at its first start and kept in {@code secrets.properties} (mode 0600) of the
 * state directory: reused by every restart, made anew by {@code --fresh}. The stack gives them to its own parts
 * (database roles, Keycloak's realm import) and publishes them in {@link StackInfo}, so tests, end-to-end processes
 * and {@code ./madoguchi up} run the services with real, non-default secrets, as production does.
 *
 * <p>Names are {@code <kind>.<owner>}; a new secret is one more entry in {@link #NAMES} and an accessor. Kafka's
 * SCRAM passwords are not here: they live with the broker's data, whose metadata holds their credentials
 * ({@link KafkaBroker}), and {@link StackInfo#serviceSettings} adds them.
 */
public final class StackSecrets {

    public static final String FILE = "secrets.properties";
    /** The services, as their Keycloak clients and application names. */
    public static final List<String> SERVICES =
            List.of("reservation-service", "consent-service", "meeting-service", "notification-service");
    static final List<String> NAMES = names();

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, String> values;

    StackSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("db.postgres"));
        for (String db : StackRunner.SERVICE_DATABASES) {
            names.add("db." + db);
        }
        for (String service : SERVICES) {
            names.add("oidc." + service);
            names.add("pepper." + service);
        }
        names.addAll(List.of("consent.link-secret", "teleoffice.api-key", "teleoffice.webhook-secret",
                "keycloak.admin", "mailbox.password"));
        return List.copyOf(names);
    }

    /** The password of a database role: a service's (e.g. {@code reservation}) or the superuser {@code postgres}. */
    public String dbPassword(String role) {
        return get("db." + role);
    }

    /** The secret of a service's confidential Keycloak client (e.g. {@code reservation-service}). */
    public String clientSecret(String clientId) {
        return get("oidc." + clientId);
    }

    /** The pepper of a service's keyed hashes (device identifiers): each service has its own. */
    public String pepper(String service) {
        return get("pepper." + service);
    }

    /** The key that signs consent-service's re-consent links. */
    public String consentLinkSecret() {
        return get("consent.link-secret");
    }

    /** The key meeting-service presents to the TeleOffice meeting manager (the simulator checks it). */
    public String teleofficeApiKey() {
        return get("teleoffice.api-key");
    }

    /** The secret TeleOffice sends with participant events to meeting-service's webhook. */
    public String teleofficeWebhookSecret() {
        return get("teleoffice.webhook-secret");
    }

    /** Keycloak's bootstrap admin password (user {@code admin}, master realm). */
    public String keycloakAdminPassword() {
        return get("keycloak.admin");
    }

    /**
     * The secret settings of one service (e.g. {@code consent-service}) as Quarkus configuration keys: what
     * {@code ServiceTestResource}, the end-to-end processes and {@code ./madoguchi up} pass to it.
     */
    public Map<String, String> serviceSettings(String service) {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("no service " + service + "; one of " + SERVICES);
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.password", dbPassword(service.replace("-service", "")));
        config.put("quarkus.oidc.credentials.secret", clientSecret(service));
        switch (service) {
            case "consent-service" -> {
                config.put("madoguchi.consent.link-secret", consentLinkSecret());
                config.put("madoguchi.consent.device-pepper", pepper(service));
            }
            case "meeting-service" -> {
                config.put("madoguchi.meeting.provider.api-key", teleofficeApiKey());
                config.put("madoguchi.meeting.webhook-secret", teleofficeWebhookSecret());
                config.put("madoguchi.meeting.device-pepper", pepper(service));
            }
            case "notification-service" ->
                // the office mailboxes' login (the dev stack's IMAP server takes any; a real one this secret)
                config.put("madoguchi.notification.inbound.password", values.get("mailbox.password"));
            default -> {
                // the database and the client secret only
            }
        }
        return config;
    }

    /** The environment Keycloak resolves the realm file's placeholders from ({@code ${RESERVATION_CLIENT_SECRET}}). */
    public Map<String, String> realmEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String service : SERVICES) {
            env.put(clientSecretVariable(service), clientSecret(service));
        }
        return env;
    }

    /** {@code reservation-service} to {@code RESERVATION_CLIENT_SECRET}, as in the realm file and compose. */
    public static String clientSecretVariable(String service) {
        return service.replace("-service", "").toUpperCase() + "_CLIENT_SECRET";
    }

    private String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("the stack has no secret " + name + ": restart it (./madoguchi down; up)");
        }
        return value;
    }

    Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    /** The secrets kept in {@code state}, completed with new ones where missing; all new with {@code fresh}. */
    static StackSecrets loadOrCreate(Path state, boolean fresh) throws IOException {
        Path file = state.resolve(FILE);
        Properties p = new Properties();
        if (!fresh && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        boolean changed = fresh || !Files.isRegularFile(file);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : NAMES) {
            String value = p.getProperty(name);
            if (value == null || value.isBlank()) {
                value = random();
                changed = true;
            }
            values.put(name, value);
        }
        if (changed) {
            Properties out = new Properties();
            out.putAll(values);
            writePrivate(state, FILE, out, "Madoguchi dev stack secrets: random per stack, never used elsewhere");
        }
        return new StackSecrets(values);
    }

    static StackSecrets fromProperties(Properties p, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), p.getProperty(key));
            }
        }
        return new StackSecrets(values);
    }

    /** 32 random bytes, URL-safe base64 (43 characters): fine in a URL, a JDBC password and a shell. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written atomically and readable by the owner only: a reader sees the whole file or none. */
    static void writePrivate(Path dir, String name, Properties p, String comment) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, comment);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
