package jp.madoguchi.consent.events;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.config.ConsentConfig;
import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;
import jp.madoguchi.consent.entity.ReconsentRequest;
import jp.madoguchi.consent.entity.TermsVersion;
import jp.madoguchi.platform.events.EventTypes;
import jp.madoguchi.platform.outbox.Outbox;

/** Events of the consent service, through the outbox: identifiers and dates only, never a link or a device. */
@ApplicationScoped
public class ConsentEvents {

    public static final String RECORDED = EventTypes.CONSENT_RECORDED;

    private final Outbox outbox;
    private final ConsentConfig config;

    public ConsentEvents(Outbox outbox, ConsentConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<Void> recorded(ConsentRecord r) {
        return outbox.record(config.topic(), EventTypes.CONSENT_RECORDED, r.userId,
                new ConsentRecorded(r.id, r.userId, r.officeId, r.termsVersionId, r.method, r.reservationId, r.recordedAt))
                .replaceWithVoid();
    }

    public Uni<Void> revised(TermsVersion v) {
        return outbox.record(config.termsTopic(), EventTypes.TERMS_REVISED, v.officeId,
                new TermsRevised(v.officeId, v.id, v.previousId, v.enactedOn, v.effectiveFrom, v.changeNotice, v.publishedAt))
                .replaceWithVoid();
    }

    /**
     * Article 13: a revision is made known to each person with a consent on record at the office, whether or not
     * they hold a booking; one event per person, so each is told once and through their own channels.
     */
    public Uni<Void> revisionAnnounced(TermsVersion v, String userId) {
        return outbox.record(config.topic(), EventTypes.TERMS_REVISION_ANNOUNCED, userId,
                new TermsRevisionAnnounced(userId, v.officeId, v.id, v.effectiveFrom, v.changeNotice, v.publishedAt))
                .replaceWithVoid();
    }

    public Uni<Void> reconsentRequested(ReconsentRequest r) {
        return outbox.record(config.topic(), EventTypes.RECONSENT_REQUESTED, r.userId,
                new ReconsentRequested(r.id, r.userId, r.officeId, r.termsVersionId, r.reservationId, r.expiresAt))
                .replaceWithVoid();
    }

    public record ConsentRecorded(UUID consentId, String userId, String officeId, String termsVersionId,
            ConsentMethod method, UUID reservationId, OffsetDateTime recordedAt) {
    }

    public record TermsRevised(String officeId, String termsVersionId, String previousVersionId, LocalDate enactedOn,
            LocalDate effectiveFrom, String changeNotice, OffsetDateTime publishedAt) {
    }

    /** The notice is the office's public text; the page's address is asked for, like every link. */
    public record TermsRevisionAnnounced(String userId, String officeId, String termsVersionId, LocalDate effectiveFrom,
            String changeNotice, OffsetDateTime publishedAt) {
    }

    /** The link itself is fetched by the notification service over an authenticated call. */
    public record ReconsentRequested(UUID requestId, String userId, String officeId, String termsVersionId,
            UUID reservationId, OffsetDateTime expiresAt) {
    }
}
