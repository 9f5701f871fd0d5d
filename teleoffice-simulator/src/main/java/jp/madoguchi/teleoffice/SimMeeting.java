package jp.madoguchi.teleoffice;

import java.time.OffsetDateTime;

/** What the simulated meeting manager keeps of a meeting. */
final class SimMeeting {

    final String id;
    final String idempotencyKey;
    final String title;
    final OffsetDateTime opensAt;
    final OffsetDateTime closesAt;
    final String passcode;
    final String webhook;
    final String joinUrl;
    volatile boolean revoked;
    /** Ended by the caller before its close: nobody enters any more, and the join page shows {@link #notice}. */
    volatile boolean ended;
    volatile String notice;

    SimMeeting(String id, String idempotencyKey, String title, OffsetDateTime opensAt, OffsetDateTime closesAt,
            String passcode, String webhook, String joinUrl) {
        this.id = id;
        this.idempotencyKey = idempotencyKey;
        this.title = title;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.passcode = passcode;
        this.webhook = webhook;
        this.joinUrl = joinUrl;
    }
}
