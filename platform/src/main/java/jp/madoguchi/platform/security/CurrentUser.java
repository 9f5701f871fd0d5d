package jp.madoguchi.platform.security;

import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import jp.madoguchi.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling, read from the Keycloak access token's claims. */
@RequestScoped
public class CurrentUser {

    public static final String OFFICE_CLAIM = "office";
    public static final String SEEKER_NUMBER_CLAIM = "seeker_number";
    public static final String EMPLOYER_NUMBER_CLAIM = "employer_number";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentUser(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** Stable Keycloak subject id: what records are keyed by, never the user name. */
    public String id() {
        return token.getSubject();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /** The office a staff member belongs to. */
    public Optional<String> office() {
        return claim(OFFICE_CLAIM);
    }

    /** The staff member's office; a staff account without one may do nothing office-scoped. */
    public String requireOffice() {
        return office().orElseThrow(() -> ProblemException.forbidden("staff.no-office"));
    }

    /** Staff may act on their own office only. */
    public void requireOffice(String officeId) {
        if (!requireOffice().equals(officeId)) {
            throw ProblemException.forbidden("staff.other-office", officeId);
        }
    }

    /** An office's administration: its own office admin, or a national administrator for any office. */
    public void requireAdminOf(String officeId) {
        if (!is(Roles.NATIONAL_ADMIN)) {
            requireOffice(officeId);
        }
    }

    public Optional<String> seekerNumber() {
        return claim(SEEKER_NUMBER_CLAIM);
    }

    public Optional<String> employerNumber() {
        return claim(EMPLOYER_NUMBER_CLAIM);
    }

    private Optional<String> claim(String name) {
        Object value = token.getClaim(name);
        return value == null ? Optional.empty() : Optional.of(value.toString()).filter(s -> !s.isBlank());
    }
}
