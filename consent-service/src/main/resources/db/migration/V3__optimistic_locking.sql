-- Optimistic locking on the rows that change: a terms version (a draft is edited, then published once) and a
-- re-consent request (answered once). Consent records are written once and never updated.
ALTER TABLE terms_version ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE terms_version ADD COLUMN edited_at TIMESTAMPTZ;
ALTER TABLE reconsent_request ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- The lists are paged in a stable order.
CREATE INDEX consent_record_user_office ON consent_record (user_id, office_id, recorded_at DESC, id);
