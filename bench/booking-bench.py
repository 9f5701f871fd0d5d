#!/usr/bin/env python3
"""Booking benchmark against the local suite (./madoguchi up): prints figures, asserts nothing.

What a user waits for, measured on this machine over loopback only:
  1. availability reads (GET /api/offices/kaga/availability), N requests at concurrency C;
  2. applications (POST /api/reservations), each into its own free slot, and the time until the
     acknowledgement email is in the SMTP inbox (outbox -> Kafka -> notification -> SMTP);
  3. confirmations by staff (POST .../confirm) and the time until the invitation email arrives
     (Kafka -> meeting provisioned -> Kafka -> notification -> SMTP).
The bookings it makes are cancelled at the end, so runs can repeat. Bounded: every loop has a count and a deadline.

  python3 bench/booking-bench.py [--reads 400] [--concurrency 8] [--bookings 20]

The write path at many concurrent bookers (README, "Performance: the write path"): --seekers N signs in N bench
seekers of Kaga (created once through Keycloak's admin API, as people about to register: no seeker number), so that
the office's per-person limits and lock are those of N people, not of the two demo users; --slots S puts the
bookings round the first S open slots, so that confirmations race for seats; --no-mail leaves the emails out (their
polling would load the machine more than the requests). It then prints the statuses, and checks that no slot got
more confirmations than seats.

  python3 bench/booking-bench.py --reads 0 --seekers 100 --concurrency 500 --bookings 500 --slots 100 --no-mail
"""
import argparse
import concurrent.futures as cf
import datetime as dt
import statistics
import time
import urllib.parse
import uuid

import os

from benchlib import call, stack_value

# the same port settings as ./madoguchi up (README: Ports and URLs)
KEYCLOAK = (f"http://localhost:{os.environ.get('MADOGUCHI_KEYCLOAK_PORT', '18180')}"
            "/realms/hellowork/protocol/openid-connect/token")
RESERVATION = f"http://localhost:{os.environ.get('MADOGUCHI_RESERVATION_PORT', '8081')}"
MAIL = f"http://localhost:{os.environ.get('MADOGUCHI_MAIL_API_PORT', '18025')}/api/messages"
KEYCLOAK_BASE = f"http://localhost:{os.environ.get('MADOGUCHI_KEYCLOAK_PORT', '18180')}"


def bench_seekers(n):
    """Kaga seekers bench-seeker-1..n (password "password"), created where missing, as the dev stack's Keycloak admin."""
    status, body = call("POST", KEYCLOAK_BASE + "/realms/master/protocol/openid-connect/token",
                        form={"grant_type": "password", "client_id": "admin-cli", "username": "admin",
                              "password": stack_value("secret.keycloak.admin")})
    if status != 200:
        raise SystemExit(f"no Keycloak admin token ({status})")
    admin = body["access_token"]
    users = KEYCLOAK_BASE + "/admin/realms/hellowork/users"
    _, role = call("GET", KEYCLOAK_BASE + "/admin/realms/hellowork/roles/seeker", admin)
    names = [f"bench-seeker-{i}" for i in range(1, n + 1)]
    for name in names:
        _, found = call("GET", users + "?exact=true&username=" + name, admin)
        if found:
            continue
        status, _ = call("POST", users, admin, {
            "username": name, "enabled": True, "emailVerified": True, "firstName": "太郎", "lastName": "ベンチ",
            "email": name + "@example.jp", "attributes": {"office": ["kaga"]},
            "credentials": [{"type": "password", "value": "password", "temporary": False}]})
        _, found = call("GET", users + "?exact=true&username=" + name, admin)
        call("POST", f"{users}/{found[0]['id']}/role-mappings/realm", admin, [role])
    return names


