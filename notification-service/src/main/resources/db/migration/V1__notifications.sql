-- One row per message to send; the unique key makes a redelivered event produce no second message.
CREATE TABLE notification (
    id               UUID          PRIMARY KEY,
    source_event_id  VARCHAR(200)  NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    reservation_id   UUID,
    office_id        VARCHAR(40),
    channel          VARCHAR(20)   NOT NULL,   -- EMAIL, INBOX, CALLBACK
    status           VARCHAR(20)   NOT NULL,   -- QUEUED, SENT, FAILED, DEAD
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(1000),
    params           TEXT          NOT NULL,   -- template values from the event: identifiers and times, nothing personal
    created_at       TIMESTAMPTZ   NOT NULL,
    sent_at          TIMESTAMPTZ,
    UNIQUE (source_event_id, kind)
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('QUEUED', 'FAILED');
CREATE INDEX notification_office ON notification (office_id, created_at);
