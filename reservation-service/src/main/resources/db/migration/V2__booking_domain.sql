-- Office policy (JSON of OfficePolicy; filled for the seeded offices at start-up from the seeds' rules),
-- weekly slot schedules, closure days, the reservation's full record and restrictions of use.

ALTER TABLE office ADD COLUMN policy TEXT;
ALTER TABLE office ADD COLUMN phone VARCHAR(20);
UPDATE office SET phone = '0761-00-0000' WHERE id = 'kaga';
UPDATE office SET phone = '082-000-0000' WHERE id = 'kabe';

CREATE TABLE weekly_slot (
    id           BIGSERIAL    PRIMARY KEY,
    office_id    VARCHAR(40)  NOT NULL REFERENCES office (id),
    day_of_week  SMALLINT     NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),   -- ISO: 1 = Monday
    start_time   TIME         NOT NULL,
    capacity     SMALLINT     NOT NULL CHECK (capacity BETWEEN 1 AND 20),     -- counselors on duty
    UNIQUE (office_id, day_of_week, start_time)
);

-- Kabe: Wednesday 14:00–16:00 and Friday 10:00–12:00, four 30-minute slots each, one counselor.
INSERT INTO weekly_slot (office_id, day_of_week, start_time, capacity) VALUES
    ('kabe', 3, '14:00', 1), ('kabe', 3, '14:30', 1), ('kabe', 3, '15:00', 1), ('kabe', 3, '15:30', 1),
    ('kabe', 5, '10:00', 1), ('kabe', 5, '10:30', 1), ('kabe', 5, '11:00', 1), ('kabe', 5, '11:30', 1);
-- Kaga opens the slots its staff choose; the demo opens weekday mornings and afternoons with two counselors.
INSERT INTO weekly_slot (office_id, day_of_week, start_time, capacity)
SELECT 'kaga', d, t::time, 2
FROM generate_series(1, 5) AS d,
     unnest(ARRAY['10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30']) AS t;

CREATE TABLE office_closure (
    office_id  VARCHAR(40)  NOT NULL REFERENCES office (id),
    day        DATE         NOT NULL,
    reason     VARCHAR(200),
    PRIMARY KEY (office_id, day)
);

ALTER TABLE reservation ADD COLUMN user_kind VARCHAR(20) NOT NULL DEFAULT 'SEEKER';
ALTER TABLE reservation ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'REGULAR';          -- REGULAR, FOLLOW_UP, AD_HOC
ALTER TABLE reservation ADD COLUMN preferences TEXT;                                       -- desired starts, ISO, comma-separated
ALTER TABLE reservation ADD COLUMN counselor_id VARCHAR(100);                              -- the assigned counselor
ALTER TABLE reservation ADD COLUMN counselor_name VARCHAR(100);                            -- as named by the applicant
ALTER TABLE reservation ADD COLUMN companions VARCHAR(100);                                -- INTERPRETER, CAREGIVER, ...
ALTER TABLE reservation ADD COLUMN companion_note VARCHAR(500);
ALTER TABLE reservation ADD COLUMN detail_delivery VARCHAR(20);                            -- EMAIL, PHONE
ALTER TABLE reservation ADD COLUMN response_due_at TIMESTAMPTZ;
ALTER TABLE reservation ADD COLUMN overdue_at TIMESTAMPTZ;
ALTER TABLE reservation ADD COLUMN confirmed_at TIMESTAMPTZ;
ALTER TABLE reservation ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE reservation ADD COLUMN closed_reason VARCHAR(500);
ALTER TABLE reservation ADD COLUMN cancel_channel VARCHAR(20);
ALTER TABLE reservation ADD COLUMN parent_id UUID REFERENCES reservation (id);
ALTER TABLE reservation ALTER COLUMN seeker_number DROP NOT NULL;

-- The last line of defence against double booking: one counselor, one consultation at a time.
CREATE UNIQUE INDEX reservation_counselor_busy ON reservation (counselor_id, slot_start)
    WHERE state IN ('CONFIRMED', 'AWAITING_RECONSENT');
CREATE INDEX reservation_office_state ON reservation (office_id, state, slot_start);

CREATE TABLE restriction (
    id          UUID          PRIMARY KEY,
    user_id     VARCHAR(100)  NOT NULL,
    office_id   VARCHAR(40)   NOT NULL REFERENCES office (id),
    kind        VARCHAR(20)   NOT NULL,     -- REFUSED (threats, abuse, non-job use), SUSPENDED (no-show)
    reason      VARCHAR(500)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    created_by  VARCHAR(100)  NOT NULL,
    lifted_at   TIMESTAMPTZ,
    lifted_by   VARCHAR(100)
);
CREATE INDEX restriction_active ON restriction (user_id, office_id) WHERE lifted_at IS NULL;
