-- Optimistic locking on every row that is changed in place: a change made on a stale read fails (409 to a person,
-- a retry for a machine) instead of overwriting a concurrent one. The office's version also guards its weekly
-- schedule and closure days, which are replaced or added rather than changed row by row.
ALTER TABLE office ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE office_closure ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE restriction ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE office_terms ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE consent_on_record ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
