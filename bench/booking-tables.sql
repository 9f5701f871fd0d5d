-- The tables bench/booking-transaction.sql writes: copies of reservation-service's own, in a schema of their own so the
-- outbox relay never sees the rows (bench/run.sh makes them before pgbench and drops the schema after it). LIKE ...
-- INCLUDING ALL copies columns, defaults, checks, indexes and the exclusion constraint on (counselor, time range);
-- the foreign keys to the office are added by hand, since each insert pays for that check in the service too.
DROP SCHEMA IF EXISTS pgbench_booking CASCADE;
CREATE SCHEMA pgbench_booking;
CREATE TABLE pgbench_booking.reservation (LIKE public.reservation INCLUDING ALL);
ALTER TABLE pgbench_booking.reservation ADD FOREIGN KEY (office_id) REFERENCES public.office (id);
ALTER TABLE pgbench_booking.reservation ADD FOREIGN KEY (parent_id) REFERENCES pgbench_booking.reservation (id);
CREATE TABLE pgbench_booking.counselor (LIKE public.counselor INCLUDING ALL);
ALTER TABLE pgbench_booking.counselor ADD FOREIGN KEY (office_id) REFERENCES public.office (id);
-- the outbox's own sequence (INCLUDING ALL would share the service's)
CREATE SEQUENCE pgbench_booking.outbox_event_seq;
CREATE TABLE pgbench_booking.outbox_event (LIKE public.outbox_event INCLUDING ALL);
ALTER TABLE pgbench_booking.outbox_event ALTER COLUMN seq SET DEFAULT nextval('pgbench_booking.outbox_event_seq');
