#!/usr/bin/env bash
# The benchmark suite of issue 16, one command against a suite that is already up (./madoguchi up, the same
# MADOGUCHI_*_PORT and MADOGUCHI_STATE_DIR variables):
#   1. prepares: a bench office of its own (opened by the national administrator, terms published, a wide weekday
#      schedule), BENCH_BOOKERS seekers and BENCH_COUNSELORS counselors in Keycloak (admin API), every token fetched
#      before any clock starts, and the plan of who books which slot (bench/suite.py prepare);
#   2. pgbench, as reservation-service's role on its database, BENCH_CONNECTIONS clients for BENCH_SECONDS each:
#      the SQL of one availability read (bench/availability-read.sql) and of one booking, apply + confirm
#      (bench/booking-transaction.sql, on copies of the tables: bench/booking-tables.sql);
#   3. Gatling (bench/gatling, its HTML report kept): /q/health/live, the availability of Kaga for a month, and every
#      booker at once applying and being confirmed, each phase after the other in one run;
#   4. checks the database: no seat over capacity, no counselor booked twice (bench/suite.py verify);
#   5. prints one table: figure, target, measured, ratio, met? — targets are printed, never asserted;
#   6. always (trap), also after a failure or Ctrl-C: cancels the bench office's open bookings as its staff would,
#      closes the office, deletes the bench users and the pgbench tables.
# Bounded: every step has a hard timeout, each phase a fixed length (at most 60 s), at most 1000 bookers.
#
#   bench/run.sh
#   BENCH_SECONDS=10 BENCH_BOOKERS=100 bench/run.sh
# Variables: BENCH_SECONDS (20, per phase), BENCH_WARMUP (5), BENCH_CONNECTIONS (16), BENCH_BOOKERS (500),
# BENCH_ROUNDS (1, bookings per booker), BENCH_COUNSELORS (10), BENCH_SLOT_CAPACITY (2),
# BENCH_APPLICANTS_PER_SLOT (capacity + 1), BENCH_BOOKING_MAX_SECONDS (120).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE="${MADOGUCHI_STATE_DIR:-$ROOT/target/devstack}"
SECONDS_PER_PHASE=${BENCH_SECONDS:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
RESERVATION_URL="http://localhost:${MADOGUCHI_RESERVATION_PORT:-8081}"
[ "$SECONDS_PER_PHASE" -ge 5 ] && [ "$SECONDS_PER_PHASE" -le 60 ] || { echo "bench: BENCH_SECONDS must be 5..60" >&2; exit 2; }

missing=()
for tool in curl python3 java pgbench psql flock; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: missing: ${missing[*]} (Debian: apt-get install postgresql-client curl python3 openjdk-17-jdk-headless util-linux)" >&2
  exit 2
fi
[ -r "$STATE/stack.properties" ] && grep -q '^ready=true' "$STATE/stack.properties" \
  || { echo "bench: no running stack in $STATE: ./madoguchi up first (with the same MADOGUCHI_* variables)" >&2; exit 2; }
curl -sf --max-time 10 "$RESERVATION_URL/q/health/ready" >/dev/null \
  || { echo "bench: reservation-service at $RESERVATION_URL is not ready: ./madoguchi up (./madoguchi status)" >&2; exit 2; }
stack_value() { grep -E "^$1=" "$STATE/stack.properties" | head -1 | cut -d= -f2- | sed 's/\\:/:/g'; }

# one run at a time on a stack: a run's set-up and clean-up take every bench-* office and user as its own
exec 9>"$STATE/bench.lock"
flock -n 9 || { echo "bench: another bench/run.sh is running on the stack in $STATE" >&2; exit 2; }

OUT="$ROOT/bench/gatling/target/bench-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
export PGHOST PGPORT PGUSER=reservation PGDATABASE=reservation PGPASSWORD PGOPTIONS='-c client_min_messages=warning'
PGHOST=$(stack_value postgres.host); PGPORT=$(stack_value postgres.port); PGPASSWORD=$(stack_value secret.db.reservation)
[ -n "$PGPASSWORD" ] || { echo "bench: no database password in $STATE/stack.properties" >&2; exit 2; }

# A step runs in the background under timeout, which makes itself the leader of a process group: on Ctrl-C or TERM
# the whole group (pgbench, Maven and the Gatling JVM it forked) is stopped at once, and the clean-up only starts once
# nothing of the run is left sending requests.
CHILD=
bounded() {
  local limit=$1 rc=0; shift
  timeout "$limit" "$@" &
  CHILD=$!
  wait "$CHILD" || rc=$?
  CHILD=
  return "$rc"
}
stop_child() {
  if [ -n "$CHILD" ]; then
    kill -TERM -- "-$CHILD" 2>/dev/null || kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
    CHILD=
  fi
}

# the terminal's stdout and stderr: a signal's trap runs inside a step whose output goes to a file
exec 3>&1 4>&2
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  exec 1>&3 2>&4
  stop_child
  echo "bench: cleaning up" >&2
  timeout 600 python3 "$ROOT/bench/suite.py" cleanup || echo "bench: cleanup failed; run it again: python3 bench/suite.py cleanup" >&2
  timeout 60 psql -X -q -c 'DROP SCHEMA IF EXISTS pgbench_booking CASCADE' 2>/dev/null || true
  # the tokens expire by themselves; their users are gone already
  rm -f "$OUT/bookers.tsv"
  exit "$rc"
}
trap cleanup EXIT
trap 'stop_child; exit 130' INT TERM

