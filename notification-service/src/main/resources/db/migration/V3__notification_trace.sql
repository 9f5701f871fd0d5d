-- The trace of the event that asked for the message, so sending it joins the booking's trace (W3C traceparent).
ALTER TABLE notification ADD COLUMN trace_parent VARCHAR(60);
