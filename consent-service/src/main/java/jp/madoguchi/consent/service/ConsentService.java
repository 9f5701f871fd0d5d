package jp.madoguchi.consent.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;


import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.config.ConsentConfig;
import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;
import jp.madoguchi.consent.entity.TermsVersion;
import jp.madoguchi.consent.events.ConsentEvents;
import jp.madoguchi.consent.repository.ConsentRecordRepository;
import jp.madoguchi.consent.repository.TermsVersionRepository;
import jp.madoguchi.platform.paging.Page;
import jp.madoguchi.platform.paging.PageRequest;
import jp.madoguchi.platform.privacy.Pseudonym;
import jp.madoguchi.platform.problem.ProblemException;

/** Consent records: who consented to which version of an office's terms, when, how, and the evidence. */
@ApplicationScoped
public class ConsentService {

    private final TermsService terms;
    private final TermsVersionRepository versions;
    private final ConsentRecordRepository records;
    private final ConsentEvents events;
    private final ConsentConfig config;
    private final Clock clock;

    public ConsentService(TermsService terms, TermsVersionRepository versions, ConsentRecordRepository records,
            ConsentEvents events, ConsentConfig config, Clock clock) {
        this.terms = terms;
        this.versions = versions;
        this.records = records;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** Whether a person's newest consent at an office is to the version in force. */
    public record Status(String officeId, String termsVersionInForce, String consentedVersion, boolean consented) {
    }

    /**
     * Applying is consent to the terms the application was made under (article 6 of both offices' terms). Runs in the consumer's
     * transaction, so the record, its event and the processed-event mark commit together.
     */
    public Uni<ConsentRecord> recordDeemed(String userId, String officeId, UUID reservationId, String appliedUnder) {
        // the version the person applied under, as the reservation service recorded it; else the one in force now
        Uni<TermsVersion> version = appliedUnder == null ? terms.inForce(officeId)
                : versions.findById(appliedUnder).flatMap(v -> v != null && v.officeId.equals(officeId)
                        ? Uni.createFrom().item(v) : terms.inForce(officeId));
        return version.flatMap(v -> record(userId, v, ConsentMethod.DEEMED_BY_APPLICATION, reservationId, "APPLICATION", null));
    }

    /**
     * Accepting on My Page: the version in force, or a published revision that is yet to take effect. A draft, another
     * office's version or an unknown one is "not found"; an older published one is a conflict naming the one in force.
     */
    @WithTransaction
    public Uni<ConsentRecord> accept(String userId, String officeId, String versionId, String deviceId) {
        return terms.find(officeId, versionId, TermsService.Reader.PUBLIC)
                .flatMap(asked -> terms.inForce(officeId)).flatMap(current -> versions.latestPublished(officeId).flatMap(newest -> {
            boolean acceptable = current.id.equals(versionId) || newest != null && newest.id.equals(versionId);
            if (!acceptable) {
                return Uni.createFrom().failure(ProblemException.conflict("consent.not-in-force", versionId, current.id)
                        .with("termsVersionInForce", current.id));
            }
            TermsVersion chosen = current.id.equals(versionId) ? current : newest;
            return record(userId, chosen, ConsentMethod.EXPLICIT, null, "MYPAGE", deviceId);
        }));
    }

    /** The newest published version of an office's terms (null if none); in the caller's session. */
    public Uni<TermsVersion> newest(String officeId) {
        return versions.latestPublished(officeId);
    }

    /** In the caller's transaction. */
    public Uni<ConsentRecord> record(String userId, TermsVersion version, ConsentMethod method, UUID reservationId,
            String channel, String deviceId) {
        ConsentRecord record = new ConsentRecord();
        record.id = UUID.randomUUID();
        record.userId = userId;
        record.officeId = version.officeId;
        record.termsVersionId = version.id;
        record.method = method;
        record.recordedAt = OffsetDateTime.now(clock);
        record.reservationId = reservationId;
        record.channel = channel;
        record.devicePseudonym = Pseudonym.of(config.devicePepper(), deviceId);
        return records.persist(record).call(events::recorded);
    }

    @WithSession
    public Uni<Status> status(String userId, String officeId) {
        return terms.inForce(officeId).flatMap(current -> records.newestAt(userId, officeId).map(record -> {
            String newest = record == null ? null : record.termsVersionId;
            return new Status(officeId, current.id, newest, current.id.equals(newest));
        }));
    }

    @WithSession
    public Uni<Page<ConsentRecord>> history(String userId, PageRequest page) {
        return Page.of(records.history(userId), page);
    }

    /** Staff look up a person's consents at their own office only. */
    @WithSession
    public Uni<Page<ConsentRecord>> historyAt(String userId, String officeId, PageRequest page) {
        return Page.of(records.historyAt(userId, officeId), page);
    }

    @WithSession
    public Uni<TermsVersion> current(String officeId) {
        return terms.inForce(officeId);
    }
}
