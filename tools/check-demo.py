#!/usr/bin/env python3
"""Sanity checks for the bundled demo scenarios (stdlib only).

    python3 tools/check-demo.py [--plan]

Checks what tools/make-demo.py promises: GB 11643 check digits, no person
enrolled twice for one kind, every reference resolves, attendee counts fit
the classes, a big enough venue in every county, valid-looking iCalendar
files (CRLF, VERSION, PRODID, UID, DTSTAMP, folded lines). With --plan it
also runs a small greedy planner (rules 1-5 and 7 of SCENARIO.md) to show
the big scenario is mostly plannable. Exit status 1 on any failure.
"""
import csv
import datetime as dt
import io
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "scenarios" / "nanyang-2019"
GB = ROOT / "scenarios" / "nanyang-2019-gb18030"
D = dt.date.fromisoformat
errors = []


def fail(msg):
    errors.append(msg)


ALIASES = {
    "键": "key", "值": "value", "代码": "code", "名称": "name", "纬度": "lat", "经度": "lon",
    "类别": "category", "天数": "days", "最少人数": "min_seats", "最多人数": "max_seats",
    "讲师人数": "trainers", "周末": "weekends", "编号": "id", "所属县区": "county", "地址": "address",
    "座位数": "seats", "姓名": "name", "常驻县区": "home_county", "资质": "qualifications",
    "每月最多天数": "max_days_per_month", "联系电话": "phone", "课程": "kind", "期数": "classes",
    "最早日期": "earliest", "最晚日期": "latest", "身份证号": "id_number", "性别": "gender",
    "乡镇": "township", "创业项目": "project", "拼音": "pinyin",
}
VALUES = {"培训": "training", "指导": "mentoring", "是": "yes", "否": "no"}


def read(folder, name, required=True):
    p = folder / name
    if not p.exists():
        if required:
            fail(f"{p}: missing")
        return []
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    head = [ALIASES.get(h, h) for h in rows[0]]
    return [{h: VALUES.get(v, v) for h, v in zip(head, r)} for r in rows[1:]]


# ------------------------------------------------------------- checks
def id_ok(n):
    if not re.fullmatch(r"\d{17}[\dX]", n):
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * x for c, x in zip(n, w)) % 11] == n[17]


ZONE_AREA = {"NY-GX": {"411303", "411302"}, "NY-SF": {"411303", "411302"},
             "NY-GZ": {"411303", "411302"}, "NY-YH": {"411303", "411302"}}


def check_ics(path):
    raw = path.read_bytes()
    if re.search(rb"(?<!\r)\n", raw):
        fail(f"{path}: bare LF (lines must end CRLF)")
    for i, line in enumerate(raw.split(b"\r\n"), 1):
        if len(line) > 75:
            fail(f"{path}:{i}: line longer than 75 octets")
    text = raw.decode("utf-8").replace("\r\n ", "")
    lines = text.split("\r\n")
    for need in ("BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"):
        if need not in lines:
            fail(f"{path}: no {need}")
    if not any(l.startswith("PRODID:") for l in lines):
        fail(f"{path}: no PRODID")
    tzids = set(re.findall(r"TZID=([^:;]+)", text))
    defined = set(re.findall(r"^TZID:([^\r\n]+)", text, re.M))
    if tzids - defined:
        fail(f"{path}: TZID without VTIMEZONE: {tzids - defined}")
    for ev in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        for prop in ("UID:", "DTSTAMP:", "DTSTART"):
            if not re.search("^" + prop, ev, re.M):
                fail(f"{path}: VEVENT without {prop}")
    return text


