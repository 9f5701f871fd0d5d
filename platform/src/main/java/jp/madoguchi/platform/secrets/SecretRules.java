package jp.madoguchi.platform.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a secret setting may not be outside dev and test: missing, empty, or a value known from development
 * (a {@code %dev.}/{@code %test.} value, the demo realm's {@code <client>-secret}, a database name as its password,
 * a placeholder from the deployment files). Pure: the guard gives it the values, so the rules are unit-tested.
 */
public final class SecretRules {

    /** Placeholders and marks of the development values in this repository and its deployment files. */
    private static final Pattern MARKED = Pattern.compile(
            "(?i).*(dev-only|compose-only|test-only|change-?me|replace[-_]?me|placeholder|example|\\$\\{).*");
    /** The demo realm's client secrets and the dev stack's former passwords: a service's name, with -secret. */
    private static final Pattern SERVICE_NAME = Pattern.compile(
            "(?i)(madoguchi-)?(reservation|consent|meeting|notification)(-service)?(-secret)?");
    private static final Set<String> WORDS = Set.of("secret", "password", "passwd", "admin", "postgres", "changeit",
            "keycloak", "kafka", "madoguchi", "guest", "test", "dev", "default");

    private SecretRules() {
    }

    /** One secret setting as the guard sees it. */
    public record Setting(String key, String value, boolean required) {
    }

    /**
     * The problems of these settings, one line each naming the setting and its environment variable; empty when
     * all are fine. {@code devValues}: values known from development (profiles, database name and user, ...).
     */
    public static List<String> problems(List<Setting> settings, Set<String> devValues) {
        List<String> problems = new ArrayList<>();
        for (Setting s : settings) {
            String value = s.value() == null ? "" : s.value().trim();
            String name = s.key() + " (environment variable " + envName(s.key()) + ")";
            if (value.isEmpty()) {
                if (s.required()) {
                    problems.add(name + " is not set");
                }
            } else if (isDevValue(value, devValues)) {
                problems.add(name + " has a development or placeholder value");
            }
        }
        return problems;
    }

    static boolean isDevValue(String value, Set<String> devValues) {
        String lower = value.toLowerCase(Locale.ROOT);
        return MARKED.matcher(value).matches() || SERVICE_NAME.matcher(value).matches() || WORDS.contains(lower)
                || devValues.stream().anyMatch(d -> d != null && !d.isBlank() && d.trim().equalsIgnoreCase(value));
    }

    /** How an operator sets the key in a container: {@code quarkus.datasource.password} → QUARKUS_DATASOURCE_PASSWORD. */
    public static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
