-- The reminder job looks, every few minutes, for confirmed sessions starting soon, and for each one's invitation:
-- both look-ups by index, however many bookings the table has seen.
CREATE INDEX booking_state_confirmed_start ON booking_state (slot_start) WHERE state = 'CONFIRMED';
CREATE INDEX notification_reservation_kind ON notification (reservation_id, kind);