def check(folder, big):
    name = folder.name
    sc = {r["key"]: r["value"] for r in read(folder, "scenario.csv")}
    for k in ("name", "start", "end", "holidays", "max_evening_travel_minutes", "road_factor",
              "road_kmh"):
        if k not in sc:
            fail(f"{name}/scenario.csv: no key {k}")
    counties = {r["code"]: r for r in read(folder, "counties.csv")}
    by_name = {r["name"]: c for c, r in counties.items()}
    kinds = {r["code"]: r for r in read(folder, "kinds.csv")}
    venues = read(folder, "venues.csv")
    trainers = read(folder, "trainers.csv")
    demand = read(folder, "demand.csv")
    tours = {r["id"]: r for r in read(folder, "tours.csv", False)}
    stops = read(folder, "stops.csv", bool(tours))
    blackouts = read(folder, "blackouts.csv", False)
    attendees = read(folder, "attendees.csv", False)
    travel = read(folder, "travel.csv", False)

    def county(c, where):
        c = by_name.get(c, c)
        if c not in counties:
            fail(f"{name}/{where}: unknown county {c}")
        return c

    for k in kinds.values():
        if k["category"] not in ("training", "mentoring") or k["weekends"] not in ("yes", "no"):
            fail(f"{name}/kinds.csv: bad row {k}")
    for v in venues:
        county(v["county"], "venues.csv")
        if v.get("calendar") and not (folder / v["calendar"]).exists():
            fail(f"{name}/venues.csv: missing {v['calendar']}")
    for t in trainers:
        county(t["home_county"], "trainers.csv")
        for q in t["qualifications"].split(";"):
            if q not in kinds:
                fail(f"{name}/trainers.csv: {t['id']} unknown kind {q}")
        if t.get("calendar") and not (folder / t["calendar"]).exists():
            fail(f"{name}/trainers.csv: missing {t['calendar']}")
        if not re.fullmatch(r"1[358]\d{9}", t.get("phone", "")):
            fail(f"{name}/trainers.csv: bad phone {t.get('phone')}")
    classes = {}
    for d in demand:
        c = county(d["county"], "demand.csv")
        k = kinds.get(d["kind"])
        if not k or k["category"] != "training":
            fail(f"{name}/demand.csv: {d['id']} kind {d['kind']} is not a training kind")
        if not (D(sc["start"]) <= D(d["earliest"]) <= D(d["latest"]) <= D(sc["end"])):
            fail(f"{name}/demand.csv: {d['id']} window outside the period")
        classes[(c, d["kind"])] = classes.get((c, d["kind"]), 0) + int(d["classes"])
    for s in stops:
        county(s["county"], "stops.csv")
        if s["tour"] not in tours:
            fail(f"{name}/stops.csv: unknown tour {s['tour']}")
    for t in tours.values():
        if kinds.get(t["kind"], {}).get("category") != "mentoring":
            fail(f"{name}/tours.csv: {t['id']} kind is not mentoring")
    for b in blackouts:
        if b["county"] != "*":
            county(b["county"], "blackouts.csv")
    for r in travel:
        county(r["from"], "travel.csv"), county(r["to"], "travel.csv")

    # attendees
    seen, person, count = set(), {}, {}
    for a in attendees:
        n = a["id_number"]
        c = county(a["county"], "attendees.csv")
        if not id_ok(n):
            fail(f"{name}/attendees.csv: bad check digit {n}")
        area_ok = n[:6] == c or n[:6] in ZONE_AREA.get(c, ())
        if not area_ok:
            fail(f"{name}/attendees.csv: {n} area code does not match {c}")
        try:
            birth = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
            if not 1965 <= birth.year <= 2000:
                fail(f"{name}/attendees.csv: {n} born {birth}")
        except ValueError:
            fail(f"{name}/attendees.csv: {n} bad birth date")
        if (int(n[16]) % 2 == 1) != (a["gender"] == "男"):
            fail(f"{name}/attendees.csv: {n} gender parity")
        if (n, a["kind"]) in seen:
            fail(f"{name}/attendees.csv: {n} enrolled twice for {a['kind']}")
        seen.add((n, a["kind"]))
        key = (a["name"], a["gender"], a["phone"], c)
        if person.setdefault(n, key) != key:
            fail(f"{name}/attendees.csv: {n} differs between rows")
        if (c, a["kind"]) not in classes:
            fail(f"{name}/attendees.csv: {n} enrolled for {a['kind']} in {c} with no demand")
        count[(c, a["kind"])] = count.get((c, a["kind"]), 0) + 1
        if not re.fullmatch(r"1[358]\d{9}", a["phone"]):
            fail(f"{name}/attendees.csv: bad phone {a['phone']}")
    phones = {}
    for n, key in person.items():
        if phones.setdefault(key[2], n) != n:
            fail(f"{name}/attendees.csv: phone {key[2]} shared by two people")
    if attendees:
        for (c, k), cl in classes.items():
            got = count.get((c, k), 0)
            lo, hi = cl * int(kinds[k]["min_seats"]), cl * int(kinds[k]["max_seats"])
            if not lo <= got <= hi:
                fail(f"{name}: {c} {k}: {got} attendees for {cl} classes (need {lo}..{hi})")
    for c in {c for c, _ in classes}:
        big_needed = max(int(kinds[k]["max_seats"]) for cc, k in classes if cc == c)
        seats = max((int(v["seats"]) for v in venues if by_name.get(v["county"], v["county"]) == c),
                    default=0)
        if seats < big_needed:
            fail(f"{name}: no venue in {c} with {big_needed} seats")
    for ics in sorted((folder / "calendars").glob("*.ics")) if (folder / "calendars").exists() else []:
        check_ics(ics)

    stats = dict(counties=len(counties), venues=len(venues), trainers=len(trainers),
                 trainers_with_calendar=sum(1 for t in trainers if t.get("calendar")),
                 demand_rows=len(demand), classes=sum(classes.values()),
                 attendees=len(attendees), people=len(person), tour_stops=len(stops),
                 mentees=sum(int(s["mentees"]) for s in stops))
    print(name, stats)
    if big and "--plan" in sys.argv:
        plan(folder, sc, counties, kinds, venues, trainers, demand, tours, stops, blackouts,
             travel, count, classes)


