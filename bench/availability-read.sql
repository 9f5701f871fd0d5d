-- What one availability read of an office needs from PostgreSQL, for pgbench (bench/read-bench.sh): the office
-- and its policy, its closure days, its weekly schedule, and the seats held per slot in the range. Variables:
-- office, from, to (instants, ISO 8601 with offset), given by read-bench.sh with -D.
SELECT id, name_ja, name_en, policy, office_code, phone, time_zone, mail_sender, mailbox, state, version
  FROM office WHERE id = :office;
SELECT day FROM office_closure WHERE office_id = :office ORDER BY day;
SELECT day_of_week, start_time, capacity FROM weekly_slot WHERE office_id = :office ORDER BY day_of_week, start_time;
SELECT slot_start, count(*) FROM reservation
 WHERE office_id = :office AND slot_start >= :from::timestamptz AND slot_start < :to::timestamptz
   AND (state = 'CONFIRMED' OR (state = 'AWAITING_RECONSENT' AND reconsent_from = 'CONFIRMED'))
 GROUP BY slot_start;
