-- The W3C trace context of the request that wrote the event: the relay publishes later, from a scheduler,
-- and hands this on as Kafka headers so consumers continue the writer's trace.
-- Platform migrations are numbered V0_x, below every service's own V1..Vn; they reach databases that already
-- have later service migrations because quarkus.flyway.out-of-order is on.
ALTER TABLE outbox_event ADD COLUMN trace_parent VARCHAR(55);
ALTER TABLE outbox_event ADD COLUMN trace_state  VARCHAR(512);
