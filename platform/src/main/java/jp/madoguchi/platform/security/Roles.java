package jp.madoguchi.platform.security;

/** Realm roles of the {@code hellowork} Keycloak realm. */
public final class Roles {
    public static final String SEEKER = "seeker";
    public static final String EMPLOYER = "employer";
    public static final String COUNSELOR = "counselor";
    public static final String OFFICE_ADMIN = "office-admin";
    /** National administration: opens, changes and closes offices, and administers any of them. No office claim. */
    public static final String NATIONAL_ADMIN = "national-admin";
    /** Service accounts of the Madoguchi services, for service-to-service calls. */
    public static final String SERVICE = "service";
    /** Operations staff: what went wrong across offices (failed meeting tasks, parked events, replays). */
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
