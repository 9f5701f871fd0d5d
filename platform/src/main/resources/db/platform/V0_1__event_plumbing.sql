-- Shared by every service: the transactional outbox and the processed-event record of idempotent consumers.

CREATE TABLE outbox_event (
    seq           BIGSERIAL    PRIMARY KEY,          -- relay order: one aggregate's events leave in the order they were written
    id            UUID         NOT NULL UNIQUE,      -- the CloudEvent id, the consumers' de-duplication key
    topic         VARCHAR(200) NOT NULL,
    type          VARCHAR(200) NOT NULL,
    subject       VARCHAR(200) NOT NULL,             -- aggregate id, also the Kafka key
    payload       TEXT         NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    VARCHAR(1000)
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;

CREATE TABLE processed_event (
    consumer      VARCHAR(100) NOT NULL,
    event_id      VARCHAR(200) NOT NULL,
    event_type    VARCHAR(200),
    processed_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
