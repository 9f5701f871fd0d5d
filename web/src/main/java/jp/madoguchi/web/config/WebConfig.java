package jp.madoguchi.web.config;

import io.smallrye.config.ConfigMapping;

/**
 * Where the pages find Keycloak and the four services. Addresses as people's browsers reach them (not cluster-internal
 * names): no default outside the dev and test profiles, so a deployment that forgets one fails at start, not in a browser.
 */
@ConfigMapping(prefix = "madoguchi.web")
public interface WebConfig {

    /** The realm's address, e.g. https://id.madoguchi.example.jp/realms/hellowork. */
    String keycloakRealmUrl();

    /** Public client of the seeker and employer My Page (authorization code + PKCE). */
    String mypageClientId();

    /** Public client of the staff console. */
    String staffClientId();

    Services services();

    interface Services {
        String reservation();

        String consent();

        String meeting();

        String notification();
    }
}
