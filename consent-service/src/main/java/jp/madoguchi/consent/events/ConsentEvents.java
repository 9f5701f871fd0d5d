package jp.madoguchi.consent.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import jp.madoguchi.consent.entity.ConsentMethod;
import jp.madoguchi.platform.events.EventTypes;

/** Events of consent records: identifiers only. */
public final class ConsentEvents {

    public static final String RECORDED = EventTypes.CONSENT_RECORDED;

    private ConsentEvents() {
    }

    public record ConsentRecorded(UUID consentId, String userId, String officeId, String termsVersionId,
            ConsentMethod method, UUID reservationId, OffsetDateTime recordedAt) {
    }
}
