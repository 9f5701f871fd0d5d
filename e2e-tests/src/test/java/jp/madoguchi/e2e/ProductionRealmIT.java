package jp.madoguchi.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.testing.Stack;

/**
 * The production realm template (deploy/keycloak/hellowork-realm.prod.json) on the dev stack's real Keycloak,
 * imported under a realm name of its own through the admin API and deleted afterwards: no client takes a password
 * grant, and repeated wrong passwords at the login page lock the user.
 */
class ProductionRealmIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("madoguchi.root", "..")).toAbsolutePath().normalize();
    private static final String REALM = "prodtest-" + Long.toString(System.currentTimeMillis(), 36);
    private static final String USER = "kaga-taro";
    private static final String PASSWORD = "Kaga-" + UUID.randomUUID();

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static StackInfo stack;
    private static JsonNode template;
    private static String userId;

    @BeforeAll
    static void importTemplate() throws Exception {
        stack = Stack.get();
        template = JSON.readTree(ROOT.resolve("deploy/keycloak/hellowork-realm.prod.json").toFile());
        ObjectNode realm = template.deepCopy();
        realm.put("realm", REALM);
        HttpResponse<String> created = admin("POST", "/admin/realms", realm.toString());
        assertEquals(201, created.statusCode(), () -> "import of the production template failed: " + created.body());
        HttpResponse<String> user = admin("POST", "/admin/realms/" + REALM + "/users", JSON.createObjectNode()
                .put("username", USER).put("enabled", true).put("email", USER + "@example.jp").put("emailVerified", true)
                .put("firstName", "Taro").put("lastName", "Kaga")
                .set("credentials", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("type", "password").put("value", PASSWORD).put("temporary", false))).toString());
        assertEquals(201, user.statusCode(), () -> "creating a user failed: " + user.body());
        String location = user.headers().firstValue("Location").orElseThrow();
        userId = location.substring(location.lastIndexOf('/') + 1);
    }

    @AfterAll
    static void deleteRealm() throws Exception {
        if (stack != null) {
            admin("DELETE", "/admin/realms/" + REALM, null);
        }
    }

    @Test
    void theTemplateHasNoDemoUsersNoSecretsAndTheRolesOfTheDevRealm() throws IOException {
        JsonNode dev = JSON.readTree(ROOT.resolve("deploy/keycloak/hellowork-realm.json").toFile());
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals("external", template.path("sslRequired").asText()));
        checks.add(() -> assertTrue(template.path("bruteForceProtected").asBoolean()));
        for (JsonNode u : template.path("users")) {
            checks.add(() -> assertTrue(u.hasNonNull("serviceAccountClientId") && !u.has("credentials"),
                    "only service accounts, without credentials: " + u.path("username")));
        }
        for (JsonNode c : template.path("clients")) {
            checks.add(() -> assertFalse(c.has("secret"), c.path("clientId") + ": Keycloak makes the secret"));
            for (JsonNode uri : c.path("redirectUris")) {
                checks.add(() -> assertFalse(uri.asText().contains("*") || uri.asText().startsWith("http:"),
                        c.path("clientId") + ": exact https redirect URIs only: " + uri));
            }
            for (JsonNode origin : c.path("webOrigins")) {
                checks.add(() -> assertTrue(origin.asText().startsWith("https://"), c.path("clientId") + " web origin " + origin));
            }
        }
        List<String> roles = names(template.path("roles").path("realm"));
        for (String role : names(dev.path("roles").path("realm"))) {
            checks.add(() -> assertTrue(roles.contains(role), "the production realm lacks the role " + role));
        }
        for (String role : List.of("seeker", "employer", "counselor", "office-admin", "service", "operator")) {
            checks.add(() -> assertTrue(roles.contains(role), "the production realm lacks the role " + role));
        }
        assertAll(checks);
    }

    @Test
    void noClientTakesAPasswordGrant() throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode client : template.path("clients")) {
            String clientId = client.path("clientId").asText();
            Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "password",
                    "client_id", clientId, "username", USER, "password", PASSWORD));
            if (!client.path("publicClient").asBoolean()) {
                // with the client's real secret: the grant itself must be refused, not the client's login
                form.put("client_secret", clientSecret(clientId));
            }
            HttpResponse<String> token = post(realmUrl() + "/protocol/openid-connect/token", form);
            checks.add(() -> {
                assertNotEquals(200, token.statusCode(), clientId + " issued a token for a password: " + token.body());
                assertEquals("unauthorized_client", JSON.readTree(token.body()).path("error").asText(),
                        clientId + ": " + token.body());
            });
        }
        assertFalse(checks.isEmpty(), "the template has clients");
        assertAll(checks);
    }

    @Test
    void repeatedWrongPasswordsLockTheUser() throws Exception {
        int failures = template.path("failureFactor").asInt();
        assertTrue(failures > 0 && failures <= 10, "failureFactor " + failures);
        LoginPage page = LoginPage.open(mypage());
        for (int i = 0; i < failures; i++) {
            HttpResponse<String> answer = page.submit(USER, "wrong-" + i);
            int attempt = i;
            assertEquals(200, answer.statusCode(), () -> "a wrong password shows the form again (attempt " + attempt + "): "
                    + answer.headers().map() + "\n" + answer.body());
            page = page.next(answer);
        }
        JsonNode status = null;
        // failures are recorded asynchronously, one at a time: on a machine busy with parallel builds the last one was
        // seen to land after more than 5 s
        for (int i = 0; i < 300; i++) {
            status = JSON.readTree(admin("GET", "/admin/realms/" + REALM + "/attack-detection/brute-force/users/" + userId,
                    null).body());
            if (status.path("disabled").asBoolean()) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(status.path("disabled").asBoolean(), "the user must be locked: " + status);
        // now even the right password does not sign in
        HttpResponse<String> right = page.submit(USER, PASSWORD);
        assertFalse(right.statusCode() == 302 && right.headers().firstValue("Location").orElse("").contains("code="),
                "a locked user signed in");
    }

    // ---- helpers ----

    private static String mypage() {
        for (JsonNode c : template.path("clients")) {
            if (c.path("clientId").asText().equals("mypage")) {
                return c.path("redirectUris").path(0).asText();
            }
        }
        return fail("no mypage client in the template");
    }

    /** The login form of the mypage client (authorization code with PKCE), followed through its cookies. */
    private record LoginPage(HttpClient browser, String action) {

        private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*login-actions/authenticate[^\"]*)\"");

        static LoginPage open(String redirectUri) throws Exception {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new PlainCookies())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String url = realmUrl() + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "mypage",
                    "redirect_uri", redirectUri, "response_type", "code", "scope", "openid",
                    "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256"));
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), () -> "login page: " + page.body());
            return new LoginPage(browser, action(page.body()));
        }

        HttpResponse<String> submit(String username, String password) throws Exception {
            return browser.send(HttpRequest.newBuilder(URI.create(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        LoginPage next(HttpResponse<String> answer) {
            return new LoginPage(browser, action(answer.body()));
        }

        private static String action(String html) {
            Matcher m = ACTION.matcher(html);
            if (!m.find()) {
                fail("no login form in:\n" + html);
            }
            return m.group(1).replace("&amp;", "&");
        }
    }

    /**
     * Keycloak marks its cookies Secure even for a local http request (which sslRequired "external" allows); the JDK's
     * CookieManager would then withhold them, as a browser does not for localhost.
     */
    private static final class PlainCookies extends CookieHandler {
        private final Map<String, String> jar = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            return jar.isEmpty() ? Map.of() : Map.of("Cookie", List.of(jar.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                    for (String v : values) {
                        String pair = v.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            jar.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }

    private static String clientSecret(String clientId) throws Exception {
        JsonNode found = JSON.readTree(admin("GET", "/admin/realms/" + REALM + "/clients?clientId=" + clientId, null).body());
        String id = found.path(0).path("id").asText();
        HttpResponse<String> secret = admin("POST", "/admin/realms/" + REALM + "/clients/" + id + "/client-secret", "");
        assertEquals(200, secret.statusCode(), () -> "no secret for " + clientId + ": " + secret.body());
        return JSON.readTree(secret.body()).path("value").asText();
    }

    private static String realmUrl() {
        return stack.keycloakUrl() + "/realms/" + REALM;
    }

    private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return KeycloakAdmin.call(method, path, json);
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static List<String> names(JsonNode roles) {
        List<String> names = new ArrayList<>();
        roles.forEach(r -> names.add(r.path("name").asText()));
        return names;
    }
}
