package jp.madoguchi.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.madoguchi.platform.secrets.SecretRules.Setting;

class SecretRulesTest {

    private static List<String> problems(String key, String value, boolean required, Set<String> dev) {
        return SecretRules.problems(List.of(new Setting(key, value, required)), dev);
    }

    @Test
    void aMissingOrEmptyRequiredSecretIsNamedWithItsEnvironmentVariable() {
        List<String> missing = problems("madoguchi.consent.link-secret", null, true, Set.of());
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).contains("madoguchi.consent.link-secret")
                && missing.get(0).contains("MADOGUCHI_CONSENT_LINK_SECRET") && missing.get(0).contains("not set"));
        assertEquals(1, problems("quarkus.datasource.password", "  ", true, Set.of()).size());
        assertEquals(List.of(), problems("quarkus.mailer.password", "", false, Set.of()), "optional and unset is fine");
    }

    @Test
    void developmentValuesAndPlaceholdersAreRefused() {
        for (String dev : List.of("dev-only-link-secret", "compose-only-webhook-secret", "REPLACE_ME", "change-me",
                "consent-service-secret", "notification-service-secret", "reservation", "password", "admin", "${X}")) {
            assertEquals(1, problems("k", dev, true, Set.of()).size(), dev);
        }
        assertEquals(1, problems("k", "s3cr3t-from-the-dev-profile", true, Set.of("s3cr3t-from-the-dev-profile")).size());
        assertEquals(1, problems("quarkus.mailer.password", "dev-only-smtp", false, Set.of()).size(),
                "an optional secret, once set, is checked too");
    }

    @Test
    void aRandomValuePasses() {
        assertEquals(List.of(), problems("madoguchi.consent.link-secret", "Qm9XbE1yZ2ZkS0p3bGx0dVZ5b3hCZz09aGVsbG8",
                true, Set.of("dev-only-link-secret", "consent")));
    }
}
