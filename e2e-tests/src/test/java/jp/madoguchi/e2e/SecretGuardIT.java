package jp.madoguchi.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/**
 * A packaged service in the prod profile, as a container runs it, refuses to start while a secret is missing or a
 * development value, and says which setting (and environment variable) to fix. The guard fires before anything is
 * contacted: the infrastructure addresses here lead nowhere, so a start that got past it would fail differently.
 */
class SecretGuardIT {

    private static final Path ROOT = Path.of(System.getProperty("madoguchi.root", "..")).toAbsolutePath().normalize();

    /** Real-looking values for every secret consent-service lists; each test breaks one or two. */
    private static Map<String, String> goodSecrets() {
        Map<String, String> secrets = new HashMap<>();
        secrets.put("quarkus.datasource.password", "pw-" + Long.toHexString(System.nanoTime()) + "Zq81kLm3");
        secrets.put("quarkus.oidc.credentials.secret", "cs-" + Long.toHexString(System.nanoTime()) + "Pp27xWe9");
        secrets.put("madoguchi.consent.link-secret", "ls-" + Long.toHexString(System.nanoTime()) + "Yt55rQa0");
        secrets.put("madoguchi.consent.device-pepper", "dp-" + Long.toHexString(System.nanoTime()) + "Hg14nBv6");
        return secrets;
    }

    @Test
    void aMissingSecretStopsTheServiceNamingIt() throws Exception {
        Map<String, String> secrets = goodSecrets();
        secrets.remove("madoguchi.consent.link-secret");
        String output = refusedStart("guard-missing", secrets);
        assertTrue(output.contains("madoguchi.consent.link-secret") && output.contains("MADOGUCHI_CONSENT_LINK_SECRET"),
                "the message must name the setting and its environment variable:\n" + output);
        assertFalse(output.contains("madoguchi.consent.device-pepper"), "only the broken setting is named:\n" + output);
    }

    @Test
    void aDevelopmentValueStopsTheServiceNamingIt() throws Exception {
        Map<String, String> secrets = goodSecrets();
        // the demo realm's former client secret and the database name as its password
        secrets.put("quarkus.oidc.credentials.secret", "consent-service-secret");
        secrets.put("quarkus.datasource.password", "consent");
        // the %dev./%test. value of application.properties
        secrets.put("madoguchi.consent.device-pepper", "dev-only-consent-pepper");
        String output = refusedStart("guard-dev-values", secrets);
        for (String env : new String[] {"QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_DATASOURCE_PASSWORD",
                "MADOGUCHI_CONSENT_DEVICE_PEPPER"}) {
            assertTrue(output.contains(env), "the message must name " + env + ":\n" + output);
        }
        assertFalse(output.contains("MADOGUCHI_CONSENT_LINK_SECRET"), "a real link secret passes:\n" + output);
    }

    /** Starts consent-service with these secrets and nothing reachable; returns its output once it has exited. */
    private static String refusedStart(String logName, Map<String, String> secrets) throws Exception {
        Map<String, String> config = Map.of(
                "madoguchi.db.port", "1", "kafka.bootstrap.servers", "127.0.0.1:1",
                "quarkus.oidc.auth-server-url", "http://127.0.0.1:1/realms/nowhere");
        try (ServiceProcess p = ServiceProcess.start(ROOT, "consent-service", logName, config, secrets)) {
            OptionalInt exit = p.awaitExit(Duration.ofSeconds(60));
            String output = p.logText();
            assertTrue(exit.isPresent(), "the service must stop by itself:\n" + output);
            assertNotEquals(0, exit.getAsInt(), "the service must exit with an error:\n" + output);
            assertTrue(output.contains("Refusing to start"), "the guard, not something later, must stop it:\n" + output);
            return output;
        }
    }
}
