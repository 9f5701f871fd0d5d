package jp.madoguchi.meeting.simulator;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.madoguchi.meeting.config.MeetingConfig;
import jp.madoguchi.meeting.provider.TeleOfficeApi.CreatedMeeting;
import jp.madoguchi.meeting.provider.TeleOfficeApi.NewMeeting;
import jp.madoguchi.platform.problem.ProblemException;

/**
 * A stand-in for the TeleOffice meeting manager, speaking the same HTTP contract (TELEOFFICE.md), for the local
 * run and the tests: create and revoke meetings, a join page that asks for name and email like the real one,
 * and participant events posted to the webhook given at creation. Off when a real provider is configured.
 */
@Path("/teleoffice-sim")
@Tag(name = "TeleOffice simulator")
@PermitAll
public class SimulatorResource {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LONGEST = Duration.ofMinutes(35);

    private final MeetingConfig config;
    private final Clock clock;
    private final Template joinPage;

    public SimulatorResource(MeetingConfig config, Clock clock, @Location("join.html") Template joinPage) {
        this.config = config;
        this.clock = clock;
        this.joinPage = joinPage;
    }

    @POST
    @Path("/api/meetings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Create a meeting (simulated meeting manager)")
    public Uni<RestResponse<CreatedMeeting>> create(@RestHeader("X-Api-Key") String apiKey, NewMeeting body) {
        authorize(apiKey);
        if (body == null || body.opensAt() == null || body.closesAt() == null || !body.closesAt().isAfter(body.opensAt())
                || Duration.between(body.opensAt(), body.closesAt()).compareTo(LONGEST) > 0 || body.recording()) {
            throw new ProblemException(400, "bad-request");
        }
        SimMeeting m = new SimMeeting();
        m.id = "TO-" + (100_000_000 + RANDOM.nextInt(900_000_000));
        m.title = body.title() == null ? "" : body.title();
        m.opensAt = body.opensAt();
        m.closesAt = body.closesAt();
        m.passcode = String.format("%06d", RANDOM.nextInt(1_000_000));
        m.webhook = body.webhookUrl();
        m.recording = false;
        String joinUrl = base() + "/join/" + m.id;
        return m.<SimMeeting>persist().map(saved -> RestResponse.ResponseBuilder
                .<CreatedMeeting>created(URI.create(joinUrl)).entity(new CreatedMeeting(m.id, joinUrl, m.passcode)).build());
    }

    @DELETE
    @Path("/api/meetings/{id}")
    @WithTransaction
    @Operation(summary = "Revoke a meeting (simulated meeting manager)")
    public Uni<Void> revoke(@RestHeader("X-Api-Key") String apiKey, @PathParam("id") String id) {
        authorize(apiKey);
        return SimMeeting.<SimMeeting>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("meeting", id))
                .invoke(m -> m.revoked = true).replaceWithVoid();
    }

    @GET
    @Path("/join/{id}")
    @Produces(MediaType.TEXT_HTML)
    @WithSession
    @Operation(summary = "The join page: name and email, as in the Kabe guide")
    public Uni<RestResponse<String>> page(@PathParam("id") String id) {
        return SimMeeting.<SimMeeting>findById(id).map(m -> {
            String refusal = refusal(m);
            return RestResponse.ResponseBuilder.<String>create(refusal == null ? 200 : 410)
                    .entity(joinPage.data("id", id).data("refusal", refusal).data("joined", false).render()).build();
        });
    }

    @POST
    @Path("/join/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @WithSession
    @Operation(summary = "Enter a meeting")
    public Uni<RestResponse<String>> join(@PathParam("id") String id, @RestForm String name, @RestForm String email,
            @RestForm String passcode, @RestForm String role, @RestForm String deviceId) {
        return SimMeeting.<SimMeeting>findById(id).flatMap(m -> {
            String refusal = refusal(m);
            if (refusal == null && (passcode == null || !passcode.equals(m.passcode))) {
                refusal = "パスコードが違います。";
            }
            if (refusal == null && (name == null || name.isBlank() || email == null || email.isBlank())) {
                refusal = "お名前とメールアドレスを入力してください。";
            }
            if (refusal != null) {
                return Uni.createFrom().item(RestResponse.ResponseBuilder.<String>create(refusal.startsWith("この") ? 410 : 400)
                        .entity(joinPage.data("id", id).data("refusal", refusal).data("joined", false).render()).build());
            }
            ParticipantNotice notice = new ParticipantNotice(m.id, "JOINED", role == null ? "SEEKER" : role, deviceId,
                    OffsetDateTime.now(clock));
            return webhook(m.webhook).notify(config.webhookSecret(), notice)
                    .replaceWith(RestResponse.ok(joinPage.data("id", id).data("refusal", null).data("joined", true).render()));
        });
    }

    @POST
    @Path("/leave/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @WithSession
    @Operation(summary = "Leave a meeting")
    public Uni<RestResponse<String>> leave(@PathParam("id") String id, @RestForm String role, @RestForm String deviceId) {
        return SimMeeting.<SimMeeting>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("meeting", id))
                .flatMap(m -> webhook(m.webhook).notify(config.webhookSecret(),
                        new ParticipantNotice(m.id, "LEFT", role == null ? "SEEKER" : role, deviceId, OffsetDateTime.now(clock))))
                .replaceWith(RestResponse.ok("<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><p>退室しました。</p></html>"));
    }

    private String refusal(SimMeeting m) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (m == null || m.revoked) {
            return "この会議は取り消されました。";
        }
        if (now.isBefore(m.opensAt)) {
            return "この会議にはまだ入室できません（開始5分前から入室できます）。";
        }
        if (!now.isBefore(m.closesAt)) {
            return "この会議は終了しました。";
        }
        return null;
    }

    private void authorize(String apiKey) {
        if (!config.simulator().enabled()) {
            throw ProblemException.notFound("simulator", "disabled");
        }
        if (apiKey == null || !apiKey.equals(config.provider().apiKey())) {
            throw new ProblemException(401, "unauthenticated");
        }
    }

    private static String base() {
        return jp.madoguchi.meeting.provider.HttpTeleOfficeProvider.selfUrl() + "/teleoffice-sim";
    }

    private static WebhookClient webhook(String url) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(url))
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(WebhookClient.class);
    }
}
