package jp.madoguchi.platform.secrets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import jakarta.annotation.Priority;

/**
 * Stops a service at start, outside the dev and test profiles, when a secret setting it lists is missing, empty or a
 * known development value (see {@link SecretRules}). It runs as a configuration interceptor, on the first look-up of
 * the runtime configuration: before the datasource, Flyway, Kafka or OIDC read anything, so nothing connects with a
 * guessable credential and the message names the setting instead of a failed login.
 *
 * <p>The settings are listed in configuration: {@code madoguchi.secrets.shared} (every service, in the platform's
 * defaults), {@code madoguchi.secrets.own} (the service's own, in its application.properties) and
 * {@code madoguchi.secrets.optional} (checked only when set, e.g. an SMTP password the relay may not need).
 */
@Priority(SecretGuard.PRIORITY)
public class SecretGuard implements ConfigSourceInterceptor {

    /** Outside SmallRye's own interceptors: what it reads is profiled and expanded like what the service reads. */
    static final int PRIORITY = 6000;
    private static final long serialVersionUID = 1L;
    private static final List<String> DEV_PROFILES = List.of("dev", "test");

    private volatile boolean checked;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!checked && atRuntime()) {
            checked = true;
            check(context);
        }
        return context.proceed(name);
    }

    /** Not while the application is built (the build sees no secrets) nor in static init. */
    private static boolean atRuntime() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }

    private static void check(ConfigSourceInterceptorContext context) {
        String profiles = value(context, "quarkus.profile");
        if (profiles.isBlank()) {
            profiles = value(context, "smallrye.config.profile");
        }
        for (String profile : profiles.split(",")) {
            if (DEV_PROFILES.contains(profile.trim())) {
                return;
            }
        }
        List<SecretRules.Setting> settings = new ArrayList<>();
        Set<String> devValues = new HashSet<>();
        devValues.add(value(context, "madoguchi.db.name"));
        devValues.add(value(context, "quarkus.datasource.username"));
        devValues.add(value(context, "quarkus.application.name"));
        for (String list : List.of("madoguchi.secrets.shared", "madoguchi.secrets.own", "madoguchi.secrets.optional")) {
            boolean required = !list.endsWith("optional");
            for (String key : value(context, list).split(",")) {
                key = key.trim();
                if (key.isEmpty()) {
                    continue;
                }
                settings.add(new SecretRules.Setting(key, value(context, key), required));
                for (String profile : DEV_PROFILES) {
                    devValues.add(value(context, "%" + profile + "." + key));
                }
            }
        }
        List<String> problems = SecretRules.problems(settings, devValues);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start (profile " + (profiles.isBlank() ? "prod" : profiles)
                    + "): secret settings need real values.\n  - " + String.join("\n  - ", problems)
                    + "\nSet each to a long random value (e.g. openssl rand -base64 32), the same one its counterpart "
                    + "uses (Keycloak client, database role, TeleOffice); see deploy/README.md.");
        }
    }

    /** A setting as the service would read it; an expression that does not resolve counts as missing. */
    private static String value(ConfigSourceInterceptorContext context, String key) {
        try {
            ConfigValue v = context.proceed(key);
            return v == null || v.getValue() == null ? "" : v.getValue();
        } catch (RuntimeException unresolved) {
            return "";
        }
    }
}
