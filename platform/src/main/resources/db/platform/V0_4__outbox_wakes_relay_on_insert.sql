-- A new outbox row wakes the relay itself (NOTIFY, delivered when and only if the writing transaction commits), so a
-- writer no longer sends NOTIFY as a statement of its own: one round trip less for every state change of every
-- service. Once per statement, not per row; PostgreSQL folds the notifications of one transaction into one.
CREATE FUNCTION outbox_event_wake_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('madoguchi_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_event_wake_relay AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_wake_relay();
