CREATE TABLE office (
    id        VARCHAR(40)  PRIMARY KEY,
    name_ja   VARCHAR(100) NOT NULL,
    name_en   VARCHAR(100) NOT NULL
);

CREATE TABLE reservation (
    id             UUID         PRIMARY KEY,
    office_id      VARCHAR(40)  NOT NULL REFERENCES office (id),
    user_id        VARCHAR(100) NOT NULL,
    seeker_number  VARCHAR(20)  NOT NULL,
    name           VARCHAR(100) NOT NULL,
    email          VARCHAR(254) NOT NULL,
    phone          VARCHAR(20)  NOT NULL,
    slot_start     TIMESTAMPTZ  NOT NULL,
    slot_end       TIMESTAMPTZ  NOT NULL,
    state          VARCHAR(30)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    version        INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX reservation_user ON reservation (user_id, slot_start);
CREATE INDEX reservation_office_slot ON reservation (office_id, slot_start);

-- The first two offices, from the seeds.
INSERT INTO office (id, name_ja, name_en) VALUES
    ('kaga', 'ハローワーク加賀', 'Hello Work Kaga'),
    ('kabe', 'ハローワーク可部', 'Hello Work Kabe');
