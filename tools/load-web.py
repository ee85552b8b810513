#!/usr/bin/env python3
"""Load test of `xiangxing serve`: county clerks and trainers at once.

Python standard library only (threads, http.client). It

1. makes a fresh store from the demo (`xiangxing import` + `plan`) in a
   temporary folder, unless --db names one already planned;
2. creates the accounts with `xiangxing user add` (password on standard
   input): --clerks county clerks spread over the 17 counties (two for the
   first ones when there are more than 17) and --trainers trainers T001…;
3. starts `xiangxing serve` on 127.0.0.1 (a free port) over that store;
4. logs every account in, each in its own thread with its own cookie jar,
   finds its pages (the links under its own /county/CODE/ or /trainer/ID/
   prefix on its home page, HTML only, downloads left out except the
   trainer's itinerary PDF) and loops over them until --seconds are up;
5. prints p50/p95/p99 page time per role and overall, requests and failed
   requests (anything but 200, or a socket error), then the enrolment race
   (--race): two clerks of one county post the same class's enrolment edit
   at once from the same form; the server must take one and tell the other
   (409), never take both silently.

    swift build -c release
    python3 tools/load-web.py --binary .build/release/xiangxing --seconds 60

Nothing here prints a page body; accounts' passwords are generated.
"""
import argparse
import http.client
import html.parser
import json
import os
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


