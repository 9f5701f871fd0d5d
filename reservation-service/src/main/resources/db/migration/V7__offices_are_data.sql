-- Offices are data, not schema (issue 18): a national administrator opens them through the office API, and the
-- seeds' two offices are opened the same way at first start, from their data files (offices/*.json).

ALTER TABLE office ADD COLUMN time_zone VARCHAR(60) NOT NULL DEFAULT 'Asia/Tokyo';
ALTER TABLE office ADD COLUMN mail_sender VARCHAR(200);
ALTER TABLE office ADD COLUMN mailbox VARCHAR(254);
ALTER TABLE office ADD COLUMN state VARCHAR(10) NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CLOSED'));
-- the office version last told on madoguchi.offices; null: never announced (an office the early migrations wrote)
ALTER TABLE office ADD COLUMN announced_version BIGINT;

-- Another service's facts (its terms in force) arrive in their own order, possibly before the office is opened
-- here: the projection is not tied to this service's office rows.
ALTER TABLE office_terms DROP CONSTRAINT IF EXISTS office_terms_office_id_fkey;

-- The early migrations wrote the seeds' offices as schema. Where nothing has happened at an office yet (a new
-- database), its rows are removed so that it is opened from its data file, through the path every office takes;
-- an office with history (bookings, counselors, restrictions, closures) stays and is announced at start.
CREATE TEMPORARY TABLE untouched_office ON COMMIT DROP AS
SELECT o.id FROM office o
WHERE NOT EXISTS (SELECT 1 FROM reservation r WHERE r.office_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM counselor c WHERE c.office_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM restriction x WHERE x.office_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM office_closure d WHERE d.office_id = o.id);
DELETE FROM weekly_slot WHERE office_id IN (SELECT id FROM untouched_office);
DELETE FROM office_terms WHERE office_id IN (SELECT id FROM untouched_office);
DELETE FROM office WHERE id IN (SELECT id FROM untouched_office);