# ------------------------------------------------ mini iCalendar expander
HOL_2019 = {D("2019-01-01")} | {D("2019-02-04") + dt.timedelta(i) for i in range(7)} | \
    {D("2019-04-05"), D("2019-04-06"), D("2019-04-07")} | \
    {D("2019-05-01") + dt.timedelta(i) for i in range(4)} | \
    {D("2019-06-07"), D("2019-06-08"), D("2019-06-09")} | \
    {D("2019-09-13"), D("2019-09-14"), D("2019-09-15")} | \
    {D("2019-10-01") + dt.timedelta(i) for i in range(7)}
WORK_2019 = {D("2019-02-02"), D("2019-02-03"), D("2019-04-28"), D("2019-05-05"),
             D("2019-09-29"), D("2019-10-12")}
CST = dt.timezone(dt.timedelta(hours=8))
WD = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def parse_time(prop):
    head, value = prop.split(":", 1)
    vals = []
    for v in value.split(","):
        if "VALUE=DATE" in head or len(v) == 8:
            vals.append(D(f"{v[:4]}-{v[4:6]}-{v[6:8]}"))
        else:
            t = dt.datetime.strptime(v[:15], "%Y%m%dT%H%M%S")
            vals.append(t.replace(tzinfo=dt.timezone.utc if v.endswith("Z") else CST))
    return vals


def blocked_dates(path, until=dt.date(2019, 12, 31)):
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    out = set()
    for ev in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        props = ev.strip().split("\r\n")
        if "TRANSP:TRANSPARENT" in props:
            continue
        get = lambda n: [p for p in props if re.match(n + r"[;:]", p)]
        start = parse_time(get("DTSTART")[0])[0]
        end = parse_time(get("DTEND")[0])[0]
        dur = end - start
        starts = [start]
        for r in get("RRULE"):
            rule = dict(x.split("=") for x in r.split(":", 1)[1].split(";"))
            interval = int(rule.get("INTERVAL", 1))
            count = int(rule.get("COUNT", 10 ** 6))
            lim = None
            if "UNTIL" in rule:
                lim = parse_time("X:" + rule["UNTIL"])[0]
            days = rule["BYDAY"].split(",")
            d0 = start if isinstance(start, dt.date) and not isinstance(start, dt.datetime) \
                else start.astimezone(CST)
            cands = []
            if rule["FREQ"] == "WEEKLY":
                wk = d0 - dt.timedelta(days=d0.weekday())
                while (wk.date() if isinstance(wk, dt.datetime) else wk) <= until:
                    for bd in sorted(days, key=WD.index):
                        cands.append(wk + dt.timedelta(days=WD.index(bd)))
                    wk += dt.timedelta(weeks=interval)
            else:  # MONTHLY with BYDAY=nXX
                y, m = d0.year, d0.month
                while dt.date(y, m, 1) <= until:
                    for bd in days:
                        n, wd = int(bd[:-2]), WD.index(bd[-2:])
                        first = dt.date(y, m, 1)
                        day = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
                        if day.month == m:
                            cands.append(d0.replace(year=y, month=m, day=day.day))
                    m += interval
                    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
            starts = []
            for cnd in sorted(cands):
                if cnd < d0:
                    continue
                if lim is not None:
                    if isinstance(cnd, dt.datetime) and cnd > lim:
                        break
                    if not isinstance(cnd, dt.datetime) and cnd > lim:
                        break
                if len(starts) >= count:
                    break
                starts.append(cnd)
        for p in get("RDATE"):
            starts += parse_time(p)
        ex = [x for p in get("EXDATE") for x in parse_time(p)]
        for s in starts:
            if s in ex:
                continue
            e = s + dur
            if isinstance(s, dt.datetime):
                a = s.astimezone(CST)
                b = (e.astimezone(CST) - dt.timedelta(microseconds=1)).date()
                a = a.date()
            else:
                a, b = s, e - dt.timedelta(days=1)
            while a <= b:
                out.add(a)
                a += dt.timedelta(days=1)
    return out


