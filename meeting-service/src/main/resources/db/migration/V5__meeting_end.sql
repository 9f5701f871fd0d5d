-- Why a meeting was ended before its close: NO_SHOW, STAFF (ended by the office's staff) or CANCELLED (a booking
-- cancelled while its session was under way). Set when the end is asked for; TeleOffice is told by a task of the
-- new kind END (meeting_task.kind: PROVISION, REVOKE, END; one of each per reservation, like the others).
ALTER TABLE meeting ADD COLUMN end_reason VARCHAR(20);
