package jp.madoguchi.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jp.madoguchi.devstack.StackInfo;
import jp.madoguchi.testing.Stack;

/** Keycloak's admin REST API of the dev stack, as an operator uses it (the realm's master admin). */
final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private KeycloakAdmin() {
    }

    static HttpResponse<String> call(String method, String path, String json) throws Exception {
        StackInfo stack = Stack.get();
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(stack.secrets().keycloakAdminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), () -> "admin login: " + token.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + path))
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).path("access_token").asText())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A member of an office's staff in the hellowork realm, as README's onboarding says: the office in the
     * {@code office} attribute (the token's {@code office} claim) and the staff role. Already there: left as it is.
     */
    static void staff(String username, String password, String office, String role) throws Exception {
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@example.jp").put("emailVerified", true).put("firstName", "職員").put("lastName", office);
        user.putObject("attributes").putArray("office").add(office);
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = call("POST", "/admin/realms/hellowork/users", user.toString());
        assertTrue(created.statusCode() == 201 || created.statusCode() == 409, () -> "creating " + username + ": " + created.body());
        JsonNode found = JSON.readTree(call("GET", "/admin/realms/hellowork/users?exact=true&username=" + username, null).body());
        String id = found.get(0).path("id").asText();
        HttpResponse<String> roleRep = call("GET", "/admin/realms/hellowork/roles/" + role, null);
        assertEquals(200, roleRep.statusCode(), roleRep::body);
        HttpResponse<String> mapped = call("POST", "/admin/realms/hellowork/users/" + id + "/role-mappings/realm",
                "[" + roleRep.body() + "]");
        assertEquals(204, mapped.statusCode(), mapped::body);
    }
}
