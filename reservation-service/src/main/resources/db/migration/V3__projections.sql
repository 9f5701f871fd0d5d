-- What the reservation service knows of other services' data, kept from their events.

-- The version of each office's terms in force (from TermsRevised).
CREATE TABLE office_terms (
    office_id        VARCHAR(40)  PRIMARY KEY REFERENCES office (id),
    terms_version_id VARCHAR(60)  NOT NULL,
    effective_from   DATE         NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- The newest version of an office's terms each person consented to (from ConsentRecorded).
CREATE TABLE consent_on_record (
    user_id          VARCHAR(100) NOT NULL,
    office_id        VARCHAR(40)  NOT NULL,
    terms_version_id VARCHAR(60)  NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, office_id)
);

ALTER TABLE reservation ADD COLUMN terms_version_id VARCHAR(60);       -- the version the booking was accepted under
ALTER TABLE reservation ADD COLUMN reconsent_from VARCHAR(30);         -- the state to return to after re-consent
ALTER TABLE reservation ALTER COLUMN name DROP NOT NULL;                -- ad-hoc sessions carry no application form
ALTER TABLE reservation ALTER COLUMN email DROP NOT NULL;
ALTER TABLE reservation ALTER COLUMN phone DROP NOT NULL;