def token(user):
    status, body = call("POST", KEYCLOAK, form={"grant_type": "password", "client_id": "madoguchi-cli",
                                               "username": user, "password": "password"})
    if status != 200:
        raise SystemExit(f"no token for {user} ({status}): is the suite up? ./madoguchi up")
    return body["access_token"]


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def summary(name, millis, wall=None):
    if not millis:
        print(f"{name}: no samples")
        return
    s = sorted(millis)
    pct = lambda p: s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]
    line = (f"{name}: n={len(s)} p50={pct(50):.0f} ms p95={pct(95):.0f} ms p99={pct(99):.0f} ms max={s[-1]:.0f} ms "
            f"mean={statistics.mean(s):.0f} ms")
    if wall:
        line += f" throughput={len(s) / wall:.1f}/s"
    print(line)


def await_mail(address, subject_part, since, deadline_s=60):
    end = time.time() + deadline_s
    while time.time() < end:
        status, mails = call("GET", MAIL + "?to=" + urllib.parse.quote(address))
        if status == 200 and any(subject_part in (m.get("subject") or "") for m in mails):
            return (time.perf_counter() - since) * 1000
        time.sleep(0.05)
    return None


def service_cpu_seconds():
    """reservation-service's CPU time so far (user + system, from /proc), or None where it cannot be read: steadier
    than a latency on a machine that runs other things."""
    try:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "run",
                               "reservation-service.pid")) as f:
            pid = f.read().strip()
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def burst(name, request, items, expected, emails, subject_part, mail_name, concurrency, mail=True):
    """Sends one request per item at the given concurrency; each worker then waits for its own request's email, as
    the person who sent it would, so the time to the email runs from that request's start and is not held up by the
    rest of the burst. Prints both figures; returns (item, response body) of the accepted requests."""
    def one(i):
        t0 = time.perf_counter()
        status, body = request(i)
        end = time.perf_counter()
        waited = await_mail(emails[i], subject_part, t0) if mail and status == expected else None
        return i, (end - t0) * 1000, status, body, waited, t0, end

    cpu = service_cpu_seconds()
    with cf.ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, items))
    cpu = None if cpu is None or mail else service_cpu_seconds() - cpu
    # the requests' own throughput: from the first one sent to the last one answered, email waits aside
    wall = max(r[6] for r in results) - min(r[5] for r in results) if results else None
    ok = [r for r in results if r[2] == expected]
    summary(f"{name} (refused {len(results) - len(ok)})", [r[1] for r in ok], wall)
    statuses = {}
    for r in results:
        statuses[r[2]] = statuses.get(r[2], 0) + 1
    print(f"  statuses {dict(sorted(statuses.items()))}, 5xx {sum(n for s, n in statuses.items() if s >= 500)}"
          + (f", service CPU per request {cpu * 1000 / len(results):.1f} ms" if cpu is not None and results else ""))
    if mail:
        mails = [r[4] for r in ok]
        summary(f"{mail_name} (missing {mails.count(None)})", [m for m in mails if m is not None])
    return [(r[0], r[3]) for r in ok]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reads", type=int, default=400)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--bookings", type=int, default=20)
    ap.add_argument("--seekers", type=int, default=0, help="bench seekers instead of the two demo users")
    ap.add_argument("--slots", type=int, default=0, help="spread the bookings round this many slots (0: one each)")
    ap.add_argument("--no-mail", action="store_true", help="do not wait for the emails")
    args = ap.parse_args()

    people = bench_seekers(args.seekers) if args.seekers else ["seeker-kaga", "seeker2-kaga"]
    seekers = {u: token(u) for u in people}
    staff = token("counselor-kaga")
    # bench seekers are about to register: no number of the office's yet
    numbers = {"seeker-kaga": "17010-20260001", "seeker2-kaga": "17010-20260002"}
    today = dt.date.today()
    avail = (f"{RESERVATION}/api/offices/kaga/availability?from={today}&to={today + dt.timedelta(days=40)}")

    # 1. reads
    seeker = next(iter(seekers.values()))
    call("GET", avail, seeker)  # warm-up
    if args.reads == 0:
        return run_writes(args, seekers, staff, numbers, avail, seeker)
    start = time.perf_counter()
    with cf.ThreadPoolExecutor(args.concurrency) as pool:
        results = list(pool.map(lambda _: timed(call, "GET", avail, seeker), range(args.reads)))
    wall = time.perf_counter() - start
    errors = sum(1 for _, (status, _) in results if status != 200)
    summary(f"availability GET (concurrency {args.concurrency}, errors {errors})", [m for m, _ in results], wall)

    run_writes(args, seekers, staff, numbers, avail, seeker)


