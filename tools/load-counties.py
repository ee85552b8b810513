#!/usr/bin/env python3
"""Load test of issue 12: many county clerks enrolling and recording attendance at once.

Python standard library only (threads, http.client). Over a store made by
tools/prepare-load-store.py (a preset imported, planned, one account c<code>
per county and `office`, all with the same password), it

1. starts `xiangxing serve --db DB` on 127.0.0.1 (a free port), unless --url
   names a server already running over that store;
2. signs in N county clients (default: every county account of the store,
   `xiangxing user list`), each as its own county, and finds its training
   classes and which kind each belongs to (its enrolment lists);
3. for --seconds, each client loops (with --think-ms between requests):
   its county page → one of its classes → a class day's attendance grid →
   one person of that class: the edit form, then the edit posted with the
   form's revision (a new phone number, unique per edit), following the
   redirect to the enrolment list → the day's attendance posted (a new
   subset of the class ticked present);
4. counts, per kind of request, p50/p95/p99 and errors (any answer but
   2xx/3xx, or a socket error), the 409 answers ("someone else changed it")
   apart as expected conflicts;
5. after the run reads back, through the same pages, every edit and every
   attendance day the server acknowledged (the last acknowledged value of
   each person and class day) and counts those not there: **lost updates**,
   which must be 0;
6. prints a summary and writes --json.

With --per-county K (default 1) each county gets K clients (accounts
c<code>, c<code>-2 … are added to the store when missing), splitting the
county's classes (and so its people) between them: they share the county's
enrolment lists, so their edits race on the lists' revisions (409s), while
each person and class day still has one writer, which keeps the lost-update
check exact.

--office-pages N first times the office's pages (/office, /office/counties,
a county's page, /office/versions), N requests each, one after the other
(the national shape: `--clients 0 --office-pages 10`).

    swift build -c release
    python3 tools/prepare-load-store.py henan /tmp/henan.sqlite --force
    python3 tools/load-counties.py --db /tmp/henan.sqlite --seconds 60 --json /tmp/henan-60s.json

Nothing here prints a page body or personal data.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from loadkit import free_port, run

PASSWORD = "乡行-load-2019"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = ["county", "class", "grid", "person", "edit", "enrolment", "attendance"]

CSRF = re.compile(r'name="csrf" value="([^"]*)"')
REVISION = re.compile(r'name="revision" value="([^"]*)"')


class Client:
    """One signed-in person: a keep-alive connection and a cookie jar."""

    def __init__(self, host, port, timeout):
        self.host, self.port, self.timeout, self.cookies, self.conn = host, port, timeout, {}, None

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            body = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                # A kept-alive connection the server closed: once more on a new one, for a GET only
                # (a POST sent twice could count one edit twice).
                if attempt or method != "GET":
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        if (r.getheader("Connection") or "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, r.getheader("Location"), data.decode("utf-8", "replace")

    def login(self, username, password):
        status, _, page = self.request("GET", "/login")
        m = CSRF.search(page)
        if status != 200 or not m:
            raise RuntimeError(f"/login answered {status}")
        fields = {"csrf": m.group(1), "username": username, "password": password}
        status, location, _ = self.request("POST", "/login", fields)
        if status not in (302, 303):
            raise RuntimeError(f"sign-in of {username} answered {status}")
        return location


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = (len(sorted_values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def ms(v):
    return None if v is None else round(v * 1000, 1)


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return [float(x) for x in f.read().split()[:3]]
    except OSError:
        return None


def county_accounts(binary, db):
    """(name, county code) of every county account of the store."""
    out = run([binary, "user", "list", "--db", db, "--lang", "en"]).stdout
    accounts = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and re.fullmatch(r"[0-9A-Za-z]+", parts[2]) and parts[2] != "-" and parts[1] in ("county", "县区"):
            accounts.append((parts[0], parts[2]))
    return accounts


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = {k: [] for k in KINDS}
        self.errors = {k: 0 for k in KINDS}
        self.conflicts = {k: 0 for k in KINDS}
        self.error_samples = {}

    def merge(self, times, errors, conflicts, samples):
        with self.lock:
            for k in KINDS:
                self.times[k].extend(times[k])
                self.errors[k] += errors[k]
                self.conflicts[k] += conflicts[k]
            for key, v in samples.items():
                self.error_samples.setdefault(key, v)


class TimeUp(Exception):
    pass


class CountyClerk:
    """One county client: its classes, its loop, what the server acknowledged."""

    def __init__(self, name, code, part, parts, args, host, port):
        self.name, self.code, self.part, self.parts = name, code, part, parts
        self.args, self.c = args, Client(host, port, args.timeout)
        self.rng = random.Random(f"{code}/{part}")
        self.times = {k: [] for k in KINDS}
        self.errors = {k: 0 for k in KINDS}
        self.conflicts = {k: 0 for k in KINDS}
        self.samples = {}
        # (kind, key) → [acknowledged phone or None, phones of later unacknowledged attempts]
        self.edits = {}
        # (session, day) → [acknowledged set or None, sets of later unacknowledged attempts]
        self.days = {}
        self.acked_edits = self.acked_days = 0
        self.classes = []  # (session, kind)
        self.serial = 0
        self.deadline = float("inf")

    def setup(self):
        self.c.login(self.name, self.args.password)
        status, _, home = self.c.request("GET", f"/county/{self.code}")
        if status != 200:
            raise RuntimeError(f"county page answered {status}")
        kinds = sorted(set(re.findall(rf'href="/county/{self.code}/enrolment/([^"/?]+)"', home)))
        kind_of = {}
        for kind in kinds:
            status, _, page = self.c.request("GET", f"/county/{self.code}/enrolment/{kind}")
            if status != 200:
                raise RuntimeError(f"enrolment list {kind} answered {status}")
            for session in re.findall(rf'href="/county/{self.code}/classes/([^"/?@]+)"', page):
                kind_of.setdefault(urllib.parse.unquote(session), kind)
        ordered = [urllib.parse.unquote(s) for s in dict.fromkeys(re.findall(
            rf'href="/county/{self.code}/classes/([^"/?@]+)"', home))]
        mine = [s for s in ordered if s in kind_of]
        self.classes = [(s, kind_of[s]) for i, s in enumerate(mine) if i % self.parts == self.part]

    def timed(self, kind, method, path, body=None):
        if time.monotonic() >= self.deadline:
            raise TimeUp()  # no request starts after the run's end
        t0 = time.perf_counter()
        try:
            status, location, page = self.c.request(method, path, body)
        except Exception as e:  # noqa: BLE001 - counted, the run goes on
            status, location, page = -1, None, repr(e)[:120]
        dt = time.perf_counter() - t0
        if status == 409:
            self.conflicts[kind] += 1
        elif 200 <= status < 400:
            self.times[kind].append(dt)
        else:
            self.errors[kind] += 1
            self.samples.setdefault(f"{kind} {status}", re.sub(r"/county/\w+", "/county/…", path))
        if self.args.think_ms:
            time.sleep(self.args.think_ms / 1000 * self.rng.uniform(0.5, 1.5))
        return status, location, page

    def loop(self, deadline):
        self.deadline = deadline
        try:
            self._loop(deadline)
        except TimeUp:
            pass

    def _loop(self, deadline):
        i = 0
        while time.monotonic() < deadline and self.classes:
            session, kind = self.classes[i % len(self.classes)]
            i += 1
            base = f"/county/{self.code}/classes/{urllib.parse.quote(session)}"
            self.timed("county", "GET", f"/county/{self.code}")
            status, _, page = self.timed("class", "GET", base)
            if status != 200:
                continue
            days = re.findall(rf'href="{re.escape(base)}/days/(\d{{4}}-\d\d-\d\d)"', page)
            if not days:
                continue
            day = days[self.rng.randrange(len(days))]
            status, _, grid = self.timed("grid", "GET", f"{base}/days/{day}")
            if status != 200:
                continue
            keys = [int(k) for k in re.findall(r'<input type="checkbox" id="p(\d+)" name="p\d+"', grid)]
            m = CSRF.search(grid)
            if not keys or not m:
                continue
            csrf = m.group(1)

            # One person of the class: the edit form, posted with its revision.
            key = keys[self.rng.randrange(len(keys))]
            person = f"/county/{self.code}/enrolment/{kind}/people/{key}"
            status, _, form = self.timed("person", "GET", person)
            if status == 200:
                fields = form_fields(form, person)
                if fields is not None:
                    self.serial += 1
                    phone = new_phone(self.code, self.part, self.serial)
                    fields["phone"] = phone
                    entry = self.edits.setdefault((kind, key), [None, []])
                    status, location, _ = self.timed("edit", "POST", person, fields)
                    if status in (302, 303):
                        entry[0], entry[1] = phone, []
                        self.acked_edits += 1
                        if location:
                            self.timed("enrolment", "GET", urllib.parse.urlsplit(location)._replace(scheme="", netloc="").geturl())
                    elif status != 409:
                        entry[1].append(phone)

            # The day's attendance: a new subset ticked.
            present = {k for k in keys if self.rng.random() < 0.85}
            body = {"csrf": csrf, "action": "save"}
            body.update({f"p{k}": "1" for k in sorted(present)})
            entry = self.days.setdefault((session, day), [None, []])
            status, _, _ = self.timed("attendance", "POST", f"{base}/days/{day}", body)
            if 200 <= status < 300:
                entry[0], entry[1] = present, []
                self.acked_days += 1
            elif status != 409:
                entry[1].append(present)

    def verify(self):
        """Read back every acknowledged edit and day: (checked, lost, unsure)."""
        checked = lost = unsure = 0
        for (kind, key), (acked, later) in self.edits.items():
            if acked is None:
                continue
            checked += 1
            status, _, form = self.c.request("GET", f"/county/{self.code}/enrolment/{kind}/people/{key}")
            fields = form_fields(form, f"/county/{self.code}/enrolment/{kind}/people/{key}") if status == 200 else None
            value = fields.get("phone") if fields else None
            if value == acked:
                continue
            if value in later:
                unsure += 1  # a later post whose answer never came was applied: not lost
            else:
                lost += 1
        checked_days = lost_days = unsure_days = 0
        for (session, day), (acked, later) in self.days.items():
            if acked is None:
                continue
            checked_days += 1
            status, _, grid = self.c.request("GET", f"/county/{self.code}/classes/{urllib.parse.quote(session)}/days/{day}")
            ticked = {int(m.group(1)) for m in re.finditer(r'<input type="checkbox" id="p(\d+)"[^>]*>', grid)
                      if re.search(r"\schecked\b", m.group(0))}
            if status == 200 and ticked == acked:
                continue
            if status == 200 and ticked in later:
                unsure_days += 1
            else:
                lost_days += 1
        return checked, lost, unsure, checked_days, lost_days, unsure_days


def form_fields(page, action):
    """The fields of the post form whose action is `action` (the person's edit form)."""
    m = re.search(rf'<form method="post" action="{re.escape(action)}"[^>]*>(.*?)</form>', page, re.S)
    if not m:
        return None
    body = m.group(1)
    fields = {}
    for tag in re.findall(r"<input\b[^>]*>", body):
        if " disabled" in tag:
            continue
        name = re.search(r'name="([^"]*)"', tag)
        if not name:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = html_unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]*)">(.*?)</select>', body, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options) or re.search(r'<option value="([^"]*)"', options)
        fields[name] = html_unescape(chosen.group(1)) if chosen else ""
    return fields


def html_unescape(s):
    import html
    return html.unescape(s)


def new_phone(code, part, serial):
    """A mobile number unique to this client and edit (1 3x xxxx xxxx)."""
    n = (int(re.sub(r"\D", "", code) or "0") * 97 + part * 7_919 + serial * 104_729) % 100_000_000
    return f"13{(serial + part) % 10}{n:08d}"


def office_pages(host, port, args, county):
    """The office's pages, one request at a time; the first of the first page builds the server's caches."""
    c = Client(host, port, args.timeout)
    c.login(args.office, args.password)
    pages = [("/office/counties", "/office/counties"), ("/office", "/office"), ("/county/CODE", None),
             ("/office/versions", "/office/versions"), ("/office/versions/A/diff/B", None)]
    figures = {}
    print(f"office pages, {args.office_pages} requests each, one at a time (the first request of the first page is cold):")
    print(f"{'page':28} {'n':>3} {'failed':>6} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>6}")
    for label, path in pages:
        if label == "/county/CODE":
            path = f"/county/{county}" if county else None
        if path is None:
            continue
        times, failed, size, first = [], 0, 0, None
        for _ in range(args.office_pages):
            t0 = time.perf_counter()
            try:
                status, _, body = c.request("GET", path)
            except Exception:  # noqa: BLE001
                status, body = -1, ""
            dt = time.perf_counter() - t0
            first = dt if first is None else first
            if status == 200:
                times.append(dt)
                size = len(body.encode())
            else:
                failed += 1
        if label == "/office/counties" and county is None:  # no county accounts (the national shape)
            found = re.search(r'href="/county/([0-9A-Za-z]+)"', body)
            county = found.group(1) if found else None
        if label == "/office/versions":
            found = re.search(r'href="(/office/versions/\d+/diff/\d+)"', body)
            pages[-1] = (pages[-1][0], found.group(1) if found else None)
        s = sorted(times)
        row = {"requests": args.office_pages, "failed": failed, "first_ms": ms(first), "p50_ms": ms(percentile(s, 50)),
               "p95_ms": ms(percentile(s, 95)), "max_ms": ms(s[-1] if s else None), "kib": round(size / 1024)}
        figures[label] = row
        print(f"{label:28} {row['requests']:>3} {failed:>6} {row['first_ms']!s:>9} {row['p50_ms']!s:>8} "
              f"{row['p95_ms']!s:>8} {row['max_ms']!s:>8} {row['kib']:>6}")
    return figures


def server_peak_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        return None
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/xiangxing"))
    ap.add_argument("--db", required=True, help="the store (SQLite file or postgres://…?city=NAME), prepared")
    ap.add_argument("--url", help="a server already running over --db (default: start `serve` here)")
    ap.add_argument("--today", default="2019-09-01", help="serve --today (default 2019-09-01)")
    ap.add_argument("--clients", type=int, help="county clients (default: every county account × --per-county)")
    ap.add_argument("--per-county", type=int, default=1, help="clients per county (default 1)")
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--think-ms", type=float, default=0, help="mean pause after each request (default 0)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a request counts as failed (default 300)")
    ap.add_argument("--sign-in-at-once", type=int, default=4, help="clients signing in at the same time (default 4)")
    ap.add_argument("--password", default=PASSWORD)
    ap.add_argument("--office", default="office", help="the office account (for --office-pages)")
    ap.add_argument("--office-pages", type=int, default=0, help="time the office's pages first, N requests each")
    ap.add_argument("--json", help="write the figures here too")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: no such program; build it with `swift build -c release` or give --binary")
    accounts = county_accounts(binary, args.db)
    if not accounts and (args.clients is None or args.clients > 0):
        sys.exit(f"{args.db} has no county accounts: make the store with tools/prepare-load-store.py")
    by_county = {}
    for name, code in accounts:
        by_county.setdefault(code, []).append(name)
    names = {name for name, _ in accounts}
    clerks = []  # (name, code, part)
    for code in sorted(by_county):
        own = sorted(by_county[code], key=lambda n: (len(n), n))
        for part in range(args.per_county):
            name = own[part] if part < len(own) else f"c{code}-{part + 1}"
            if name not in names:
                run([binary, "user", "add", name, "--role", "county", "--county", code, "--db", args.db, "--lang", "en"],
                    input=args.password + "\n")
            clerks.append((name, code, part))
    if args.clients is not None:
        clerks = clerks[:args.clients]

    work = tempfile.mkdtemp(prefix="xiangxing-load-counties-")
    server = None
    figures = {"db": args.db if "://" not in args.db else args.db.split("@")[-1],
               "backend": "postgres" if args.db.startswith("postgres") else "sqlite",
               "clients": len(clerks), "per_county": args.per_county, "think_ms": args.think_ms,
               "load_before": load_average(), "cores": os.cpu_count()}
    try:
        if args.url:
            u = urllib.parse.urlsplit(args.url)
            host, port = u.hostname, u.port or 80
        else:
            host, port = "127.0.0.1", free_port()
            log = open(os.path.join(work, "serve.log"), "w")
            server = subprocess.Popen([binary, "serve", "--db", args.db, "--port", str(port), "--host", host,
                                       "--today", args.today], stdout=log, stderr=subprocess.STDOUT)
            for _ in range(600):
                try:
                    socket.create_connection((host, port), timeout=1).close()
                    break
                except OSError:
                    if server.poll() is not None:
                        sys.exit("the server stopped:\n" + open(os.path.join(work, "serve.log")).read()[-2000:])
                    time.sleep(0.1)
            else:
                sys.exit("the server did not start")
        print(f"{len(clerks)} county clients ({args.per_county} per county), {args.seconds:.0f} s, think {args.think_ms:.0f} ms, "
              f"against {host}:{port} ({figures['backend']}); load average before {figures['load_before']}")

        if args.office_pages:
            first_county = sorted(by_county)[0] if by_county else None
            figures["office_pages"] = office_pages(host, port, args, first_county)

        if clerks:
            stats = Stats()
            people = [CountyClerk(name, code, part, args.per_county, args, host, port) for name, code, part in clerks]
            setup_failed = []
            deadline = [0.0, 0.0]

            def open_gate():  # run once, when every client has signed in, before any is let go
                deadline[1] = time.monotonic()
                deadline[0] = deadline[1] + args.seconds

            gate = threading.Barrier(len(people) + 1, action=open_gate)

            signing_in = threading.Semaphore(max(1, args.sign_in_at_once))

            def body(p):
                try:
                    # Signing in hashes the password (about a second of CPU on a busy machine):
                    # a few at a time, with a long timeout; this is not measured.
                    with signing_in:
                        p.c.timeout = max(args.timeout, 900)
                        p.setup()
                        p.c.timeout = args.timeout
                        if p.c.conn is not None:
                            p.c.conn.timeout = args.timeout
                            if p.c.conn.sock is not None:
                                p.c.conn.sock.settimeout(args.timeout)
                except Exception as e:  # noqa: BLE001 - reported, the run goes on
                    setup_failed.append(f"{p.name}: {e!r}"[:200])
                    p.classes = []
                gate.wait()
                p.loop(deadline[0])
                stats.merge(p.times, p.errors, p.conflicts, p.samples)

            t_setup = time.monotonic()
            print(f"signing in {len(people)} clients, {args.sign_in_at_once} at a time …", flush=True)
            threads = [threading.Thread(target=body, args=(p,), daemon=True) for p in people]
            for t in threads:
                t.start()
            gate.wait()
            began = deadline[1]
            figures["setup_seconds"] = round(began - t_setup, 1)
            print(f"signed in after {figures['setup_seconds']} s; running {args.seconds:.0f} s (requests under way at the end are "
                  f"waited for, up to --timeout) …", flush=True)
            for t in threads:
                t.join()
            elapsed = time.monotonic() - began
            figures["load_after"] = load_average()
            figures["seconds"] = round(elapsed, 1)
            if setup_failed:
                print(f"{len(setup_failed)} clients could not start:", setup_failed[:5])
            figures["setup_failed"] = setup_failed

            rows = {}
            total_ok = total_err = total_conf = 0
            print(f"{'request':12} {'count':>8} {'req/s':>7} {'errors':>6} {'409':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
            for k in KINDS + ["all"]:
                if k == "all":
                    values = sorted(v for kk in KINDS for v in stats.times[kk])
                    err, conf = total_err, total_conf
                else:
                    values = sorted(stats.times[k])
                    err, conf = stats.errors[k], stats.conflicts[k]
                    total_err += err
                    total_conf += conf
                n = len(values) + err + conf
                if k != "all":
                    total_ok += len(values)
                row = {"requests": n, "per_second": round(n / elapsed, 1), "errors": err, "conflicts_409": conf,
                       "p50_ms": ms(percentile(values, 50)), "p95_ms": ms(percentile(values, 95)),
                       "p99_ms": ms(percentile(values, 99)), "max_ms": ms(values[-1] if values else None)}
                rows[k] = row
                print(f"{k:12} {n:>8} {row['per_second']:>7} {err:>6} {conf:>5} {row['p50_ms']!s:>8} {row['p95_ms']!s:>8} "
                      f"{row['p99_ms']!s:>8} {row['max_ms']!s:>8}")
            figures["requests"] = rows
            if stats.error_samples:
                print("errors:", json.dumps(stats.error_samples, ensure_ascii=False))
            figures["error_samples"] = stats.error_samples

            # Lost updates: everything acknowledged, read back after the run. One read first, alone
            # (after the last write the server rebuilds what it caches once), then a few clients at a time.
            t0 = time.monotonic()
            results = [None] * len(people)
            unreadable = []
            for p in people:
                p.c.timeout = max(args.timeout, 900)
                if p.c.conn is not None:
                    p.c.conn.close()
                    p.c.conn = None
            warm = next((p for p in people if p.classes), None)
            if warm is not None:
                try:
                    warm.c.request("GET", f"/county/{warm.code}")
                except Exception:  # noqa: BLE001 - the checks below say what could not be read
                    pass
            checking = threading.Semaphore(4)

            def check(i, p):
                with checking:
                    try:
                        results[i] = p.verify()
                    except Exception as e:  # noqa: BLE001 - counted: a read-back that failed proves nothing
                        unreadable.append(f"{p.name}: {e!r}"[:160])

            checkers = [threading.Thread(target=check, args=(i, p)) for i, p in enumerate(people)]
            for t in checkers:
                t.start()
            for t in checkers:
                t.join()
            sums = [sum(r[j] for r in results if r) for j in range(6)]
            acked_edits = sum(p.acked_edits for p in people)
            acked_days = sum(p.acked_days for p in people)
            figures["lost_updates"] = {
                "edits_acknowledged": acked_edits, "people_checked": sums[0], "people_lost": sums[1],
                "people_unsure": sums[2], "attendance_acknowledged": acked_days, "class_days_checked": sums[3],
                "class_days_lost": sums[4], "class_days_unsure": sums[5], "clients_not_checked": len(unreadable),
                "check_seconds": round(time.monotonic() - t0, 1)}
            if unreadable:
                print(f"{len(unreadable)} clients' edits could not be read back:", unreadable[:3])
            lu = figures["lost_updates"]
            print(f"lost updates: {lu['people_lost']} of {lu['people_checked']} people edited ({acked_edits} edits acknowledged), "
                  f"{lu['class_days_lost']} of {lu['class_days_checked']} class days ({acked_days} saves acknowledged)"
                  + (f"; unsure (a request whose answer never came was applied): {lu['people_unsure']} people, "
                     f"{lu['class_days_unsure']} days" if lu["people_unsure"] or lu["class_days_unsure"] else ""))
        if server is not None:
            figures["server_peak_mib"] = server_peak_mib(server.pid)
            print(f"server peak resident memory {figures['server_peak_mib']} MiB; load average after {load_average()}")
        if args.json:
            with open(args.json, "w") as f:
                json.dump(figures, f, ensure_ascii=False, indent=1)
        lost = figures.get("lost_updates", {})
        if lost.get("people_lost") or lost.get("class_days_lost"):
            sys.exit(1)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            if os.environ.get("XIANGXING_KEEP_LOG"):
                shutil.copy(os.path.join(work, "serve.log"), os.environ["XIANGXING_KEEP_LOG"])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
