package jp.madoguchi.teleoffice;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;

/** How the simulated meeting manager calls back the webhook it was given at creation. */
public interface WebhookClient {

    @POST
    Uni<Void> notify(@HeaderParam("X-Webhook-Secret") String secret, ParticipantNotice notice);

    static WebhookClient to(String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(WebhookClient.class);
    }
}
