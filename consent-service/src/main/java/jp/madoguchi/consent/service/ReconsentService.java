package jp.madoguchi.consent.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.config.ConsentConfig;
import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;
import jp.madoguchi.consent.entity.ReconsentRequest;
import jp.madoguchi.consent.events.ConsentEvents;
import jp.madoguchi.consent.repository.ReconsentRequestRepository;
import jp.madoguchi.consent.repository.TermsVersionRepository;
import jp.madoguchi.platform.problem.ProblemException;
import jp.madoguchi.platform.problem.Visible;
import jp.madoguchi.platform.time.JapaneseDates;

/**
 * Re-consent after a revision (Kaga article 6(4)): a request per waiting booking, answered by a signed,
 * expiring one-click link from the email, or through the API. The answer is the consent that confirms the
 * booking again.
 */
@ApplicationScoped
public class ReconsentService {

    private final ReconsentRequestRepository requests;
    private final TermsVersionRepository versions;
    private final ConsentService consents;
    private final ConsentEvents events;
    private final ConsentConfig config;
    private final Clock clock;

    public ReconsentService(ReconsentRequestRepository requests, TermsVersionRepository versions, ConsentService consents,
            ConsentEvents events, ConsentConfig config, Clock clock) {
        this.requests = requests;
        this.versions = versions;
        this.consents = consents;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    public record Link(UUID requestId, String officeId, String termsVersionId, UUID reservationId, String url,
            OffsetDateTime expiresAt) {
    }

    /** A booking waits for consent to the version now in force. In the consumer's transaction. */
    public Uni<Void> request(String userId, String officeId, String versionId, UUID reservationId, OffsetDateTime slotStart,
            OffsetDateTime until) {
        if (versionId == null) {
            return Uni.createFrom().voidItem();
        }
        return requests.forReservation(reservationId, versionId).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            ReconsentRequest r = new ReconsentRequest();
            r.id = UUID.randomUUID();
            r.userId = userId;
            r.officeId = officeId;
            r.termsVersionId = versionId;
            r.reservationId = reservationId;
            r.createdAt = OffsetDateTime.now(clock);
            r.slotStart = slotStart;
            r.expiresAt = until;
            return requests.persist(r).call(events::reconsentRequested).replaceWithVoid();
        });
    }

    /** For the notification service's email: the one-click link. */
    @WithSession
    public Uni<Link> link(UUID requestId) {
        return requests.findById(requestId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("reconsent", requestId))
                .map(r -> new Link(r.id, r.officeId, r.termsVersionId, r.reservationId,
                        config.linkBaseUrl() + "/" + sign(r), r.expiresAt));
    }

    /** What the link's page shows before the person confirms. */
    @WithSession
    public Uni<ReconsentRequest> open(String token) {
        return verify(token);
    }

    /** The reply: consent to the revised version, recorded once however often the link is used. */
    @WithTransaction
    public Uni<ReconsentRequest> answer(String token, String deviceId) {
        return verify(token).call(r -> answerRequest(r, "EMAIL_LINK", deviceId));
    }

    /** The same reply through the API, by the signed-in owner of the request. */
    @WithTransaction
    public Uni<ConsentRecord> answerAsOwner(UUID requestId, String userId, String deviceId) {
        return Visible.orNotFound(requests.findById(requestId), r -> r.userId.equals(userId), "reconsent", requestId)
                .flatMap(r -> {
                    if (r.expiresAt.isBefore(OffsetDateTime.now(clock)) && r.answeredAt == null) {
                        return Uni.createFrom().failure(lapsed(r));
                    }
                    return answerRequest(r, "EMAIL_LINK", deviceId);
                });
    }

    /**
     * A reply to the office's re-consent email (Kaga 6(4): replying is consenting), as the notification service read
     * it from the office's mailbox. It counts when the mail server received it before the cut-off, even if it is read
     * later (the mailbox or this service was away for a while): the person answered in time.
     */
    @WithTransaction
    public Uni<ConsentRecord> answerByReply(UUID requestId, OffsetDateTime receivedAt) {
        return requests.findById(requestId).onItem().ifNull().failWith(() -> ProblemException.notFound("reconsent", requestId))
                .flatMap(r -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    // the mail server's receipt time, never later than now: a clock ahead elsewhere moves no cut-off
                    OffsetDateTime at = receivedAt == null || receivedAt.isAfter(now) ? now : receivedAt;
                    if (r.answeredAt == null && r.expiresAt.isBefore(at)) {
                        return Uni.createFrom().failure(lapsed(r));
                    }
                    return answerRequest(r, "EMAIL_REPLY", null);
                });
    }

    private Uni<ConsentRecord> answerRequest(ReconsentRequest r, String channel, String deviceId) {
        if (r.answeredAt != null) {
            return Uni.createFrom().failure(ProblemException.conflict("reconsent.already-answered"));
        }
        r.answeredAt = OffsetDateTime.now(clock);
        return versions.findById(r.termsVersionId).flatMap(version -> consents.record(r.userId, version,
                ConsentMethod.BY_REPLY, r.reservationId, channel, deviceId));
    }

    /** The cut-off passed: the booking has lapsed; the answer says when, and that a new application is the way on. */
    private static ProblemException lapsed(ReconsentRequest r) {
        return ProblemException.conflict("reconsent.expired", JapaneseDates.dateTime(r.expiresAt))
                .with("expiredAt", r.expiresAt.toString()).with("reservationId", r.reservationId.toString())
                .with("officeId", r.officeId);
    }

    /** token = base64url(requestId:expiryEpoch) "." base64url(HMAC-SHA256) */
    String sign(ReconsentRequest r) {
        String payload = r.id + ":" + r.expiresAt.toEpochSecond();
        return b64(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64(mac(payload));
    }

    private Uni<ReconsentRequest> verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 2) {
            return Uni.createFrom().failure(ProblemException.notFound("reconsent", "?"));
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(parts[1]);
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Uni.createFrom().failure(ProblemException.notFound("reconsent", "?"));
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.notFound("reconsent", "?"));
        }
        String[] fields = payload.split(":");
        UUID id = UUID.fromString(fields[0]);
        boolean lapsed = Long.parseLong(fields[1]) < OffsetDateTime.now(clock).toEpochSecond();
        return requests.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("reconsent", id))
                .invoke(r -> {
                    if (lapsed && r.answeredAt == null) {
                        // the office's cut-off passed unanswered: the booking is void, whatever the page says next
                        throw lapsed(r);
                    }
                });
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.linkSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
