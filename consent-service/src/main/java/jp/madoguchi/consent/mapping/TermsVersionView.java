package jp.madoguchi.consent.mapping;

import java.time.LocalDate;

import jp.madoguchi.consent.entity.TermsVersion;

public record TermsVersionView(String id, String officeId, LocalDate enactedOn, LocalDate effectiveFrom, String status) {

    public static TermsVersionView of(TermsVersion t) {
        return new TermsVersionView(t.id, t.officeId, t.enactedOn, t.effectiveFrom, t.status);
    }
}
