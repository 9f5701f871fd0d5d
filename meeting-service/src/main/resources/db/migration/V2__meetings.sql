-- Meetings of consultations, who entered them, and the deadlines that make a no-show.
CREATE TABLE meeting (
    id                   UUID          PRIMARY KEY,
    reservation_id       UUID          NOT NULL UNIQUE,
    office_id            VARCHAR(40)   NOT NULL,
    kind                 VARCHAR(20)   NOT NULL,
    provider_meeting_id  VARCHAR(100)  NOT NULL,
    join_url             VARCHAR(500)  NOT NULL,   -- secret: only over authenticated service calls
    passcode             VARCHAR(50)   NOT NULL,   -- secret: likewise
    starts_at            TIMESTAMPTZ   NOT NULL,
    opens_at             TIMESTAMPTZ   NOT NULL,   -- join opens 5 minutes early
    closes_at            TIMESTAMPTZ   NOT NULL,   -- at the end, 30 minutes at most
    no_show_due_at       TIMESTAMPTZ   NOT NULL,   -- start + grace: persisted so a restart loses no deadline
    status               VARCHAR(20)   NOT NULL,   -- OPEN, REVOKED, ENDED
    no_show_at           TIMESTAMPTZ,
    contact_noted_at     TIMESTAMPTZ,              -- staff: the person got in touch
    ended_at             TIMESTAMPTZ,
    created_at           TIMESTAMPTZ   NOT NULL
);
CREATE INDEX meeting_no_show_due ON meeting (no_show_due_at) WHERE status = 'OPEN' AND no_show_at IS NULL;
CREATE INDEX meeting_closes ON meeting (closes_at) WHERE status = 'OPEN';

-- Article 7: usage times and access history, the device only as a keyed hash.
CREATE TABLE participant_event (
    id                UUID          PRIMARY KEY,
    meeting_id        UUID          NOT NULL REFERENCES meeting (id),
    role              VARCHAR(20)   NOT NULL,     -- SEEKER, EMPLOYER, COUNSELOR, COMPANION
    event             VARCHAR(10)   NOT NULL,     -- JOINED, LEFT
    device_pseudonym  VARCHAR(64),
    at                TIMESTAMPTZ   NOT NULL
);
CREATE INDEX participant_event_meeting ON participant_event (meeting_id, at);

-- The simulator's own records: what the TeleOffice meeting manager would keep on its side.
CREATE TABLE sim_meeting (
    id          VARCHAR(100)  PRIMARY KEY,
    title       VARCHAR(200)  NOT NULL,
    opens_at    TIMESTAMPTZ   NOT NULL,
    closes_at   TIMESTAMPTZ   NOT NULL,
    passcode    VARCHAR(50)   NOT NULL,
    webhook     VARCHAR(500)  NOT NULL,
    revoked     BOOLEAN       NOT NULL DEFAULT FALSE,
    recording   BOOLEAN       NOT NULL
);
