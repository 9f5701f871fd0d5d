-- Provisioning and revocation as durable tasks: the consumer records the need in its transaction, a worker calls
-- TeleOffice outside any transaction and records the outcome in another (issue 13).
CREATE TABLE meeting_task (
    id              UUID          PRIMARY KEY,
    reservation_id  UUID          NOT NULL,
    kind            VARCHAR(20)   NOT NULL,   -- PROVISION, REVOKE
    office_id       VARCHAR(40)   NOT NULL,
    booking_kind    VARCHAR(20),              -- the reservation's kind, for the meeting
    slot_start      TIMESTAMPTZ   NOT NULL,
    slot_end        TIMESTAMPTZ   NOT NULL,   -- tried until the session ends: afterwards the meeting is of no use
    state           VARCHAR(20)   NOT NULL,   -- PENDING, RUNNING (claimed until due_at), DONE, FAILED, CANCELLED
    attempts        INTEGER       NOT NULL DEFAULT 0,
    due_at          TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(300),
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    UNIQUE (reservation_id, kind)             -- one of each per reservation, however often its event comes
);
CREATE INDEX meeting_task_due ON meeting_task (due_at) WHERE state IN ('PENDING', 'RUNNING');
CREATE INDEX meeting_task_office_state ON meeting_task (office_id, state, updated_at);

-- optimistic locking of the mutable rows
ALTER TABLE meeting ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE booking ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- the TeleOffice simulator is a process of its own now, with its own records
DROP TABLE sim_meeting;
