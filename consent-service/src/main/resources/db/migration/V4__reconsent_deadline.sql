-- The session a re-consent request is for: the page after consenting says which booking stands.
ALTER TABLE reconsent_request ADD COLUMN slot_start TIMESTAMPTZ;