# -------------------------------------------------------- greedy planner
def plan(folder, sc, counties, kinds, venues, trainers, demand, tours, stops, blackouts, travel,
         count, classes):
    f, kmh = float(sc["road_factor"]), float(sc["road_kmh"])
    maxmin = float(sc["max_evening_travel_minutes"])
    over = {}
    for r in travel:
        over[(r["from"], r["to"])] = over[(r["to"], r["from"])] = float(r["minutes"])

    def minutes(a, b):
        if a == b:
            return 0
        if (a, b) in over:
            return over[(a, b)]
        la, oa, lb, ob = (math.radians(float(x)) for x in (
            counties[a]["lat"], counties[a]["lon"], counties[b]["lat"], counties[b]["lon"]))
        h = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin((ob - oa) / 2) ** 2
        return 2 * 6371 * math.asin(math.sqrt(h)) * f / kmh * 60

    def km(a, b):
        return minutes(a, b) * kmh / 60

    start, end = D(sc["start"]), D(sc["end"])
    days = [start + dt.timedelta(i) for i in range((end - start).days + 1)]
    black = {}
    for b in blackouts:
        for c in (counties if b["county"] == "*" else [b["county"]]):
            d = D(b["start"])
            while d <= D(b["end"]):
                black.setdefault(c, set()).add(d)
                d += dt.timedelta(1)

    def teaching(kind, c, lo, hi):
        wk = kinds[kind]["weekends"] == "yes"
        return [d for d in days if lo <= d <= hi and d not in HOL_2019 and
                (d.weekday() < 5 or d in WORK_2019 or wk) and d not in black.get(c, ())]

    tblock = {t["id"]: blocked_dates(folder / t["calendar"]) if t.get("calendar") else set()
              for t in trainers}
    vblock = {v["id"]: blocked_dates(folder / v["calendar"]) if v.get("calendar") else set()
              for v in venues}
    for t in trainers:
        wd = [d for d in days if d.weekday() < 5 and d not in HOL_2019]
        free = sum(1 for d in wd if d not in tblock[t["id"]])
        if free < 0.6 * len(wd):
            fail(f"trainer {t['id']} has only {free}/{len(wd)} weekdays free")
    work = {t["id"]: {} for t in trainers}   # trainer -> date -> county
    vbusy = {v["id"]: set() for v in venues}
    tr = {t["id"]: t for t in trainers}

    def trainer_ok(tid, c, dates):
        t = tr[tid]
        w = work[tid]
        if any(d in w or d in tblock[tid] for d in dates):
            return False
        months = {}
        for d in list(w) + list(dates):
            months[d.month] = months.get(d.month, 0) + 1
        if max(months.values()) > int(t["max_days_per_month"]):
            return False
        for d in dates:
            for nb in (d - dt.timedelta(1), d + dt.timedelta(1)):
                if nb in w and nb not in dates and minutes(w[nb], c) > maxmin:
                    return False
        return True

    def venue_for(c, dates, need):
        for v in sorted((v for v in venues if v["county"] == c), key=lambda v: int(v["seats"])):
            if int(v["seats"]) >= need and not any(d in vbusy[v["id"]] or d in vblock[v["id"]]
                                                   for d in dates):
                return v["id"]
        return None

    unscheduled, travel_km = [], 0.0
    # tours: split stops west→east among teams, each team a fixed pair
    for tid_, tour in tours.items():
        kind, teams = tour["kind"], int(tour["teams"])
        ts = sorted((s for s in stops if s["tour"] == tid_),
                    key=lambda s: float(counties[s["county"]]["lon"]))
        total = sum(int(s["days"]) for s in ts)
        chunks, cur, acc = [], [], 0
        for s in ts:
            cur.append(s)
            acc += int(s["days"])
            if acc >= total * (len(chunks) + 1) / teams and len(chunks) < teams - 1:
                chunks.append(cur)
                cur = []
        chunks.append(cur)
        qual = [t["id"] for t in trainers if kind in t["qualifications"].split(";")]
        for chunk in chunks:
            first_c = chunk[0]["county"]
            cands = sorted(qual, key=lambda x: km(tr[x]["home_county"], first_c))
            done = False
            for i in range(len(cands)):
                for j in range(i + 1, len(cands)):
                    pair = (cands[i], cands[j])
                    placed, after = [], D(tour["earliest"])
                    ok = True
                    for s in chunk:
                        td = teaching(kind, s["county"], after, D(tour["latest"]))
                        n = int(s["days"])
                        hit = None
                        for x in range(len(td) - n + 1):
                            dates = td[x:x + n]
                            v = venue_for(s["county"], dates, 0)
                            if v and all(trainer_ok(p, s["county"], dates) for p in pair):
                                hit = (dates, v)
                                break
                        if not hit:
                            ok = False
                            break
                        for p in pair:
                            for d in hit[0]:
                                work[p][d] = s["county"]
                        vbusy[hit[1]].update(hit[0])
                        placed.append((s, hit))
                        after = hit[0][-1] + dt.timedelta(1)
                    if ok:
                        done = True
                        route = [tr[pair[0]]["home_county"]] + [s["county"] for s in chunk]
                        for p in pair:
                            r = [tr[p]["home_county"]] + [s["county"] for s in chunk] + \
                                [tr[p]["home_county"]]
                            travel_km += sum(km(a, b) for a, b in zip(r, r[1:]))
                        break
                    for s, (dates, v) in placed:   # undo
                        for p in pair:
                            for d in dates:
                                work[p].pop(d, None)
                        vbusy[v].difference_update(dates)
                if done:
                    break
            if not done:
                unscheduled += [("stop", tid_, s["county"]) for s in chunk]
    # classes: tightest windows first
    items = []
    for d in demand:
        for i in range(int(d["classes"])):
            items.append(d)
    items.sort(key=lambda d: ((D(d["latest"]) - D(d["earliest"])).days, -int(kinds[d["kind"]]["trainers"])))
    order = {}
    for d in items:
        c, kind = d["county"], d["kind"]
        k = kinds[kind]
        n, need = int(k["days"]), int(k["trainers"])
        size = math.ceil(count.get((c, kind), 0) / classes[(c, kind)]) if count else int(k["max_seats"])
        td = teaching(kind, c, D(d["earliest"]), D(d["latest"]))
        qual = sorted((t["id"] for t in trainers if kind in t["qualifications"].split(";")),
                      key=lambda x: km(tr[x]["home_county"], c))
        # spread classes of one row over its window
        step = order.get(d["id"], 0)
        order[d["id"]] = step + 1
        offs = (step * 17) % max(1, len(td) - n + 1)
        hit = None
        for x in list(range(offs, len(td) - n + 1)) + list(range(0, offs)):
            dates = td[x:x + n]
            if (dates[-1] - dates[0]).days > n + 6:
                continue
            v = venue_for(c, dates, size)
            if not v:
                continue
            chosen = [t for t in qual if trainer_ok(t, c, dates)][:need]
            if len(chosen) == need:
                hit = (dates, v, chosen)
                break
        if not hit:
            unscheduled.append(("class", d["id"], c))
            continue
        for t in hit[2]:
            for x in hit[0]:
                work[t][x] = c
            travel_km += 2 * km(tr[t]["home_county"], c)
        vbusy[hit[1]].update(hit[0])
    busiest = sorted(((sum(1 for _ in w), t) for t, w in work.items()), reverse=True)[:5]
    print(f"greedy plan: {len(items)} classes + {len(stops)} stops, unscheduled {len(unscheduled)}"
          f" {unscheduled}, trainer travel ≈ {travel_km:.0f} km, busiest {busiest}")


def main():
    check(MAIN, True)
    check(GB, False)
    gb_raw = (GB / "attendees.csv").read_bytes()
    try:
        gb_raw.decode("utf-8")
        fail("gb18030 attendees.csv decodes as UTF-8 (should be GB18030)")
    except UnicodeDecodeError:
        pass
    for p in GB.glob("*.csv"):
        if re.search(rb"(?<!\r)\n", p.read_bytes()):
            fail(f"{p}: bare LF in the GB18030 copy")
    for e in errors:
        print("FAIL", e)
    print("ok" if not errors else f"{len(errors)} failure(s)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
