package jp.madoguchi.consent.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;

public record ConsentView(UUID id, String officeId, String termsVersionId, ConsentMethod method,
        OffsetDateTime recordedAt, UUID reservationId) {

    public static ConsentView of(ConsentRecord r) {
        return new ConsentView(r.id, r.officeId, r.termsVersionId, r.method, r.recordedAt, r.reservationId);
    }
}
