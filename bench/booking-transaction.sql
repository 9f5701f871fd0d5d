-- One booking as reservation-service makes it, for pgbench (bench/run.sh): the application (POST /api/reservations,
-- ReservationService.apply) and its confirmation by a counselor (POST /api/staff/reservations/{id}/confirm,
-- StaffService.confirm -> SlotBooker.confirm), two transactions with the statements the service sends, in its order
-- (read off PostgreSQL's statement log of one apply and one confirm): the office's rules, the person's restriction,
-- the per-person advisory lock and the two counts of ApplicationLimits, the schedule, the terms projection, the insert
-- of the reservation and of its outbox event with the NOTIFY that wakes the relay; then the counselor's enrolment, the
-- reservation, the rules again, the slot's advisory lock and seat count, the counselor's lock and overlap count, the
-- update of every column with the row version, the outbox event and NOTIFY.
--
-- The rows go to copies of the service's tables in a schema of their own (bench/run.sh makes pgbench_booking with the
-- same columns, indexes, exclusion constraint and foreign keys to the office, and drops it afterwards), so the outbox
-- relay never publishes them and no email, meeting or projection follows: the database's share of the work only. The
-- relay is woken on a channel nobody listens to (the cost of NOTIFY is at commit, whoever listens).
--
-- Each booking takes a slot of its own (no seat is refused: the service's run also sees refusals, which are cheaper),
-- each pgbench client is one counselor; the person is one of :bookers, as in the service's run.
-- Variables (pgbench -D): office, bookers, clients, k=0 (a per-client counter: pgbench keeps a client's variables
-- from one transaction to the next).
\set k :k + 1
\set n :k * :clients + :client_id
\set booker random(1, :bookers)
\set minutes :n * 30

BEGIN;
select id, announced_version, mail_sender, mailbox, name_en, name_ja, office_code, phone, policy, state, time_zone, version
  from office where id = :office;
select day, office_id, reason, version from office_closure where office_id = :office order by day;
select id, created_at, created_by, kind, lifted_at, lifted_by, office_id, reason, user_id, version from restriction
 where user_id = 'pgbench-seeker-' || :booker::text and office_id = :office and lifted_at is null
 order by created_at offset 0 rows fetch first 1 rows only;
select count(*) from (select pg_advisory_xact_lock(hashtextextended('applications|' || :office::text || '|pgbench-seeker-' || :booker::text, 0))) l;
select count(*) from pgbench_booking.reservation
 where user_id = 'pgbench-seeker-' || :booker::text and office_id = :office and state = 'REQUESTED';
select count(*) from pgbench_booking.reservation
 where user_id = 'pgbench-seeker-' || :booker::text and office_id = :office and kind = 'REGULAR'
   and created_at >= date_trunc('day', now(), 'Asia/Tokyo');
select id, capacity, day_of_week, office_id, start_time from weekly_slot where office_id = :office
 order by day_of_week, start_time;
select office_id, effective_from, terms_version_id, updated_at, version from office_terms where office_id = :office;
insert into pgbench_booking.reservation (awaiting_application_mail, cancel_channel, channel, closed_at, closed_reason,
    companion_note, companions, confirm_by, confirmed_at, counselor_id, counselor_name, created_at, detail_delivery, email,
    kind, name, no_show_grace_minutes, no_show_outcome, office_id, overdue_at, parent_id, phone, planned_counselor_id,
    preferences, reconsent_due_at, reconsent_from, response_due_at, reviewed_at, reviewed_by, seeker_number, slot_end,
    slot_start, state, terms_version_id, user_id, user_kind, version, id)
  values (false, null, 'ONLINE', null, null, null, null, now() + interval '3 days', null, null, null, now(), null,
    'pgbench-' || :booker::text || '@example.jp', 'REGULAR', 'ベンチ 太郎', null, null, :office, null, null, '0761-00-9999', null,
    (timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute')::text, null, null, now() + interval '2 days', null, null, '99999-' || lpad(:booker::text, 8, '0'),
    timestamptz '2030-01-01 00:30:00+00' + :minutes::int * interval '1 minute',
    timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute',
    'REQUESTED', null, 'pgbench-seeker-' || :booker::text, 'SEEKER', 0, md5('pgbench-' || :n::text)::uuid);
insert into pgbench_booking.outbox_event (attempts, discard_reason, discarded_at, id, last_error, occurred_at, parked_at,
    payload, published_at, subject, topic, trace_parent, trace_state, type)
  values (0, null, null, gen_random_uuid(), null, now(), null,
    json_build_object('reservationId', md5('pgbench-' || :n::text)::uuid, 'officeId', :office::text,
      'userId', 'pgbench-seeker-' || :booker::text, 'userKind', 'SEEKER', 'kind', 'REGULAR', 'state', 'REQUESTED',
      'slotStart', timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute',
      'slotEnd', timestamptz '2030-01-01 00:30:00+00' + :minutes::int * interval '1 minute',
      'counselorId', null, 'detailDelivery', null, 'cancelChannel', null, 'parentId', null,
      'requestedAt', now(), 'responseDueAt', now() + interval '2 days', 'termsVersionId', null,
      'reconsentDueAt', null, 'noShowGraceMinutes', null, 'noShowOutcome', null, 'refused', null,
      'channel', 'ONLINE', 'awaitingApplicationMail', false)::text,
    null, md5('pgbench-' || :n::text), 'madoguchi.reservations', null, null, 'jp.madoguchi.reservation.ReservationRequested.v1')
  returning seq;
NOTIFY madoguchi_pgbench_booking;
COMMIT;

BEGIN;
insert into pgbench_booking.counselor (office_id, user_id, name, enrolled_at)
  values (:office, 'pgbench-counselor-' || :client_id::text, null, now())
  on conflict (office_id, user_id) do update set name = coalesce(excluded.name, counselor.name);
select id, awaiting_application_mail, cancel_channel, channel, closed_at, closed_reason, companion_note, companions,
       confirm_by, confirmed_at, counselor_id, counselor_name, created_at, detail_delivery, email, kind, name,
       no_show_grace_minutes, no_show_outcome, office_id, overdue_at, parent_id, phone, planned_counselor_id, preferences,
       reconsent_due_at, reconsent_from, response_due_at, reviewed_at, reviewed_by, seeker_number, slot_end, slot_start,
       state, terms_version_id, user_id, user_kind, version
  from pgbench_booking.reservation where id = md5('pgbench-' || :n::text)::uuid;
select id, announced_version, mail_sender, mailbox, name_en, name_ja, office_code, phone, policy, state, time_zone, version
  from office where id = :office;
select day, office_id, reason, version from office_closure where office_id = :office order by day;
select count(*) from pgbench_booking.counselor where office_id = :office and user_id = 'pgbench-counselor-' || :client_id::text;
select id, capacity, day_of_week, office_id, start_time from weekly_slot where office_id = :office
 order by day_of_week, start_time;
select count(*) from (select pg_advisory_xact_lock(hashtextextended('slot|' || :office::text || '|' || :n::text, 0))) l;
select count(*) from pgbench_booking.reservation
 where office_id = :office and slot_start = timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute'
   and (state = 'CONFIRMED' or (state = 'AWAITING_RECONSENT' and reconsent_from = 'CONFIRMED'));
select count(*) from (select pg_advisory_xact_lock(hashtextextended('counselor|pgbench-counselor-' || :client_id::text, 0))) l;
select count(*) from pgbench_booking.reservation
 where counselor_id = 'pgbench-counselor-' || :client_id::text
   and slot_start < timestamptz '2030-01-01 00:30:00+00' + :minutes::int * interval '1 minute'
   and slot_end > timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute'
   and (state = 'CONFIRMED' or (state = 'AWAITING_RECONSENT' and reconsent_from = 'CONFIRMED'));
update pgbench_booking.reservation set awaiting_application_mail = false, cancel_channel = null, channel = 'ONLINE',
    closed_at = null, closed_reason = null, companion_note = null, companions = null, confirm_by = null,
    confirmed_at = now(), counselor_id = 'pgbench-counselor-' || :client_id::text, counselor_name = null,
    created_at = created_at, detail_delivery = null, email = email, kind = 'REGULAR', name = name,
    no_show_grace_minutes = 10, no_show_outcome = null, office_id = :office, overdue_at = null, parent_id = null,
    phone = phone, planned_counselor_id = null, preferences = preferences, reconsent_due_at = null, reconsent_from = null,
    response_due_at = response_due_at, reviewed_at = null, reviewed_by = null, seeker_number = seeker_number,
    slot_end = slot_end, slot_start = slot_start, state = 'CONFIRMED', terms_version_id = null, user_id = user_id,
    user_kind = 'SEEKER', version = 1
  where id = md5('pgbench-' || :n::text)::uuid and version = 0;
insert into pgbench_booking.outbox_event (attempts, discard_reason, discarded_at, id, last_error, occurred_at, parked_at,
    payload, published_at, subject, topic, trace_parent, trace_state, type)
  values (0, null, null, gen_random_uuid(), null, now(), null,
    json_build_object('reservationId', md5('pgbench-' || :n::text)::uuid, 'officeId', :office::text,
      'userId', 'pgbench-seeker-' || :booker::text, 'userKind', 'SEEKER', 'kind', 'REGULAR', 'state', 'CONFIRMED',
      'slotStart', timestamptz '2030-01-01 00:00:00+00' + :minutes::int * interval '1 minute',
      'slotEnd', timestamptz '2030-01-01 00:30:00+00' + :minutes::int * interval '1 minute',
      'counselorId', 'pgbench-counselor-' || :client_id::text, 'detailDelivery', null, 'cancelChannel', null, 'parentId', null,
      'requestedAt', now(), 'responseDueAt', now() + interval '2 days', 'termsVersionId', null,
      'reconsentDueAt', null, 'noShowGraceMinutes', 10, 'noShowOutcome', null, 'refused', null,
      'channel', 'ONLINE', 'awaitingApplicationMail', false)::text,
    null, md5('pgbench-' || :n::text), 'madoguchi.reservations', null, null, 'jp.madoguchi.reservation.ReservationConfirmed.v1')
  returning seq;
NOTIFY madoguchi_pgbench_booking;
COMMIT;
