#!/usr/bin/env bash
# The read path of issue 16, against a suite that is already up (./madoguchi up, same MADOGUCHI_*_PORT variables):
#   1. wrk on GET /api/offices/<office>/availability for a month, with a seeker's token;
#   2. wrk on GET /api/offices/<office>, with the same token;
#   3. wrk on GET /q/health/live (no token): what the HTTP stack alone serves;
#   4. pgbench running the SQL one availability read needs (bench/availability-read.sql) on the service's database,
#      as the service's own role, at the same concurrency: the data path's limit.
# Then one table: figure, target, measured, ratio. Targets are printed, never asserted (exit 0 unless a run fails).
# Bounded: each run has a fixed duration and a hard timeout; nothing is written to the database.
#
#   bench/read-bench.sh                  16 connections, 20 s per run, office kaga
#   READ_BENCH_SECONDS=10 READ_BENCH_CONNECTIONS=8 READ_BENCH_OFFICE=kabe bench/read-bench.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE="${MADOGUCHI_STATE_DIR:-$ROOT/target/devstack}"
SECONDS_PER_RUN=${READ_BENCH_SECONDS:-20}
CONNECTIONS=${READ_BENCH_CONNECTIONS:-16}
WARMUP=${READ_BENCH_WARMUP:-5}
OFFICE=${READ_BENCH_OFFICE:-kaga}
USER_NAME=${READ_BENCH_USER:-seeker-kaga}
SERVICE_URL="http://localhost:${MADOGUCHI_RESERVATION_PORT:-8081}"

for tool in wrk pgbench curl python3 java; do
  command -v "$tool" >/dev/null || { echo "read-bench: $tool is missing (apt-get install wrk postgresql-client curl)" >&2; exit 2; }
done
[ -r "$STATE/stack.properties" ] || { echo "read-bench: no running stack in $STATE: ./madoguchi up first" >&2; exit 2; }
stack_value() { grep -E "^$1=" "$STATE/stack.properties" | head -1 | cut -d= -f2- | sed 's/\\:/:/g'; }

# The token, as every script here fetches one: the public CLI client, a demo seeker (README, Demo users).
REALM=$(stack_value keycloak.realm-url)
TOKEN=$(curl -sf --max-time 10 -d grant_type=password -d client_id=madoguchi-cli -d "username=$USER_NAME" \
  -d password=password "$REALM/protocol/openid-connect/token" \
  | python3 -c 'import sys,json;print(json.load(sys.stdin)["access_token"])') \
  || { echo "read-bench: no token from $REALM (is the suite up?)" >&2; exit 2; }

# A month from today in the office's days (Asia/Tokyo for both seed offices; the service answers for its own zone).
FROM=$(TZ=Asia/Tokyo date +%F)
TO=$(TZ=Asia/Tokyo date -d '+30 days' +%F)
AVAILABILITY="$SERVICE_URL/api/offices/$OFFICE/availability?from=$FROM&to=$TO"
SLOTS=$(curl -sf --max-time 10 -H "Authorization: Bearer $TOKEN" "$AVAILABILITY" | python3 -c 'import sys,json;print(len(json.load(sys.stdin)))') \
  || { echo "read-bench: $AVAILABILITY does not answer 200" >&2; exit 2; }

# The database as the service finds it: host and port from the running stack, database and role named after the
# service, the role's password from the stack's own settings of the service (never written here).
PG_HOST=$(stack_value postgres.host)
PG_PORT=$(stack_value postgres.port)
PG_PASSWORD=$(java -cp "$ROOT/devstack/target/madoguchi-devstack.jar:$ROOT/devstack/target/lib/*" \
  jp.madoguchi.devstack.DevStack settings reservation-service | grep '^quarkus.datasource.password=' | cut -d= -f2-)
[ -n "$PG_PASSWORD" ] || { echo "read-bench: no database password from the dev stack" >&2; exit 2; }

OUT=$(mktemp -d); trap 'rm -rf "$OUT"' EXIT

# The service's CPU time per request (user + system, from /proc), where ./madoguchi up started it here: less
# sensitive than a rate to whatever else the machine runs at the same time.
SERVICE_PID=$(cat "$ROOT/target/run/reservation-service.pid" 2>/dev/null || true)
TICKS=$(getconf CLK_TCK)
cpu_ticks() { [ -n "$SERVICE_PID" ] && [ -r "/proc/$SERVICE_PID/stat" ] && awk '{print $14 + $15}' "/proc/$SERVICE_PID/stat" || echo 0; }

