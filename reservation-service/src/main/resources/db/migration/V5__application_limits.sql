-- Abuse limits become office policy (OfficePolicy.maxOpenRequests, maxApplicationsPerDay): every application mails
-- the address it gives. Policies already stored get the seeds' values (Kabe: one counselor, eight slots a week;
-- Kaga: two counselors on weekdays), any other office the Kaga values, which its admin can change.
UPDATE office SET policy = (policy::jsonb || '{"maxOpenRequests": 2, "maxApplicationsPerDay": 3}'::jsonb)::text
 WHERE id = 'kabe' AND policy IS NOT NULL AND policy::jsonb -> 'maxOpenRequests' IS NULL;
UPDATE office SET policy = (policy::jsonb || '{"maxOpenRequests": 3, "maxApplicationsPerDay": 5}'::jsonb)::text
 WHERE policy IS NOT NULL AND policy::jsonb -> 'maxOpenRequests' IS NULL;

-- The limits count a person's applications at an office by state and by day.
CREATE INDEX reservation_user_office_created ON reservation (user_id, office_id, created_at);
