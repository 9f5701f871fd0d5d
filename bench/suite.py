#!/usr/bin/env python3
"""The set-up, checks and report of the benchmark suite; bench/run.sh calls it, step by step.

  suite.py prepare DIR   a bench office (opened by the national administrator, its terms published), N bench seekers
                         and K bench counselors in Keycloak (admin API, partial imports), their tokens, the plan of
                         who books which slot with which counselor: DIR/bench.properties, DIR/bookers.tsv, DIR/state.json
  suite.py verify DIR    after the run, in reservation-service's database: seats over capacity, counselors booked
                         twice, bookings by state: DIR/verify.properties
  suite.py report DIR    the one table (figure, target, measured, ratio, met?) from Gatling's counters, pgbench's
                         outputs and the check, printed and kept as DIR/table.txt
  suite.py cleanup       whatever a run (also one that was killed) left: the bench office's open bookings are cancelled
                         by its counselor as a phone cancellation (so every service hears of it), the office is closed,
                         every bench-* user deleted

Everything goes to this machine's stack only, at the ports ./madoguchi uses (MADOGUCHI_*_PORT, MADOGUCHI_STATE_DIR).
Each loop has a count and every call a timeout.
"""
import concurrent.futures as cf
import datetime as dt
import json
import math
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from benchlib import call, stack

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = Path(os.environ.get("MADOGUCHI_STATE_DIR", ROOT / "target" / "devstack"))
RESERVATION = f"http://localhost:{os.environ.get('MADOGUCHI_RESERVATION_PORT', '8081')}"
CONSENT = f"http://localhost:{os.environ.get('MADOGUCHI_CONSENT_PORT', '8082')}"
REALM = "hellowork"
SEEKER_PREFIX, COUNSELOR_PREFIX, OFFICE_PREFIX = "bench-seeker-", "bench-counselor-", "bench-"
JST = dt.timezone(dt.timedelta(hours=9))


def env_int(name, default, low, high):
    """A bound the suite keeps whatever is asked: out of range stops it before anything is made."""
    value = int(os.environ.get(name, default))
    if not low <= value <= high:
        raise SystemExit(f"suite: {name}={value} is outside {low}..{high}")
    return value


BOOKERS = env_int("BENCH_BOOKERS", 500, 1, 1000)
ROUNDS = env_int("BENCH_ROUNDS", 1, 1, 5)
COUNSELORS = env_int("BENCH_COUNSELORS", 10, 2, 50)
CAPACITY = env_int("BENCH_SLOT_CAPACITY", 2, 1, 20)
# people per slot instance: one more than its seats, so that every slot is raced for and one of them is refused
APPLICANTS_PER_SLOT = env_int("BENCH_APPLICANTS_PER_SLOT", CAPACITY + 1, 1, 21)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 16, 1, 64)
SECONDS = env_int("BENCH_SECONDS", 20, 5, 60)
WARMUP = env_int("BENCH_WARMUP", 5, 1, 30)

STACK = stack()
KEYCLOAK = STACK["keycloak.url"]


def must(expected, result, what):
    status, body = result
    if status not in expected:
        raise SystemExit(f"suite: {what}: {status} {str(body)[:400]}")
    return body


def token(username, password, client="madoguchi-cli", realm=REALM):
    return must((200,), call("POST", f"{KEYCLOAK}/realms/{realm}/protocol/openid-connect/token",
                             form={"grant_type": "password", "client_id": client, "username": username,
                                   "password": password}), f"token for {username}")["access_token"]


_ADMIN = {"token": None, "at": 0.0}


def admin_token():
    """The master realm's admin, as an operator (and e2e-tests' KeycloakAdmin) uses the admin API. Its tokens live a
    minute: one is fetched anew once it is half that old, so long steps (500 users) never call with an expired one."""
    if time.time() - _ADMIN["at"] > 30:
        _ADMIN["token"] = token("admin", STACK["secret.keycloak.admin"], client="admin-cli", realm="master")
        _ADMIN["at"] = time.time()
    return _ADMIN["token"]


