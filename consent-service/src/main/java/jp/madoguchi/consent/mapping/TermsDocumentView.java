package jp.madoguchi.consent.mapping;

import java.time.LocalDate;
import java.util.List;

import jp.madoguchi.consent.entity.TermsVersion;
import jp.madoguchi.consent.service.TermsService.Document;
import jp.madoguchi.platform.time.JapaneseDates;

/** A version of the terms with its articles; dates in the Western calendar and the Japanese era. */
public record TermsDocumentView(String id, String officeId, String title, String issuer, String status,
        LocalDate enactedOn, String enactedOnEra, LocalDate effectiveFrom, String effectiveFromEra, String changeNotice,
        String previousId, List<Article> articles) {

    public record Article(String number, String heading, String body) {
    }

    public static TermsDocumentView of(Document d) {
        TermsVersion v = d.version();
        return new TermsDocumentView(v.id, v.officeId, v.title, v.issuer, v.status, v.enactedOn,
                JapaneseDates.era(v.enactedOn), v.effectiveFrom, JapaneseDates.era(v.effectiveFrom), v.changeNotice,
                v.previousId, d.articles().stream().map(a -> new Article(a.number, a.heading, a.body)).toList());
    }
}
