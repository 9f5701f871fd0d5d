package jp.madoguchi.meeting.simulator;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;

/** How the simulated meeting manager calls back the webhook it was given. */
public interface WebhookClient {

    @POST
    Uni<Void> notify(@HeaderParam("X-Webhook-Secret") String secret, ParticipantNotice notice);
}
