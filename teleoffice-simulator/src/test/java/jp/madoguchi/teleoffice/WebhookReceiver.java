package jp.madoguchi.teleoffice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.resteasy.reactive.RestHeader;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Test only: stands where meeting-service's webhook would, and keeps what arrived with which secret. */
@Path("/test-webhook")
public class WebhookReceiver {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @POST
    public void receive(@RestHeader("X-Webhook-Secret") String secret, ParticipantNotice notice) {
        RECEIVED.add(secret + " " + notice.meetingId() + " " + notice.event() + " " + notice.role() + " " + notice.deviceId());
    }
}
