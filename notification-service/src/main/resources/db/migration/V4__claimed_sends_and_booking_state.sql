-- Sending is claimed, done outside any transaction, then recorded: a claimed message is SENDING until its lease
-- (next_attempt_at) runs out, and only the holder of claim_token records its outcome. SKIPPED: no longer true.
ALTER TABLE notification ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notification ADD COLUMN claim_token UUID;
-- until when the message is still of use to the person (see MessagePlan.usefulUntil); past it, DEAD and staff told
ALTER TABLE notification ADD COLUMN useful_until TIMESTAMPTZ;
ALTER TABLE notification ADD COLUMN skip_reason VARCHAR(200);
DROP INDEX notification_due;
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status IN ('QUEUED', 'FAILED', 'SENDING');

ALTER TABLE inbox_message ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

ALTER TABLE callback_task ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- DETAILS: the rules say the details go by phone; UNDELIVERED: a message could not be delivered while of use
ALTER TABLE callback_task ADD COLUMN reason VARCHAR(20) NOT NULL DEFAULT 'DETAILS';

-- The state of each booking as the reservation events tell it: decides whether a message is still true when it
-- goes out (no invitation for a cancelled booking). Ids, states and times only.
CREATE TABLE booking_state (
    reservation_id   UUID          PRIMARY KEY,
    state            VARCHAR(30)   NOT NULL,
    slot_start       TIMESTAMPTZ,
    slot_end         TIMESTAMPTZ,
    changed_at       TIMESTAMPTZ   NOT NULL
);
