package jp.madoguchi.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.Cache;

import jp.madoguchi.web.config.WebConfig;

/** The one thing the static pages cannot know by themselves: where Keycloak and the services are in this environment. */
@Path("/config.json")
public class FrontEndConfigResource {

    public record Services(String reservation, String consent, String meeting, String notification) {
    }

    public record FrontEndConfig(String keycloakRealmUrl, String mypageClientId, String staffClientId, Services services) {
    }

    private final FrontEndConfig answer;

    public FrontEndConfigResource(WebConfig config) {
        WebConfig.Services s = config.services();
        this.answer = new FrontEndConfig(config.keycloakRealmUrl(), config.mypageClientId(), config.staffClientId(),
                new Services(s.reservation(), s.consent(), s.meeting(), s.notification()));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 60)
    public FrontEndConfig get() {
        return answer;
    }
}