# wrk URL [header] -> OUT/<name>.txt ; a warm-up run first (the JIT compiles the path), then the measured one
run_wrk() {
  local name=$1 url=$2; shift 2
  timeout $((WARMUP + 30)) wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$@" "$url" >/dev/null
  local before; before=$(cpu_ticks)
  timeout $((SECONDS_PER_RUN + 30)) wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" "$url" >"$OUT/$name.txt"
  echo $(( $(cpu_ticks) - before )) >"$OUT/$name.cpu"
}
cpu_per_request() { # ms of service CPU per answered request, or "-" where the process is not ours to read
  local ticks requests; ticks=$(cat "$OUT/$1.cpu"); requests=$(awk '/requests in/ {print $1}' "$OUT/$1.txt")
  if [ "$ticks" -gt 0 ] && [ "${requests:-0}" -gt 0 ]; then awk -v t="$ticks" -v r="$requests" -v hz="$TICKS" 'BEGIN {printf "%.3f", t * 1000 / hz / r}'; else echo -; fi
}
rate() { awk '/^Requests\/sec:/ {print $2}' "$OUT/$1.txt"; }
p99() { # the 99th percentile in ms, whatever unit wrk printed
  awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
        else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$OUT/$1.txt"
}
failed() { # non-2xx answers plus socket errors
  awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$OUT/$1.txt"
}

echo "read-bench: $CONNECTIONS connections, ${SECONDS_PER_RUN} s per run (after ${WARMUP} s warm-up); $OFFICE, $FROM..$TO ($SLOTS open slots)" >&2
run_wrk availability "$AVAILABILITY" -H "Authorization: Bearer $TOKEN"
run_wrk office "$SERVICE_URL/api/offices/$OFFICE" -H "Authorization: Bearer $TOKEN"
run_wrk health "$SERVICE_URL/q/health/live"

# pgbench: 16 clients on 2 threads, prepared statements, as the service's role on its own database
FROM_INSTANT="${FROM}T00:00:00+09:00"
TO_INSTANT="$(TZ=Asia/Tokyo date -d "$TO +1 day" +%F)T00:00:00+09:00"
PGPASSWORD="$PG_PASSWORD" timeout $((SECONDS_PER_RUN + 30)) pgbench -n -M prepared -j2 -c"$CONNECTIONS" -T"$SECONDS_PER_RUN" \
  -h "$PG_HOST" -p "$PG_PORT" -U reservation -D office="$OFFICE" -D from="$FROM_INSTANT" -D to="$TO_INSTANT" \
  -f "$ROOT/bench/availability-read.sql" reservation >"$OUT/pgbench.txt" 2>"$OUT/pgbench.err" \
  || { cat "$OUT/pgbench.err" >&2; exit 1; }
PG_TPS=$(awk '/^tps =/ {print $3}' "$OUT/pgbench.txt")
PG_LAT=$(awk '/^latency average =/ {print $4}' "$OUT/pgbench.txt")

AV_RATE=$(rate availability); AV_P99=$(p99 availability)
python3 - "$AV_RATE" "$AV_P99" "$(failed availability)" "$(rate office)" "$(p99 office)" "$(failed office)" \
  "$(rate health)" "$(p99 health)" "$PG_TPS" "$PG_LAT" "$CONNECTIONS" \
  "$(cpu_per_request availability)" "$(cpu_per_request office)" "$(cpu_per_request health)" <<'PY'
import sys
av, av99, averr, of, of99, oferr, he, he99, pg, pglat, c, avcpu, ofcpu, hecpu = sys.argv[1:]
av, av99, of, of99, he, he99, pg, pglat = map(float, (av, av99, of, of99, he, he99, pg, pglat))
rows = [
    ("availability, month (req/s)", f">= {0.25 * pg:,.0f} (25% of pgbench)", f"{av:,.0f}", f"{av / pg:.2f} of pgbench"),
    (f"availability p99 at {c} connections (ms)", "< 10", f"{av99:.2f}", f"{av99 / 10:.2f} of limit"),
    ("availability failed answers", "0", averr, "-"),
    ("availability, service CPU per read (ms)", "-", avcpu, "-"),
    ("office, one row (req/s)", "-", f"{of:,.0f}", f"{of / pg:.2f} of pgbench"),
    ("office p99 (ms)", "-", f"{of99:.2f}", "-"),
    ("office failed answers", "0", oferr, "-"),
    ("office, service CPU per read (ms)", "-", ofcpu, "-"),
    ("/q/health/live (req/s)", "-", f"{he:,.0f}", f"availability = {av / he:.2f} of it"),
    ("/q/health/live p99 (ms)", "-", f"{he99:.2f}", "-"),
    ("/q/health/live, service CPU per request (ms)", "-", hecpu, "-"),
    ("pgbench, SQL of one availability read (tx/s)", "-", f"{pg:,.0f}", f"avg latency {pglat:.2f} ms"),
]
w = [max(len(r[i]) for r in rows + [("figure", "target", "measured", "ratio")]) for i in range(4)]
line = lambda r: "  ".join(v.ljust(w[i]) for i, v in enumerate(r))
print(line(("figure", "target", "measured", "ratio")))
print("  ".join("-" * n for n in w))
for r in rows:
    print(line(r))
PY
