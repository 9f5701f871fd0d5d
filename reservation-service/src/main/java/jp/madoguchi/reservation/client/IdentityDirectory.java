package jp.madoguchi.reservation.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;

/**
 * What the identity provider knows of a person that a request must not be trusted for: the phone number registered
 * with the office (Kaga 6-2(3): an access code is read out only to that number). Keycloak's admin API of the realm
 * the tokens come from, read with this service's own service account.
 */
@ApplicationScoped
public class IdentityDirectory {

    /** The user attribute, and the OIDC claim of the same name, holding the registered phone number. */
    public static final String PHONE = "phone_number";

    /** The user attribute, and the OIDC claim of the same name, holding the seeker number (求職番号). */
    public static final String SEEKER_NUMBER = "seeker_number";

    @Path("/users")
    interface Users {
        @GET
        @Path("/{id}")
        Uni<User> user(@PathParam("id") String id, @HeaderParam("Authorization") String bearer);

        @GET
        Uni<List<User>> search(@QueryParam("q") String query, @QueryParam("exact") boolean exact,
                @QueryParam("max") int max, @HeaderParam("Authorization") String bearer);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String firstName, String lastName, String email, Map<String, List<String>> attributes) {
    }

    /** A person as the office registered them: the name (family name first), the phone number and email, if any. */
    public record Registered(String name, Optional<String> phone, Optional<String> email) {
    }

    private final Users users;
    private final OidcClient tokens;

    public IdentityDirectory(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String realmUrl, OidcClient tokens) {
        // the admin API of the very realm that issues the tokens: .../realms/x -> .../admin/realms/x
        this.users = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(realmUrl.replace("/realms/", "/admin/realms/")))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(Users.class);
        this.tokens = tokens;
    }

    /**
     * The person as registered with the identity provider, empty for someone it does not know; fails when it cannot
     * be asked (a transient failure: the caller answers 503).
     */
    public Uni<Optional<Registered>> registered(String userId) {
        return tokens.getTokens().flatMap(t -> users.user(userId, "Bearer " + t.getAccessToken()))
                .ifNoItem().after(Duration.ofSeconds(8)).fail()
                .map(u -> Optional.of(new Registered(name(u), Optional.ofNullable(u.attributes()).map(a -> a.get(PHONE))
                        .filter(v -> !v.isEmpty()).map(v -> v.get(0)).filter(p -> !p.isBlank()),
                        Optional.ofNullable(u.email()).filter(e -> !e.isBlank()))))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithItem(Optional.empty());
    }

    /**
     * The id of the one user whose seeker number is {@code seekerNumber}; empty when nobody, or more than one, has it
     * (a number is the office's key to one person, so two holders mean it identifies nobody). Fails when the identity
     * provider cannot be asked.
     */
    public Uni<Optional<String>> withSeekerNumber(String seekerNumber) {
        return tokens.getTokens()
                .flatMap(t -> users.search(SEEKER_NUMBER + ":" + seekerNumber, true, 20, "Bearer " + t.getAccessToken()))
                .ifNoItem().after(Duration.ofSeconds(8)).fail()
                .map(found -> {
                    // the search matches attributes loosely on some versions: only an equal value counts
                    List<String> ids = found.stream().filter(u -> u.attributes() != null
                            && u.attributes().getOrDefault(SEEKER_NUMBER, List.of()).contains(seekerNumber))
                            .map(User::id).toList();
                    return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.<String>empty();
                });
    }

    private static String name(User u) {
        String name = ((u.lastName() == null ? "" : u.lastName()) + " " + (u.firstName() == null ? "" : u.firstName())).strip();
        return name.isEmpty() ? null : name;
    }
}
