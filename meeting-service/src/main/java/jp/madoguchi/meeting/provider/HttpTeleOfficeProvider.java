package jp.madoguchi.meeting.provider;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.meeting.config.MeetingConfig;

/**
 * The HTTP adapter for the TeleOffice meeting manager. Without a configured base URL it talks to this
 * service's own simulator — over HTTP all the same, so the adapter is what is tested.
 */
@ApplicationScoped
public class HttpTeleOfficeProvider implements TeleOfficeProvider {

    private final MeetingConfig config;
    private volatile TeleOfficeApi api;

    public HttpTeleOfficeProvider(MeetingConfig config) {
        this.config = config;
    }

    @Override
    public Uni<ProvisionedMeeting> create(String title, OffsetDateTime opensAt, OffsetDateTime closesAt, String webhookUrl) {
        return api().create(config.provider().apiKey(), new TeleOfficeApi.NewMeeting(title, opensAt, closesAt, false, webhookUrl))
                .map(m -> new ProvisionedMeeting(m.meetingId(), m.joinUrl(), m.passcode()));
    }

    @Override
    public Uni<Void> revoke(String meetingId) {
        return api().revoke(config.provider().apiKey(), meetingId);
    }

    /** Base URL of the provider; the simulator's when none is configured. */
    public String baseUrl() {
        return config.provider().baseUrl().filter(s -> !s.isBlank()).orElseGet(() -> selfUrl() + "/teleoffice-sim");
    }

    /** This service's own address (the random port under test). */
    public static String selfUrl() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return "http://localhost:" + ConfigProvider.getConfig().getValue(key, Integer.class);
    }

    private TeleOfficeApi api() {
        if (api == null) {
            api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(baseUrl()))
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS)
                    .build(TeleOfficeApi.class);
        }
        return api;
    }
}
