package jp.madoguchi.teleoffice;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The pages a participant sees: the join page asks for name and email like the real one (the Kabe guide), entering
 * and leaving post the participant event to the webhook given at creation, signed with the webhook secret.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class JoinResource {

    private final SimulatorConfig config;
    private final MeetingStore store;
    private final Template joinPage;
    private final Clock clock = Clock.systemUTC();

    public JoinResource(SimulatorConfig config, MeetingStore store, @Location("join.html") Template joinPage) {
        this.config = config;
        this.store = store;
        this.joinPage = joinPage;
    }

    @GET
    @Path("/join/{id}")
    public RestResponse<String> page(@PathParam("id") String id) {
        String refusal = refusal(store.get(id).orElse(null));
        return RestResponse.ResponseBuilder.<String>create(refusal == null ? 200 : 410).entity(render(id, refusal, false)).build();
    }

    @POST
    @Path("/join/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> join(@PathParam("id") String id, @RestForm String name, @RestForm String email,
            @RestForm String passcode, @RestForm String role, @RestForm String deviceId) {
        SimMeeting m = store.get(id).orElse(null);
        String refusal = refusal(m);
        int status = 410;
        if (refusal == null && (passcode == null || !passcode.equals(m.passcode))) {
            refusal = "パスコードが違います。";
            status = 400;
        }
        if (refusal == null && (name == null || name.isBlank() || email == null || email.isBlank())) {
            refusal = "お名前とメールアドレスを入力してください。";
            status = 400;
        }
        if (refusal != null) {
            return Uni.createFrom().item(RestResponse.ResponseBuilder.<String>create(status).entity(render(id, refusal, false)).build());
        }
        return notify(m, "JOINED", role, deviceId).replaceWith(RestResponse.ok(render(id, null, true)));
    }

    @POST
    @Path("/leave/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<String>> leave(@PathParam("id") String id, @RestForm String role, @RestForm String deviceId) {
        SimMeeting m = store.get(id).orElseThrow(() -> Problems.of(404, "unknown meeting"));
        return notify(m, "LEFT", role, deviceId)
                .replaceWith(RestResponse.ok("<!doctype html><html lang=\"ja\"><meta charset=\"utf-8\"><p>退室しました。</p></html>"));
    }

    private Uni<Void> notify(SimMeeting m, String event, String role, String deviceId) {
        return WebhookClient.to(m.webhook).notify(config.webhookSecret(),
                new ParticipantNotice(m.id, event, role == null ? "SEEKER" : role, deviceId, OffsetDateTime.now(clock)));
    }

    private String render(String id, String refusal, boolean joined) {
        return joinPage.data("id", id).data("refusal", refusal).data("joined", joined).render();
    }

    private String refusal(SimMeeting m) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (m == null || m.revoked) {
            return "この会議は取り消されました。";
        }
        if (m.ended) {
            return m.notice == null || m.notice.isBlank() ? "この会議は終了しました。" : m.notice;
        }
        if (now.isBefore(m.opensAt)) {
            return "この会議にはまだ入室できません（開始5分前から入室できます）。";
        }
        if (!now.isBefore(m.closesAt)) {
            return "この会議は終了しました。";
        }
        return null;
    }
}