def run_writes(args, seekers, staff, numbers, avail, seeker):
    # 2. applications into distinct free slots, and the acknowledgement email. Two demo users apply far more often
    # than the office lets one person (its abuse limits): raise them for the run, put them back at the end.
    admin = token("admin-kaga")
    _, office = call("GET", f"{RESERVATION}/api/offices/kaga", admin)
    policy = office["policy"]
    call("PUT", f"{RESERVATION}/api/offices/kaga/policy", admin,
         dict(policy, maxOpenRequests=50, maxApplicationsPerDay=100))
    try:
        run_bookings(args, seekers, staff, numbers, avail, seeker)
    finally:
        call("PUT", f"{RESERVATION}/api/offices/kaga/policy", admin, policy)


def run_bookings(args, seekers, staff, numbers, avail, seeker):
    status, slots = call("GET", avail, seeker)
    if args.slots:
        free = {s["start"]: s["free"] for s in slots[2:2 + args.slots]}
        starts = [list(free)[i % len(free)] for i in range(args.bookings)]
    else:
        starts = [s["start"] for s in slots][2:2 + args.bookings]
    people = list(seekers)
    users = [people[i % len(people)] for i in range(len(starts))]
    emails = [f"bench-{uuid.uuid4()}@example.jp" for _ in starts]

    def apply(i):
        body = {"officeId": "kaga", "name": "ベンチ 太郎", "seekerNumber": numbers.get(users[i]),
                "preferredStarts": [starts[i]], "email": emails[i], "phone": "0761-00-9999"}
        return call("POST", RESERVATION + "/api/reservations", seekers[users[i]], body)

    mail = not args.no_mail
    applied = burst(f"apply POST (concurrency {args.concurrency})", apply, range(len(starts)), 201,
                    emails, "仮予約", "apply -> acknowledgement email", args.concurrency, mail)

    # 3. confirmations and the invitation email
    ids = {i: body["id"] for i, body in applied}
    counselor = {}
    if args.slots:
        # the calling counselor has one consultation at a time: the n-th booking of each slot goes to bench
        # counselor n (on Kaga's roster, put there by its admin), so seats, not one person's time, are raced for
        for n in range(-(-len(starts) // len(free))):
            call("PUT", f"{RESERVATION}/api/staff/counselors/bench-counselor-{n}", token("admin-kaga"), {})
        counselor = {i: {"counselorId": f"bench-counselor-{i // len(free)}"} for i in ids}
    confirmed = burst("confirm POST",
                      lambda i: call("POST", f"{RESERVATION}/api/staff/reservations/{ids[i]}/confirm", staff,
                                     counselor.get(i, {})),
                      list(ids), 200, emails, "本予約", "confirm -> invitation email", args.concurrency, mail)
    if args.slots:
        # no slot takes more confirmations than it had free seats
        per_slot = {}
        for i, _ in confirmed:
            per_slot[starts[i]] = per_slot.get(starts[i], 0) + 1
        over = {s: n for s, n in per_slot.items() if n > free[s]}
        print(f"  slots over their free seats: {len(over)} {over if over else ''}")

    # leave the slots free for the next run
    for i, reservation in ids.items():
        call("POST", f"{RESERVATION}/api/reservations/{reservation}/cancel", seekers[users[i]])


if __name__ == "__main__":
    main()
