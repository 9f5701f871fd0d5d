-- Records a consumer could not handle are parked here instead of being dropped: an operator lists, replays or
-- discards them (platform ParkedEventResource). The record is kept as it arrived, headers and all, so a replay
-- sees exactly what the first attempt saw. One row per record (consumer, topic, partition, offset): a record
-- delivered again after a crash updates its row.
CREATE TABLE parked_event (
    id              UUID          PRIMARY KEY,
    consumer        VARCHAR(100)  NOT NULL,
    topic           VARCHAR(249)  NOT NULL,
    kafka_partition INTEGER       NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    record_key      VARCHAR(200),
    event_id        VARCHAR(200),                  -- ce_id, when the record had one
    event_type      VARCHAR(200),                  -- ce_type
    event_source    VARCHAR(200),                  -- ce_source
    headers         TEXT          NOT NULL,        -- every record header, as a JSON object of strings
    payload         TEXT,
    reason          VARCHAR(30)   NOT NULL,        -- UNREADABLE | NOT_FROM_OWNER | REJECTED
    error           VARCHAR(2000) NOT NULL,        -- what failed: exception class and message, no personal data
    first_seen_at   TIMESTAMPTZ   NOT NULL,
    last_seen_at    TIMESTAMPTZ   NOT NULL,
    attempts        INTEGER       NOT NULL,
    status          VARCHAR(20)   NOT NULL,        -- PARKED | REPLAYED | DISCARDED
    resolved_at     TIMESTAMPTZ,
    resolved_by     VARCHAR(200),                  -- the operator's user id
    discard_reason  VARCHAR(1000),
    version         INTEGER       NOT NULL DEFAULT 0,
    UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);
CREATE INDEX parked_event_open ON parked_event (first_seen_at) WHERE status = 'PARKED';

-- An outbox row Kafka refuses for good (too large, not serialisable, not authorised) is parked after a few
-- attempts; later rows of the same key wait behind it (order per key), other keys flow.
ALTER TABLE outbox_event ADD COLUMN parked_at    TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN discarded_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN discard_reason VARCHAR(1000);
DROP INDEX outbox_event_pending;
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL AND parked_at IS NULL AND discarded_at IS NULL;
CREATE INDEX outbox_event_parked ON outbox_event (topic, subject) WHERE parked_at IS NOT NULL AND published_at IS NULL AND discarded_at IS NULL;

-- Retention: published outbox rows and old processed ids are purged by age.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX processed_event_age ON processed_event (processed_at);
