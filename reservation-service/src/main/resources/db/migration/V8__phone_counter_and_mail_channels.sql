-- Issue 15: applications reach the office by phone, at the counter and by email too, not only through My Page.

-- How the application came in. Existing rows were all made on My Page.
ALTER TABLE reservation ADD COLUMN channel VARCHAR(10) NOT NULL DEFAULT 'ONLINE'
    CHECK (channel IN ('ONLINE', 'PHONE', 'COUNTER', 'EMAIL'));
-- A tentative booking taken by phone or at the counter, at an office whose application is the person's own mail
-- (Kabe): the contact email arrives with that mail, so until then there may be none.
ALTER TABLE reservation ADD COLUMN awaiting_application_mail BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE reservation ALTER COLUMN email DROP NOT NULL;
-- The counselor staff named when entering the application, who is to hold it once it is confirmed.
ALTER TABLE reservation ADD COLUMN planned_counselor_id VARCHAR(100);

CREATE INDEX reservation_awaiting_mail ON reservation (office_id, seeker_number) WHERE awaiting_application_mail;

-- Mails from the office mailboxes already acted on, by their Message-ID: the mail reader may hand one over more
-- than once (a retry after a timeout, a mailbox read again), and a repeat must answer as the first time did.
CREATE TABLE mail_message (
    message_id     VARCHAR(998) PRIMARY KEY,
    purpose        VARCHAR(20)  NOT NULL CHECK (purpose IN ('APPLICATION', 'CANCELLATION')),
    reservation_id UUID         NOT NULL REFERENCES reservation (id),
    outcome        VARCHAR(20)  NOT NULL,
    state          VARCHAR(20)  NOT NULL,
    received_at    TIMESTAMPTZ  NOT NULL
);
