package jp.madoguchi.meeting.provider;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jp.madoguchi.meeting.config.MeetingConfig;

/** The HTTP adapter for the TeleOffice meeting manager (the real one, or the simulator process: same contract). */
@ApplicationScoped
public class HttpTeleOfficeProvider implements TeleOfficeProvider {

    private final MeetingConfig config;
    private final TeleOfficeApi api;

    public HttpTeleOfficeProvider(MeetingConfig config) {
        this.config = config;
        this.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.provider().baseUrl()))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                .build(TeleOfficeApi.class);
    }

    @Override
    public Uni<ProvisionedMeeting> create(String idempotencyKey, String title, OffsetDateTime opensAt,
            OffsetDateTime closesAt, String webhookUrl) {
        return api.create(config.provider().apiKey(), idempotencyKey,
                        new TeleOfficeApi.NewMeeting(title, opensAt, closesAt, false, webhookUrl))
                .map(m -> new ProvisionedMeeting(m.meetingId(), m.joinUrl(), m.passcode()))
                .onFailure(WebApplicationException.class).transform(e -> refusedOrAsIs((WebApplicationException) e, null));
    }

    @Override
    public Uni<Void> revoke(String meetingId) {
        return api.revoke(config.provider().apiKey(), meetingId)
                .onFailure(WebApplicationException.class).transform(e -> refusedOrAsIs((WebApplicationException) e, meetingId));
    }

    @Override
    public Uni<Void> end(String meetingId, String notice) {
        return api.end(config.provider().apiKey(), meetingId, new TeleOfficeApi.Ending(notice))
                .onFailure(WebApplicationException.class).transform(e -> refusedOrAsIs((WebApplicationException) e, meetingId));
    }

    /** 4xx but a wrong key (an operator fixes that, then a retry succeeds) is final; 5xx and the rest are transient. */
    private static Throwable refusedOrAsIs(WebApplicationException e, String meetingId) {
        int status = e.getResponse().getStatus();
        if (status == 404 && meetingId != null) {
            return new UnknownMeeting(meetingId);
        }
        if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
            return new Refused("TeleOffice answered " + status);
        }
        return new IllegalStateException("TeleOffice answered " + status);
    }
}
