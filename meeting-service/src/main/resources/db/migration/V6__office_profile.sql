-- Each office as reservation-service's office events tell it (a local projection, written only by the consumer):
-- its name and public phone, which the join page of a meeting ended early names, and its policy as JSON text.
-- office_version: the highest seen; an event not newer than it is ignored.
CREATE TABLE office_profile (
    office_id       VARCHAR(100)  PRIMARY KEY,
    office_version  BIGINT        NOT NULL,
    state           VARCHAR(10)   NOT NULL,
    name_ja         VARCHAR(100)  NOT NULL,
    name_en         VARCHAR(100)  NOT NULL,
    phone           VARCHAR(20)   NOT NULL,
    policy          TEXT          NOT NULL,
    changed_at      TIMESTAMPTZ   NOT NULL
);
