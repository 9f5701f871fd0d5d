package jp.madoguchi.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the dev stack's Keycloak, for the demo users of the hellowork realm. */
public final class Tokens {

    public static final String PASSWORD = "password";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A user's access token (password grant through the realm's CLI client). */
    public static String of(String username) {
        return CACHE.computeIfAbsent("user:" + username, u -> fresh(username));
    }

    /** A new token, not the cached one: for a test that runs longer than a token lives (15 minutes). */
    public static String fresh(String username) {
        return given()
                .formParam("grant_type", "password")
                .formParam("client_id", "madoguchi-cli")
                .formParam("username", username)
                .formParam("password", PASSWORD)
                .post(Stack.get().keycloakRealmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A service account's token (client credentials). */
    public static String service(String clientId) {
        return CACHE.computeIfAbsent("client:" + clientId, c -> given()
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", Stack.get().secrets().clientSecret(clientId))
                .post(Stack.get().keycloakRealmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token"));
    }

    /** A claim of a token, read from its payload (the signature was checked by whoever issued it to us). */
    public static String claim(String token, String name) {
        var node = payload(token).get(name);
        return node == null ? null : node.asText();
    }

    /** A token's payload, every claim of it (e.g. {@code realm_access.roles}). */
    public static com.fasterxml.jackson.databind.JsonNode payload(String token) {
        try {
            byte[] json = java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable token", e);
        }
    }
}
