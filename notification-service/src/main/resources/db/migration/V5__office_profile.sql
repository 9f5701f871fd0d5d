-- Each office as reservation-service's office events tell it (a local projection, written only by the consumer):
-- the name a message is signed with, its sender and phone, and its policy as JSON text, from which the rule
-- sentences of a message are written when it goes out. office_version: the highest seen; an older event is ignored.
CREATE TABLE office_profile (
    office_id       VARCHAR(100)  PRIMARY KEY,
    office_version  BIGINT        NOT NULL,
    state           VARCHAR(10)   NOT NULL,
    name_ja         VARCHAR(100)  NOT NULL,
    name_en         VARCHAR(100)  NOT NULL,
    phone           VARCHAR(20)   NOT NULL,
    mail_sender     VARCHAR(200)  NOT NULL,
    mailbox         VARCHAR(254),
    policy          TEXT          NOT NULL,
    changed_at      TIMESTAMPTZ   NOT NULL
);
