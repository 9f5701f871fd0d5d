package jp.madoguchi.devstack;

/** Ports of the stack: defaults chosen away from common ones, each overridable by env or system property. */
record Ports(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement, int smtp, int mailApi,
        int simulator) {

    static Ports fromEnvironment() {
        return new Ports(get("MADOGUCHI_PG_PORT", 55432), get("MADOGUCHI_KAFKA_PORT", 59092),
                get("MADOGUCHI_KAFKA_CONTROLLER_PORT", 59093), get("MADOGUCHI_KEYCLOAK_PORT", 58180),
                get("MADOGUCHI_KEYCLOAK_MGMT_PORT", 58190), get("MADOGUCHI_SMTP_PORT", 52525),
                get("MADOGUCHI_MAIL_API_PORT", 58025),
                // the TeleOffice simulator: outside the ephemeral range (32768-60999)
                get("MADOGUCHI_SIMULATOR_PORT", 18085));
    }

    private static int get(String env, int fallback) {
        String property = System.getProperty(env.toLowerCase().replace('_', '.'));
        String value = property != null ? property : System.getenv(env);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
