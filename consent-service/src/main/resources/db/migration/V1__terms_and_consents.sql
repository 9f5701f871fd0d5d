CREATE TABLE terms_version (
    id              VARCHAR(60)  PRIMARY KEY,      -- e.g. kaga-2023-06-15
    office_id       VARCHAR(40)  NOT NULL,
    enacted_on      DATE         NOT NULL,         -- date of enactment or revision
    effective_from  DATE         NOT NULL,
    status          VARCHAR(20)  NOT NULL          -- DRAFT, PUBLISHED, SUPERSEDED
);
CREATE INDEX terms_version_office ON terms_version (office_id, effective_from);

CREATE TABLE consent_record (
    id                UUID         PRIMARY KEY,
    user_id           VARCHAR(100) NOT NULL,
    office_id         VARCHAR(40)  NOT NULL,
    terms_version_id  VARCHAR(60)  NOT NULL REFERENCES terms_version (id),
    method            VARCHAR(30)  NOT NULL,       -- EXPLICIT, DEEMED_BY_APPLICATION, BY_REPLY
    recorded_at       TIMESTAMPTZ  NOT NULL,
    reservation_id    UUID,
    UNIQUE (user_id, terms_version_id, method, reservation_id)
);
CREATE INDEX consent_record_user ON consent_record (user_id, office_id, recorded_at);

-- Versions of the two offices' terms (their articles arrive with the terms feature).
INSERT INTO terms_version (id, office_id, enacted_on, effective_from, status) VALUES
    ('kaga-2022-12-12', 'kaga', DATE '2022-12-12', DATE '2022-12-12', 'SUPERSEDED'),
    ('kaga-2023-06-15', 'kaga', DATE '2023-06-15', DATE '2023-06-15', 'PUBLISHED'),
    ('kabe-2024-02-22', 'kabe', DATE '2024-02-22', DATE '2024-02-22', 'PUBLISHED');