class Links(html.parser.HTMLParser):
    """The hrefs of a page, and the fields of its forms (for the race)."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.forms, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        elif tag == "form":
            self._form = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(), "fields": {}}
            self.forms.append(self._form)
        elif tag == "select" and self._form is not None and a.get("name"):
            self._select = a["name"]
            self._form["fields"].pop(a["name"], None)
        elif tag == "option" and self._form is not None and self._select:
            # A browser sends the selected option, else the first.
            if self._select not in self._form["fields"] or "selected" in a:
                self._form["fields"][self._select] = a.get("value", "")
        elif tag in ("input", "textarea") and self._form is not None and a.get("name"):
            if tag == "input" and a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if "disabled" in a:
                return
            self._form["fields"][a["name"]] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


class Client:
    """One logged-in person: a connection and a cookie jar."""

    def __init__(self, port):
        self.port, self.cookies, self.conn = port, {}, None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            body = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, r.getheader("Location"), data

    def form_fields(self, path):
        status, _, data = self.request("GET", path)
        p = Links()
        p.feed(data.decode("utf-8", "replace"))
        return status, p

    def login(self, username):
        _, page = self.form_fields("/login")
        fields = {}
        for f in page.forms:
            if "password" in f["fields"] or f["action"].endswith("/login"):
                fields = dict(f["fields"])
        fields.update(username=username, password=PASSWORD)
        status, location, _ = self.request("POST", "/login", fields)
        if status not in (302, 303):
            raise RuntimeError(f"login of {username} answered {status}")
        return location


def pages_of(client, home, prefix, limit):
    status, links = client.form_fields(home)
    if status != 200:
        raise RuntimeError(f"{home} answered {status}")
    found = [home]
    for h in links.hrefs:
        path = urllib.parse.urlsplit(h).path
        if not path.startswith(prefix) or path in found:
            continue
        if re.search(r"\.(pdf|xlsx|csv|zip|ics)$", path) and not path.endswith("/itinerary.pdf"):
            continue
        found.append(path)
        if len(found) >= limit:
            break
    return found


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = (len(sorted_values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=".build/release/xiangxing")
    ap.add_argument("--scenario", default="scenarios/nanyang-2019")
    ap.add_argument("--db", help="a store already imported and planned (default: a fresh one from the demo)")
    ap.add_argument("--clerks", type=int, default=20)
    ap.add_argument("--trainers", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--pages", type=int, default=12, help="at most this many pages per person")
    ap.add_argument("--race", action="store_true", help="also two clerks editing one class's enrolment at once")
    ap.add_argument("--json", help="write the figures here too")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="xiangxing-load-")
    db = args.db or os.path.join(work, "load.sqlite")
    server = None
    try:
        if not args.db:
            run([binary, "import", args.scenario, "--db", db])
            run([binary, "plan", "--out", os.path.join(work, "plan-v1"), "--db", db])
        with open(os.path.join(args.scenario, "counties.csv"), encoding="utf-8-sig") as f:
            counties = [line.split(",")[0] for line in f.read().splitlines()[1:] if line.strip()]
        accounts = []
        for i in range(args.clerks):
            code = counties[i % len(counties)]
            accounts.append(("county", f"clerk{i + 1:02d}", code, ["--role", "county", "--county", code]))
        for i in range(args.trainers):
            t = f"T{i + 1:03d}"
            accounts.append(("trainer", f"trainer{i + 1:03d}", t, ["--role", "trainer", "--trainer", t]))
        for role, name, _, opts in accounts:
            run([binary, "user", "add", name, *opts, "--db", db], input=PASSWORD + "\n")

        port = free_port()
        log = open(os.path.join(work, "serve.log"), "w")
        server = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port), "--host", "127.0.0.1"],
                                  stdout=log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("the server did not start")

        lock = threading.Lock()
        times = {"county": [], "trainer": []}
        failures = {"county": 0, "trainer": 0}
        failed_paths = {}
        start_gate = threading.Barrier(len(accounts) + 1)
        deadline = [0.0]

        def person(role, name, key):
            c = Client(port)
            try:
                c.login(name)
                prefix = f"/county/{key}/" if role == "county" else f"/trainer/{key}"
                home = f"/county/{key}" if role == "county" else f"/trainer/{key}"
                pages = pages_of(c, home, prefix, args.pages)
            except Exception as e:  # noqa: BLE001 - counted, the run goes on
                with lock:
                    failures[role] += 1
                    failed_paths[f"login/{role}"] = repr(e)[:200]
                start_gate.wait()
                return
            start_gate.wait()
            i = 0
            mine, bad = [], 0
            while time.monotonic() < deadline[0]:
                path = pages[i % len(pages)]
                i += 1
                t0 = time.perf_counter()
                try:
                    status, _, _ = c.request("GET", path)
                except Exception:  # noqa: BLE001
                    status = -1
                dt = time.perf_counter() - t0
                # A menu link may answer with a redirect (/county/CODE/enrolment → its first kind): that is an answer.
                if status in (200, 302, 303):
                    mine.append(dt)
                else:
                    bad += 1
                    with lock:
                        failed_paths[re.sub(r"/(T\d+|\d{6})", "/…", path)] = status
            with lock:
                times[role].extend(mine)
                failures[role] += bad

        threads = [threading.Thread(target=person, args=(r, n, k), daemon=True) for r, n, k, _ in accounts]
        for t in threads:
            t.start()
        start_gate.wait()
        began = time.monotonic()
        deadline[0] = began + args.seconds
        for t in threads:
            t.join()
        elapsed = time.monotonic() - began

        figures = {"seconds": round(elapsed, 1), "clerks": args.clerks, "trainers": args.trainers, "roles": {}}
        print(f"{args.clerks} clerks + {args.trainers} trainers, {elapsed:.1f} s on 127.0.0.1:{port}")
        print(f"{'role':8} {'requests':>9} {'failed':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for role in ("county", "trainer", "all"):
            values = sorted(times["county"] + times["trainer"]) if role == "all" else sorted(times[role])
            failed = failures["county"] + failures["trainer"] if role == "all" else failures[role]
            row = {"requests": len(values) + failed, "failed": failed,
                   "p50_ms": round(percentile(values, 50) * 1000, 1), "p95_ms": round(percentile(values, 95) * 1000, 1),
                   "p99_ms": round(percentile(values, 99) * 1000, 1)}
            figures["roles"][role] = row
            print(f"{role:8} {row['requests']:>9} {failed:>7} {row['requests'] / elapsed:>7.1f} "
                  f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8}")
        if failed_paths:
            print("failed:", json.dumps(failed_paths, ensure_ascii=False))
        figures["failed_paths"] = failed_paths

        if args.race:
            figures["race"] = race(port, accounts)
        if args.json:
            with open(args.json, "w") as f:
                json.dump(figures, f, ensure_ascii=False, indent=1)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(work, ignore_errors=True)


def race(port, accounts):
    """Two clerks of one county open the same person's edit form and post it at once."""
    by_county = {}
    for role, name, key, _ in accounts:
        if role == "county":
            by_county.setdefault(key, []).append(name)
    pair = next(((k, v[:2]) for k, v in by_county.items() if len(v) >= 2), None)
    if pair is None:
        print("race: no county has two clerks (use --clerks 18 or more)")
        return {"done": False, "why": "no county with two clerks"}
    code, names = pair
    a, b = Client(port), Client(port)
    a.login(names[0])
    b.login(names[1])
    # The enrolment edit form of the county's first class, as the county pages link it.
    form_path = None
    try:
        county_pages = pages_of(a, f"/county/{code}", f"/county/{code}/", 60)
    except RuntimeError as e:
        print(f"race: the county's pages are not there ({e}): the county helper's enrolment edit is not on this build")
        return {"done": False, "why": str(e)}
    # The enrolment page of each kind the county page links; a person's edit page is a GET form there (修改/退出).
    candidates = list(county_pages)
    for path in county_pages:
        _, p = a.form_fields(path)
        candidates += [urllib.parse.urlsplit(h).path for h in p.hrefs
                       if re.search(rf"^/county/{re.escape(code)}/enrolment/[^/]+$", urllib.parse.urlsplit(h).path)]
    for path in candidates:
        _, p = a.form_fields(path)
        targets = [h for h in p.hrefs] + [f["action"] for f in p.forms if f["method"] == "get"]
        for h in targets:
            if re.search(r"/edit$|/people/[^/]+$", h) and h.startswith(f"/county/{code}/"):
                form_path = urllib.parse.urlsplit(h).path
                break
        if form_path:
            break
    if not form_path:
        print("race: no enrolment edit form found on the county's pages (the county helper's edit is not there)")
        return {"done": False, "why": "no edit form"}
    forms = []
    for c in (a, b):
        _, p = c.form_fields(form_path)
        # The edit form itself (it carries the revision), not the header's 退出 form.
        f = next((f for f in p.forms if f["method"] == "post" and "revision" in f["fields"]
                  and "withdraw" not in f["action"]), None)
        if f is None:
            print(f"race: {form_path} has no post form")
            return {"done": False, "why": "no post form"}
        forms.append((c, f))
    results = [None, None]
    gate = threading.Barrier(2)

    def post(i, c, f):
        fields = dict(f["fields"])
        if "name" in fields:
            fields["name"] = fields["name"] + ("甲" if i == 0 else "乙")
        gate.wait()
        action = urllib.parse.urljoin(form_path, f["action"] or form_path)
        results[i] = c.request("POST", urllib.parse.urlsplit(action).path, fields)[0]

    ts = [threading.Thread(target=post, args=(i, c, f)) for i, (c, f) in enumerate(forms)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    ok = sorted(results)
    told = any(s == 409 for s in ok) and any(s in (200, 302, 303) for s in ok)
    print(f"race: {form_path.replace(code, '…')}: answers {results} → {'one taken, the other told (409)' if told else 'NOT as expected'}")
    return {"done": True, "answers": results, "second_told": told}


if __name__ == "__main__":
    main()