def psql(sql):
    env = dict(os.environ, PGPASSWORD=STACK["secret.db.reservation"])
    out = subprocess.run(["psql", "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-h", STACK["postgres.host"],
                          "-p", STACK["postgres.port"], "-U", "reservation", "-d", "reservation", "-c", sql],
                         env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise SystemExit(f"suite: psql: {out.stderr.strip()}")
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def parallel(fn, items, workers=8):
    with cf.ThreadPoolExecutor(workers) as pool:
        return list(pool.map(fn, items))


# ---------------------------------------------------------------------------------------------------- prepare

def office_definition(office_id, kaga_policy):
    """Kaga's rules, with room for the run: limits per person that its rounds fit in, and a wide weekday schedule
    (08:00-19:30 every 30 minutes, CAPACITY seats) so the bookers' slots lie within the booking horizon."""
    policy = dict(kaga_policy, eligible=["REGISTERED_SEEKER"], maxOpenRequests=50, maxApplicationsPerDay=100,
                  revisionRequiresReconsent=False, adHocOffered=False, autoConfirm=False,
                  cancellationChannels=["PHONE", "EMAIL", "ONLINE"], sameDayCancellationChannels=["PHONE"],
                  applicationMailSubject=None)
    days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
    starts = [f"{h:02d}:{m:02d}" for h in range(8, 20) for m in (0, 30)]
    return {"id": office_id, "nameJa": "ハローワーク負荷試験", "nameEn": "Hello Work Benchmark", "officeCode": "99999",
            "phone": "0761-00-9999", "timeZone": "Asia/Tokyo",
            "mailSender": f"ハローワーク負荷試験 オンライン相談 <online.{office_id}@madoguchi.example.jp>",
            "policy": policy, "schedule": [{"dayOfWeek": d, "start": s, "capacity": CAPACITY} for d in days for s in starts],
            "closures": []}


def publish_terms(office_id, national):
    today = dt.datetime.now(JST).date().isoformat()
    version = f"{office_id}-{today}"
    draft = {"id": version, "title": "オンライン職業相談の利用規約（負荷試験）", "enactedOn": today, "effectiveFrom": today,
             "changeNotice": "負荷試験のための利用規約です。",
             "articles": [{"number": "1", "heading": "目的", "body": "この規約は負荷試験のための事務所の利用について定めます。"}]}
    must((201,), call("POST", f"{CONSENT}/api/offices/{office_id}/terms", national, draft), "drafting the terms")
    must((200,), call("POST", f"{CONSENT}/api/offices/{office_id}/terms/{version}/publish", national), "publishing the terms")
    # applications record the terms in force from reservation-service's projection, which TermsRevised fills
    for _ in range(120):
        if psql(f"select 1 from office_terms where office_id = '{office_id}' and terms_version_id = '{version}'"):
            return version
        time.sleep(0.5)
    raise SystemExit("suite: reservation-service did not hear of the bench office's terms within 60 s")


def user(username, password, roles, attributes):
    return {"username": username, "enabled": True, "emailVerified": True, "email": f"{username}@example.jp",
            "firstName": "負荷", "lastName": "試験", "realmRoles": ["default-roles-hellowork", *roles],
            "attributes": attributes, "credentials": [{"type": "password", "value": password, "temporary": False}]}


def prepare(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cleanup(quiet=True)
    national = token("national-admin", "password")
    kaga = must((200,), call("GET", f"{RESERVATION}/api/offices/kaga", national), "reading Kaga's policy")
    office_id = OFFICE_PREFIX + dt.datetime.now(dt.timezone.utc).strftime("%y%m%d%H%M%S")
    must((201,), call("POST", f"{RESERVATION}/api/offices", national, office_definition(office_id, kaga["policy"])),
         "opening the bench office")
    # from here on the office exists: a failure below leaves it to `cleanup` (run.sh's trap)
    terms = publish_terms(office_id, national)

    # one password for the run's users, never written down: the tokens are what the load uses
    password = secrets.token_urlsafe(18)
    seekers = [f"{SEEKER_PREFIX}{i + 1:04d}" for i in range(BOOKERS)]
    counselors = [f"{COUNSELOR_PREFIX}{k + 1:02d}" for k in range(COUNSELORS)]
    users = [user(s, password, ["seeker"], {"seeker_number": [f"99999-{i + 1:08d}"], "phone_number": ["0761-00-9999"]})
             for i, s in enumerate(seekers)]
    users += [user(c, password, ["counselor"], {"office": [office_id]}) for c in counselors]
    t0 = time.time()
    # a partial import per chunk, four at a time: Keycloak hashes each password, which is what takes the time
    chunks = [users[i:i + 50] for i in range(0, len(users), 50)]
    parallel(lambda chunk: must((200,), call("POST", f"{KEYCLOAK}/admin/realms/{REALM}/partialImport", admin_token(),
                                             {"ifResourceExists": "FAIL", "users": chunk}, timeout=600),
                                "creating the bench users"), chunks, workers=4)
    created = time.time() - t0
    t0 = time.time()
    seeker_tokens = parallel(lambda u: token(u, password), seekers)
    counselor_tokens = parallel(lambda u: token(u, password), counselors)
    fetched = time.time() - t0

    today = dt.datetime.now(JST).date()
    slots = must((200,), call("GET", f"{RESERVATION}/api/offices/{office_id}/availability?from={today}"
                              f"&to={today + dt.timedelta(days=59)}", seeker_tokens[0]), "reading the bench office's slots")
    bookings = BOOKERS * ROUNDS
    needed = math.ceil(bookings / APPLICANTS_PER_SLOT)
    if len(slots) < needed:
        raise SystemExit(f"suite: the bench office offers {len(slots)} slots, {needed} needed")
    # booking b (round r of booker i is b = r * BOOKERS + i) goes to slot b // APPLICANTS_PER_SLOT with counselor
    # b % COUNSELORS: the applicants of one slot have different counselors, a counselor never two bookings in one slot
    rows = []
    for i in range(BOOKERS):
        plan = [r * BOOKERS + i for r in range(ROUNDS)]
        rows.append("\t".join([seeker_tokens[i], f"99999-{i + 1:08d}", f"{seekers[i]}@example.jp",
                               " ".join(slots[b // APPLICANTS_PER_SLOT]["start"] for b in plan),
                               " ".join(counselor_tokens[b % COUNSELORS] for b in plan)]))
    (out / "bookers.tsv").write_text("\n".join(rows) + "\n")
    month_from, month_to = today, today + dt.timedelta(days=30)
    props = {"baseUrl": RESERVATION, "office": os.environ.get("BENCH_READ_OFFICE", "kaga"), "benchOffice": office_id,
             "from": month_from, "to": month_to, "connections": CONNECTIONS, "seconds": SECONDS, "warmup": WARMUP,
             "bookers": BOOKERS, "rounds": ROUNDS,
             # the simulation stops itself after this long whatever happens (the booking phase has no fixed length)
             "maxSeconds": 2 * WARMUP + 2 * SECONDS + env_int("BENCH_BOOKING_MAX_SECONDS", 120, 10, 600)}
    (out / "bench.properties").write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    (out / "state.json").write_text(json.dumps({"office": office_id, "terms": terms, "capacity": CAPACITY,
                                                "applicantsPerSlot": APPLICANTS_PER_SLOT, "slotsUsed": needed}))
    print(f"suite: office {office_id} (terms {terms}), {BOOKERS} seekers and {COUNSELORS} counselors created in "
          f"{created:.1f} s, their tokens fetched in {fetched:.1f} s; {bookings} bookings planned into {needed} slots "
          f"of {CAPACITY} seats, {APPLICANTS_PER_SLOT} applicants each", file=sys.stderr)


# ---------------------------------------------------------------------------------------------------- verify

HOLDS = "(state = 'CONFIRMED' or (state = 'AWAITING_RECONSENT' and reconsent_from = 'CONFIRMED'))"


def verify(out_dir):
    out = Path(out_dir)
    state = json.loads((out / "state.json").read_text())
    office = state["office"]
    # seats: a slot's holders against the capacity of its weekly slot (day of week and time in the office's zone)
    over = psql(f"""
        select count(*) from (
          select r.slot_start, count(*) held, min(w.capacity) capacity
            from reservation r join office o on o.id = r.office_id
            join weekly_slot w on w.office_id = r.office_id
             and w.day_of_week = extract(isodow from r.slot_start at time zone o.time_zone)
             and w.start_time = (r.slot_start at time zone o.time_zone)::time
           where r.office_id = '{office}' and {HOLDS.replace('state', 'r.state').replace('reconsent_from', 'r.reconsent_from')}
           group by r.slot_start having count(*) > min(w.capacity)) x""")[0][0]
    unmatched = psql(f"""
        select count(*) from reservation r join office o on o.id = r.office_id
         where r.office_id = '{office}' and r.state = 'CONFIRMED' and not exists (
           select 1 from weekly_slot w where w.office_id = r.office_id
              and w.day_of_week = extract(isodow from r.slot_start at time zone o.time_zone)
              and w.start_time = (r.slot_start at time zone o.time_zone)::time)""")[0][0]
    twice = psql(f"""
        select count(*) from reservation a join reservation b
            on a.counselor_id = b.counselor_id and a.id < b.id
           and tstzrange(a.slot_start, a.slot_end) && tstzrange(b.slot_start, b.slot_end)
         where a.office_id = '{office}' and {HOLDS.replace('state', 'a.state').replace('reconsent_from', 'a.reconsent_from')}
           and {HOLDS.replace('state', 'b.state').replace('reconsent_from', 'b.reconsent_from')}""")[0][0]
    by_state = dict(psql(f"select state, count(*) from reservation where office_id = '{office}' group by state"))
    lines = {"seatsOverCapacity": over, "confirmedOutsideSchedule": unmatched, "counselorsDoubleBooked": twice,
             **{f"state.{k}": v for k, v in by_state.items()}}
    (out / "verify.properties").write_text("".join(f"{k}={v}\n" for k, v in lines.items()))


# ---------------------------------------------------------------------------------------------------- report

def props(path):
    p = {}
    if Path(path).is_file():
        for line in Path(path).read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                k, v = line.split("=", 1)
                p[k] = v
    return p


def pgbench_tps(path):
    for line in Path(path).read_text().splitlines() if Path(path).is_file() else []:
        if line.startswith("tps ="):
            return float(line.split()[2])
    return float("nan")


def report(out_dir):
    out = Path(out_dir)
    c, v = props(out / "counters.properties"), props(out / "verify.properties")
    state = json.loads((out / "state.json").read_text())
    pg_read, pg_book = pgbench_tps(out / "pgbench-availability.txt"), pgbench_tps(out / "pgbench-booking.txt")

    def statuses(name):
        return {int(k.rsplit(".", 1)[1]): int(n) for k, n in c.items() if k.startswith(name + ".status.")}

    def window(name):
        return int(c.get(name + ".windowMillis", 0)) / 1000

    def rate(name, ok):
        s, w = statuses(name), window(name)
        return sum(n for st, n in s.items() if st in ok) / w if w else 0.0

    def ms(name, key):
        return int(c.get(f"{name}.{key}", 0))

    def fmt(x, unit=""):
        return "-" if x is None or x != x else (f"{x:,.0f}{unit}" if abs(x) >= 100 else f"{x:,.2f}{unit}")

    def cpu_per(phase, requests):
        # the reservation-service's own CPU time in the phase's window (sampled from /proc), per request
        total = c.get(phase + ".serviceCpuMillis")
        return f"{float(total) / requests:.2f}" if total is not None and requests else "-"

    rows = []

    def row(figure, target, measured, ratio, met):
        rows.append((figure, target, measured, ratio, "-" if met is None else ("yes" if met else "NO")))

    av = rate("availability", {200})
    he = rate("health", {200})
    row("availability, month (req/s)", f">= {fmt(0.25 * pg_read)} (25 % of pgbench)", fmt(av),
        f"{av / pg_read:.2f} of pgbench", av >= 0.25 * pg_read)
    row(f"availability p99, {CONNECTIONS} connections (ms)", "< 10", str(ms("availability", "p99")),
        f"{ms('availability', 'p99') / 10:.1f} x limit", ms("availability", "p99") < 10)
    row("availability p50 / p95 (ms)", "-", f"{ms('availability', 'p50')} / {ms('availability', 'p95')}", "-", None)
    row("availability, service CPU per read (ms)", "-", cpu_per("availability", sum(statuses("availability").values())),
        "-", None)
    answered = sum(statuses("apply").values())
    confirms = statuses("confirm")
    bookings_done = sum(confirms.values()) + sum(n for s, n in statuses("apply").items() if s != 201)
    # from the first application sent to the last answer, confirmation or refused application
    book_window = window("booking")
    book_rate = bookings_done / book_window if book_window else 0.0
    row(f"bookings, {BOOKERS} bookers at once x {ROUNDS} (apply + confirm, /s)", f">= {fmt(0.4 * pg_book)} (40 % of pgbench)",
        fmt(book_rate), f"{book_rate / pg_book:.2f} of pgbench", book_rate >= 0.4 * pg_book)
    for name in ("apply", "confirm"):
        row(f"{name} p99 (ms)", "< 50", str(ms(name, "p99")), f"{ms(name, 'p99') / 50:.1f} x limit", ms(name, "p99") < 50)
        row(f"{name} p50 / p95 / max (ms)", "-", f"{ms(name, 'p50')} / {ms(name, 'p95')} / {ms(name, 'max')}", "-", None)
    row("bookings, service CPU per booking (ms)", "-", cpu_per("booking", bookings_done), "-", None)
    row("bookers' applications answered within the bound", str(BOOKERS * ROUNDS), str(answered), "-",
        answered == BOOKERS * ROUNDS)
    refused = confirms.get(409, 0)
    expected_refusals = BOOKERS * ROUNDS - min(BOOKERS * ROUNDS, state["slotsUsed"] * state["capacity"])
    row("confirmations refused 409 (slot full)", f"{expected_refusals} (by the plan)", f"{refused} of {sum(confirms.values())}",
        "-", refused == expected_refusals)
    checks = ("seatsOverCapacity", "counselorsDoubleBooked", "confirmedOutsideSchedule")
    double = sum(int(v.get(k, -1)) for k in checks)
    row("double bookings in the DB (seats, counselors, off-schedule)", "0",
        " + ".join(v.get(k, "?") for k in checks), "-", double == 0)
    row("confirmed bookings in the DB", f"{BOOKERS * ROUNDS - expected_refusals}", v.get("state.CONFIRMED", "0"), "-",
        int(v.get("state.CONFIRMED", 0)) == BOOKERS * ROUNDS - expected_refusals)
    all_statuses = {}
    for name in ("health", "availability", "apply", "confirm"):
        for s, n in statuses(name).items():
            all_statuses[s] = all_statuses.get(s, 0) + n
    fives = sum(n for s, n in all_statuses.items() if s >= 500)
    row("5xx answers, all phases", "0", str(fives), "-", fives == 0)
    unexpected = (sum(n for s, n in statuses("health").items() if s != 200)
                  + sum(n for s, n in statuses("availability").items() if s != 200)
                  + sum(n for s, n in statuses("apply").items() if s != 201)
                  + sum(n for s, n in confirms.items() if s not in (200, 409)))
    row("other failed answers (none, 4xx, timeouts)", "0", str(unexpected - fives), "-", unexpected - fives == 0)
    row("/q/health/live (req/s), the ceiling", "-", fmt(he), f"availability = {av / he:.2f} of it" if he else "-", None)
    row("/q/health/live p99 (ms)", "-", str(ms("health", "p99")), "-", None)
    row("/q/health/live, service CPU per request (ms)", "-", cpu_per("health", sum(statuses("health").values())), "-", None)
    row("pgbench, SQL of one availability read (tx/s)", "-", fmt(pg_read), "-", None)
    row("pgbench, one booking: apply + confirm transactions (bookings/s)", "-", fmt(pg_book), "-", None)
    head = ("figure", "target", "measured", "ratio", "met?")
    w = [max(len(r[i]) for r in rows + [head]) for i in range(5)]
    line = lambda r: "  ".join(str(x).ljust(w[i]) for i, x in enumerate(r)).rstrip()
    text = "\n".join([line(head), "  ".join("-" * n for n in w)] + [line(r) for r in rows]) + "\n"
    load = props(out / "load.properties")
    text += (f"\nmachine: {os.cpu_count()} cores, load average (1, 5, 15 min) {load.get('before', '?')} before the run, "
             f"{load.get('after', '?')} after it\n")
    (out / "table.txt").write_text(text)
    print(text, end="")


# ---------------------------------------------------------------------------------------------------- cleanup

def cleanup(quiet=False):
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    national = token("national-admin", "password")
    open_offices = []
    for page in range(0, 50):
        status, offices = call("GET", f"{RESERVATION}/api/offices?page={page}&size=100", national)
        if status != 200 or not offices:
            break
        open_offices += [o["id"] for o in offices if o["id"].startswith(OFFICE_PREFIX) and o.get("state") == "OPEN"]
        if len(offices) < 100:
            break
    for office in open_offices:
        # its staff settle what is still open, as they would on the phone: a counselor of the office, made for this
        password = secrets.token_urlsafe(18)
        name = f"{COUNSELOR_PREFIX}cleanup"
        delete_users([name])
        must((200,), call("POST", f"{KEYCLOAK}/admin/realms/{REALM}/partialImport", admin_token(),
                          {"ifResourceExists": "OVERWRITE", "users": [user(name, password, ["counselor"],
                                                                             {"office": [office]})]}), "cleanup counselor")
        staff = token(name, password)
        rows = psql(f"select id, state from reservation where office_id = '{office}' and state in "
                    f"('REQUESTED', 'CONFIRMED', 'AWAITING_RECONSENT')")

        def settle(r):
            rid, st = r
            if st == "REQUESTED":
                return call("POST", f"{RESERVATION}/api/staff/reservations/{rid}/reject", staff,
                            {"reason": "benchmark run ended"})[0]
            return call("POST", f"{RESERVATION}/api/staff/reservations/{rid}/cancellation", staff,
                        {"channel": "PHONE", "note": "benchmark run ended"})[0]

        results = parallel(settle, rows, workers=4)
        closed = call("DELETE", f"{RESERVATION}/api/offices/{office}", national)[0]
        say(f"suite: office {office}: {len(rows)} open bookings settled "
            f"({sum(1 for s in results if s == 200)} answered 200), closed ({closed})")
    status, found = call("GET", f"{KEYCLOAK}/admin/realms/{REALM}/users?search={OFFICE_PREFIX}&max=5000"
                                f"&briefRepresentation=true", admin_token())
    names = [u["username"] for u in found if u["username"].startswith((SEEKER_PREFIX, COUNSELOR_PREFIX))] \
        if status == 200 else []
    delete_users(names, found if status == 200 else None)
    if names:
        say(f"suite: {len(names)} bench users deleted")


def delete_users(names, found=None):
    if found is None:
        found = []
        for n in names:
            status, hit = call("GET", f"{KEYCLOAK}/admin/realms/{REALM}/users?exact=true&username={n}", admin_token())
            found += hit if status == 200 else []
    ids = [u["id"] for u in found if u["username"] in set(names)]
    parallel(lambda i: call("DELETE", f"{KEYCLOAK}/admin/realms/{REALM}/users/{i}", admin_token()), ids, workers=4)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("prepare", "verify", "report", "cleanup"):
        raise SystemExit(__doc__)
    {"prepare": lambda: prepare(sys.argv[2]), "verify": lambda: verify(sys.argv[2]),
     "report": lambda: report(sys.argv[2]), "cleanup": lambda: cleanup()}[sys.argv[1]]()
