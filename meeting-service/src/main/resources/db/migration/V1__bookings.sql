-- What the meeting service knows of reservations, from their events: enough to provision and watch a meeting.
CREATE TABLE booking (
    reservation_id  UUID         PRIMARY KEY,
    office_id       VARCHAR(40)  NOT NULL,
    slot_start      TIMESTAMPTZ  NOT NULL,
    slot_end        TIMESTAMPTZ  NOT NULL,
    state           VARCHAR(30)  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX booking_office_slot ON booking (office_id, slot_start);
