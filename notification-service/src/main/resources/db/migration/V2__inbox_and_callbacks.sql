-- My Page inbox: messages a seeker or employer reads through the API, their own only. An ad-hoc access code
-- is delivered here, so the body is kept; nothing else personal is.
CREATE TABLE inbox_message (
    id               UUID          PRIMARY KEY,
    notification_id  UUID          NOT NULL UNIQUE REFERENCES notification (id),
    user_id          VARCHAR(100)  NOT NULL,
    office_id        VARCHAR(40)   NOT NULL,
    reservation_id   UUID,
    kind             VARCHAR(40)   NOT NULL,
    subject          VARCHAR(300)  NOT NULL,
    body             TEXT          NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    read_at          TIMESTAMPTZ
);
CREATE INDEX inbox_message_user ON inbox_message (user_id, created_at);

-- Call-back tasks: where the rules say "by phone", staff of the office phone the person. The task holds no
-- phone number or access code: the one who claims it reads them from their owners at that moment.
CREATE TABLE callback_task (
    id               UUID          PRIMARY KEY,
    notification_id  UUID          NOT NULL UNIQUE REFERENCES notification (id),
    office_id        VARCHAR(40)   NOT NULL,
    reservation_id   UUID          NOT NULL,
    kind             VARCHAR(40)   NOT NULL,
    state            VARCHAR(20)   NOT NULL,   -- OPEN, CLAIMED, DONE
    claimed_by       VARCHAR(100),
    claimed_at       TIMESTAMPTZ,
    completed_at     TIMESTAMPTZ,
    outcome          VARCHAR(20),              -- REACHED, UNREACHABLE
    note             VARCHAR(1000),
    created_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX callback_task_office ON callback_task (office_id, state, created_at);

-- The channel is decided when the message goes out, from what the reservation says then (see MessagePlan).
ALTER TABLE notification ALTER COLUMN channel DROP NOT NULL;
