-- The offices' rules, second pass (issue 14).

-- Policy values that now do something, and one that did nothing and is gone (applying is consent at every office).
-- A no-show "may" lead to refusal at both seeded offices: staff review decides. Kabe's terms say nothing of
-- re-consent after a revision, and its follow-up details go by email only.
UPDATE office SET policy = ((policy::jsonb - 'noShowSuspends' - 'applyingIsConsent') || jsonb_build_object(
        'noShowOutcome', CASE WHEN id IN ('kaga', 'kabe') OR NOT COALESCE((policy::jsonb ->> 'noShowSuspends')::boolean, false)
                              THEN 'REVIEW' ELSE 'SUSPEND' END,
        'revisionRequiresReconsent', id <> 'kabe',
        'bookingHorizonDays', 60,
        'followUpDetailChannels', CASE WHEN id = 'kabe' THEN '["EMAIL"]'::jsonb ELSE '["PHONE", "EMAIL"]'::jsonb END))::text
 WHERE policy IS NOT NULL AND policy::jsonb -> 'noShowOutcome' IS NULL;

-- The first five digits of a seeker number name the office of registration (安定所番号): eligibility is per office.
ALTER TABLE office ADD COLUMN office_code VARCHAR(5);
UPDATE office SET office_code = '17010' WHERE id = 'kaga';
UPDATE office SET office_code = '34060' WHERE id = 'kabe';

-- Deadlines computed once, by the rule's owner, when the booking reaches the state they belong to.
ALTER TABLE reservation ADD COLUMN confirm_by TIMESTAMPTZ;          -- a request not confirmed by then is EXPIRED
ALTER TABLE reservation ADD COLUMN reconsent_due_at TIMESTAMPTZ;    -- a booking still waiting for re-consent then is VOID
ALTER TABLE reservation ADD COLUMN no_show_grace_minutes SMALLINT;  -- the office's grace when it was confirmed
ALTER TABLE reservation ADD COLUMN no_show_outcome VARCHAR(20);     -- SUSPEND or REVIEW, as the office decided then
ALTER TABLE reservation ADD COLUMN reviewed_at TIMESTAMPTZ;         -- a no-show's review by staff
ALTER TABLE reservation ADD COLUMN reviewed_by VARCHAR(100);
UPDATE reservation SET confirm_by = slot_start WHERE state = 'REQUESTED';
CREATE INDEX reservation_requested_confirm_by ON reservation (confirm_by) WHERE state = 'REQUESTED';
CREATE INDEX reservation_awaiting_reconsent ON reservation (reconsent_due_at) WHERE state = 'AWAITING_RECONSENT';
CREATE INDEX reservation_no_show_review ON reservation (office_id, closed_at)
    WHERE state = 'NO_SHOW' AND reviewed_at IS NULL AND no_show_outcome = 'REVIEW';

-- The counselors of each office: a counselorId named in a confirmation must be one of them. Filled as counselors
-- work (their token proves the office) and by the office admin.
CREATE TABLE counselor (
    office_id   VARCHAR(40)  NOT NULL REFERENCES office (id),
    user_id     VARCHAR(100) NOT NULL,
    name        VARCHAR(100),
    enrolled_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (office_id, user_id)
);

-- One counselor, one consultation at a time, whatever the path and whatever the times: overlapping intervals are
-- refused by the database, not only equal starts (an ad-hoc 10:07–10:37 against a 10:30 slot).
CREATE EXTENSION IF NOT EXISTS btree_gist;
DROP INDEX reservation_counselor_busy;
ALTER TABLE reservation ADD CONSTRAINT reservation_counselor_busy EXCLUDE USING gist (
        counselor_id WITH =, tstzrange(slot_start, slot_end) WITH &&)
    WHERE (counselor_id IS NOT NULL
           AND (state = 'CONFIRMED' OR (state = 'AWAITING_RECONSENT' AND reconsent_from = 'CONFIRMED')));
