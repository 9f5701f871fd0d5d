package jp.madoguchi.consent.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jp.madoguchi.consent.config.ConsentConfig;
import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;
import jp.madoguchi.consent.entity.TermsVersion;
import jp.madoguchi.consent.events.ConsentEvents;
import jp.madoguchi.consent.events.ConsentEvents.ConsentRecorded;
import jp.madoguchi.consent.repository.ConsentRecordRepository;
import jp.madoguchi.consent.repository.TermsVersionRepository;
import jp.madoguchi.platform.outbox.Outbox;
import jp.madoguchi.platform.problem.ProblemException;

@ApplicationScoped
public class ConsentService {

    private final TermsVersionRepository terms;
    private final ConsentRecordRepository records;
    private final Outbox outbox;
    private final ConsentConfig config;
    private final Clock clock;

    public ConsentService(TermsVersionRepository terms, ConsentRecordRepository records, Outbox outbox,
            ConsentConfig config, Clock clock) {
        this.terms = terms;
        this.records = records;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Records the consent implied by an application, to the version in force now. Runs inside the
     * consumer's transaction, so the record, its event and the processed-event mark commit together.
     */
    public Uni<ConsentRecord> recordDeemed(String userId, String officeId, UUID reservationId) {
        return currentTerms(officeId).flatMap(version -> {
            ConsentRecord record = new ConsentRecord();
            record.id = UUID.randomUUID();
            record.userId = userId;
            record.officeId = officeId;
            record.termsVersionId = version.id;
            record.method = ConsentMethod.DEEMED_BY_APPLICATION;
            record.recordedAt = OffsetDateTime.now(clock);
            record.reservationId = reservationId;
            return records.persist(record);
        }).call(r -> outbox.record(config.topic(), ConsentEvents.RECORDED, r.userId,
                new ConsentRecorded(r.id, r.userId, r.officeId, r.termsVersionId, r.method, r.reservationId, r.recordedAt)));
    }

    public Uni<TermsVersion> currentTerms(String officeId) {
        return terms.inForce(officeId, LocalDate.now(clock.withZone(config.zone())))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("terms", officeId));
    }

    @WithSession
    public Uni<List<ConsentRecord>> history(String userId) {
        return records.history(userId);
    }

    @WithSession
    public Uni<TermsVersion> current(String officeId) {
        return currentTerms(officeId);
    }
}
