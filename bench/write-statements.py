#!/usr/bin/env python3
"""Counts the statements reservation-service sends PostgreSQL for one application and one confirmation, against a
running ./madoguchi up (the same MADOGUCHI_* variables as the other benchmarks). Prints figures, asserts nothing.

It turns on PostgreSQL's statement log for the stack's cluster (ALTER SYSTEM, as the dev stack's superuser, whose
password is in the stack's state file), applies for a free Kaga slot as a demo seeker, confirms it as a demo
counselor, turns the log off again and cancels the booking. The service's transactions are then read from the log
per backend, BEGIN to COMMIT: the one that inserted the reservation is the application, the one that confirmed it the
confirmation. Each statement is one round trip (the Vert.x client pipelines nothing within a transaction).

  python3 bench/write-statements.py
"""
import importlib.util
import os
import re
import subprocess
import time
import uuid

from benchlib import STATE_DIR as STATE, stack_value

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("booking_bench", os.path.join(HERE, "booking-bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

LOG = os.path.join(STATE, "logs", "postgres.log")


def superuser_sql(sql):
    env = dict(os.environ, PGPASSWORD=stack_value("postgres.superpassword"))
    subprocess.run(["psql", "-q", "-h", stack_value("postgres.host"), "-p", stack_value("postgres.port"),
                    "-U", stack_value("postgres.superuser"), "-d", "postgres", "-c", sql], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def logging(on):
    if on:
        superuser_sql("ALTER SYSTEM SET log_statement = 'all'")
        superuser_sql("ALTER SYSTEM SET log_line_prefix = '%m [%p] %d '")
    else:
        superuser_sql("ALTER SYSTEM RESET log_statement")
        superuser_sql("ALTER SYSTEM RESET log_line_prefix")
    superuser_sql("SELECT pg_reload_conf()")
    time.sleep(1)  # every backend takes the reload at its next command


STATEMENT = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (\S+) LOG:  (?:statement|execute [^:]*): (.*)$")


def transactions(lines, database):
    """Per backend, the statements from BEGIN to COMMIT or ROLLBACK (those two not counted)."""
    open_tx, done = {}, []
    for line in lines:
        m = STATEMENT.match(line)
        if not m or m.group(2) != database:
            continue
        pid, sql = m.group(1), m.group(3).strip()
        head = sql.split()[0].upper() if sql else ""
        if head in ("BEGIN", "START"):
            open_tx[pid] = []
        elif head in ("COMMIT", "ROLLBACK"):
            if pid in open_tx:
                done.append(open_tx.pop(pid))
        elif pid in open_tx:
            open_tx[pid].append(sql)
    return done


def main():
    seeker, staff = bench.token("seeker-kaga"), bench.token("counselor-kaga")
    admin = bench.token("admin-kaga")
    _, office = bench.call("GET", f"{bench.RESERVATION}/api/offices/kaga", admin)
    policy = office["policy"]
    bench.call("PUT", f"{bench.RESERVATION}/api/offices/kaga/policy", admin,
               dict(policy, maxOpenRequests=50, maxApplicationsPerDay=100))
    today = bench.dt.date.today()
    _, slots = bench.call("GET", f"{bench.RESERVATION}/api/offices/kaga/availability?from={today}"
                                 f"&to={today + bench.dt.timedelta(days=40)}", seeker)
    start = slots[-1]["start"]
    body = {"officeId": "kaga", "name": "ベンチ 太郎", "seekerNumber": "17010-20260001", "preferredStarts": [start],
            "email": f"bench-{uuid.uuid4()}@example.jp", "phone": "0761-00-9999"}
    # warm: the office's kept rules are current, so the counts are those of a steady state
    offset = os.path.getsize(LOG)
    logging(True)
    try:
        status, applied = bench.call("POST", bench.RESERVATION + "/api/reservations", seeker, body)
        if status != 201:
            raise SystemExit(f"application refused ({status}): {applied}")
        status, confirmed = bench.call("POST", f"{bench.RESERVATION}/api/staff/reservations/{applied['id']}/confirm",
                                       staff, {})
        if status != 200:
            raise SystemExit(f"confirmation refused ({status}): {confirmed}")
        time.sleep(1)
    finally:
        logging(False)
        bench.call("POST", f"{bench.RESERVATION}/api/reservations/{applied['id']}/cancel", seeker)
        bench.call("PUT", f"{bench.RESERVATION}/api/offices/kaga/policy", admin, policy)
    with open(LOG, encoding="utf-8", errors="replace") as f:
        f.seek(offset)
        txs = transactions(f.read().splitlines(), "reservation")
    for name, marker in (("application", re.compile(r"insert into reservation", re.I)),
                         ("confirmation", re.compile(r"update reservation set .*", re.I))):
        tx = next((t for t in txs if any(marker.search(s) for s in t)), None)
        if tx is None:
            print(f"{name}: not found in the log")
            continue
        print(f"{name}: {len(tx)} statements between BEGIN and COMMIT")
        for s in tx:
            print("   ", s[:150])


if __name__ == "__main__":
    main()
