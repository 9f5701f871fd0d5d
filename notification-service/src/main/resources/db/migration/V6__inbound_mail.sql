-- Mail people send to an office's mailbox, read over IMAP: stored once per Message-ID before the mailbox marks it
-- read, then acted on (or handed to staff) by a retried job. The text is personal data: this table only, purged
-- after the retention period (text set to null); never in events or logs.
CREATE TABLE inbound_mail (
    id               UUID          PRIMARY KEY,
    message_id       VARCHAR(998)  NOT NULL UNIQUE,
    mailbox          VARCHAR(254)  NOT NULL,
    office_id        VARCHAR(40)   NOT NULL,
    sender           VARCHAR(254),
    subject          VARCHAR(998),
    body             TEXT,
    refs             TEXT,                      -- In-Reply-To and References: what the mail answers
    received_at      TIMESTAMPTZ   NOT NULL,    -- when the office's mail server received it (IMAP INTERNALDATE)
    stored_at        TIMESTAMPTZ   NOT NULL,
    kind             VARCHAR(30)   NOT NULL,    -- see MailClassifier.Kind
    state            VARCHAR(20)   NOT NULL,    -- NEW, DONE, STAFF (a task in the office's queue), IGNORED
    outcome          VARCHAR(500),
    reservation_id   UUID,
    notification_id  UUID,                      -- our message it answers or reports as undelivered
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(500),
    done_by          VARCHAR(100),
    purged_at        TIMESTAMPTZ,
    version          BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX inbound_mail_due ON inbound_mail (next_attempt_at) WHERE state = 'NEW';
CREATE INDEX inbound_mail_office ON inbound_mail (office_id, state, received_at);

-- a sent message that came back: the person was not told (a call-back task says so to staff)
ALTER TABLE notification ADD COLUMN bounced_at TIMESTAMPTZ;
