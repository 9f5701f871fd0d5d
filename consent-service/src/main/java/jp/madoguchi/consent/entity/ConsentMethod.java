package jp.madoguchi.consent.entity;

/** How a person consented. */
public enum ConsentMethod {
    /** Accepted through My Page. */
    EXPLICIT,
    /** Applying for a consultation counts as consent (article 6 of both offices' terms). */
    DEEMED_BY_APPLICATION,
    /** Replied to a re-consent request after a revision. */
    BY_REPLY
}
