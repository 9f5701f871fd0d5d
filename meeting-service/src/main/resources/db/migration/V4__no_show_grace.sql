-- The office's no-show grace, as the reservation events carry it once a booking is confirmed (issue 14); null when
-- the events did not say, and then the configured grace applies.
ALTER TABLE booking ADD COLUMN no_show_grace_minutes INTEGER;