# how busy the machine was: every rate here depends on what else runs on it
echo "before=$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/load.properties"
echo "bench: preparing users, tokens and the bench office" >&2
bounded 900 python3 "$ROOT/bench/suite.py" prepare "$OUT"
BENCH_OFFICE=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["office"])' "$OUT/state.json")
READ_OFFICE=$(grep '^office=' "$OUT/bench.properties" | cut -d= -f2)
FROM=$(grep '^from=' "$OUT/bench.properties" | cut -d= -f2); TO=$(grep '^to=' "$OUT/bench.properties" | cut -d= -f2)
BOOKERS=$(grep '^bookers=' "$OUT/bench.properties" | cut -d= -f2)
MAX_SECONDS=$(grep '^maxSeconds=' "$OUT/bench.properties" | cut -d= -f2)

echo "bench: pgbench, ${CONNECTIONS} clients, ${SECONDS_PER_PHASE} s each: one availability read, one booking" >&2
bounded $((SECONDS_PER_PHASE + 60)) pgbench -n -M prepared -j2 -c"$CONNECTIONS" -T"$SECONDS_PER_PHASE" \
  -D office="$READ_OFFICE" -D from="${FROM}T00:00:00+09:00" -D to="$(date -d "$TO +1 day" +%F)T00:00:00+09:00" \
  -f "$ROOT/bench/availability-read.sql" >"$OUT/pgbench-availability.txt" 2>"$OUT/pgbench-availability.err" \
  || { cat "$OUT/pgbench-availability.err" >&2; exit 1; }
timeout 60 psql -X -q -v ON_ERROR_STOP=1 -f "$ROOT/bench/booking-tables.sql"
bounded $((SECONDS_PER_PHASE + 60)) pgbench -n -M prepared -j2 -c"$CONNECTIONS" -T"$SECONDS_PER_PHASE" \
  -D office="$BENCH_OFFICE" -D bookers="$BOOKERS" -D clients="$CONNECTIONS" -D k=0 \
  -f "$ROOT/bench/booking-transaction.sql" >"$OUT/pgbench-booking.txt" 2>"$OUT/pgbench-booking.err" \
  || { cat "$OUT/pgbench-booking.err" >&2; exit 1; }
timeout 60 psql -X -q -c 'DROP SCHEMA pgbench_booking CASCADE'

# where ./madoguchi up started the service: the simulation samples its CPU time from /proc
SERVICE_PID=$(cat "$ROOT/target/run/reservation-service.pid" 2>/dev/null || true)
if [ -n "$SERVICE_PID" ] && [ -r "/proc/$SERVICE_PID/stat" ]; then
  printf 'servicePid=%s\nticksPerSecond=%s\n' "$SERVICE_PID" "$(getconf CLK_TCK)" >>"$OUT/bench.properties"
fi
echo "bench: Gatling (at most ${MAX_SECONDS} s of load; the report is kept)" >&2
REPORTS="$ROOT/bench/gatling/target/gatling"
before=$(ls -1 "$REPORTS" 2>/dev/null | sort | tail -1 || true)
# the project's Maven wrapper, from the root where it finds its settings; the bench project is not in the root reactor
cd "$ROOT"
bounded $((MAX_SECONDS + 300)) ./mvnw -B -q -f bench/gatling/pom.xml test-compile gatling:test \
  -Dbench.dir="$OUT" >"$OUT/gatling.log" 2>&1 || { tail -40 "$OUT/gatling.log" >&2; exit 1; }
REPORT=$(ls -1d "$REPORTS"/*/ 2>/dev/null | sort | tail -1)
[ -n "$REPORT" ] && [ "$(basename "$REPORT")" != "$before" ] || { echo "bench: Gatling wrote no report" >&2; exit 1; }
[ -s "$OUT/counters.properties" ] || { echo "bench: the simulation wrote no counters" >&2; exit 1; }

echo "after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/load.properties"
timeout 120 python3 "$ROOT/bench/suite.py" verify "$OUT"
echo >&2
timeout 60 python3 "$ROOT/bench/suite.py" report "$OUT"
echo
echo "HTML report (curves): ${REPORT}index.html"
echo "raw figures: $OUT (table.txt, counters.properties, verify.properties, pgbench-*.txt, gatling.log)"
