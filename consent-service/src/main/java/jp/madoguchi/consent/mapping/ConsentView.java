package jp.madoguchi.consent.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.consent.entity.ConsentRecord;

/** A consent record with its evidence: the channel and a pseudonym of the device, never the device itself. */
public record ConsentView(UUID id, String userId, String officeId, String termsVersionId, ConsentMethod method,
        OffsetDateTime recordedAt, UUID reservationId, String channel, String devicePseudonym) {

    public static ConsentView of(ConsentRecord r) {
        return new ConsentView(r.id, r.userId, r.officeId, r.termsVersionId, r.method, r.recordedAt, r.reservationId,
                r.channel, r.devicePseudonym);
    }
}
