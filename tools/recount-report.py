#!/usr/bin/env python3
"""Recount the monthly report from the contract alone (stdlib only).

    python3 tools/recount-report.py SCENARIO_DIR PLAN_DIR --month 2019-09 \
        [--county CODE|NAME] [--attendance FILE ...] [--out FILE]

A second opinion on `xiangxing report`: it reads only what
../shared/SCENARIO.md ("Programme tracking") names -- scenario.csv (start, end,
completion_share, target_training, target_mentoring), counties.csv, kinds.csv,
targets.csv (optional), the plan folder's plan.csv and assignments.csv, and
the attendance files -- and prints report.csv (to --out, else stdout). It was
written from the contract, not from Xiangxing's Swift code, so that the two
agree only when both read the contract the same way. The test
Tests/XiangxingCLITests/ReportRecountTests.swift compares them byte for byte.

Counting, as the contract says:
- a trainee is one delivered training person-time when present on at least
  ceil(completion_share x the class's days) of the class's days, counted in
  the month of the class's last day, in exact decimals: 0.8 x 5 = 4, and
  0.6000000001 x 5 = 3.0000000005 -> 4 (Xiangxing said 3 through a 1e-9
  allowance until this recount found it; fixed in Counting.daysRequired);
- mentoring delivered = the recorded mentees, in the month of each record;
- planned = plan.csv's attendees (a stop's mentees), in the month of the
  session's last day; "to date" = from scenario.csv's start to the month's end;
- share_of_target = delivered_to_date / target with 4 decimals (empty where
  the target is 0 or unknown).

Where the contract leaves a choice open, this script does what
`xiangxing report` was found to write (checked 2026-12, session 3):
- line ends: CRLF, UTF-8 without BOM, header always written (the plan
  folder's machine-file convention);
- rows: counties in counties.csv order, each with `training` then
  `mentoring` (both categories always, zeros where nothing is planned), then
  `合计,training` and `合计,mentoring`; `county` is the county code;
- share_of_target is rounded half up (1/32 = 0.03125 -> 0.0313, tested);
- a county's target comes from targets.csv only (county by code or name);
  合计's target is scenario.csv's target_<category> when given, else the sum
  of targets.csv's rows for that category when targets.csv has any, else
  empty;
- with --county, only that county's two rows are written and 合计 is that
  county alone, its target too: the county's targets.csv value (empty
  without one), never the city's target_<category>. (My first reading put
  the city's total there, since the contract calls 合计 "the city"; Xiangxing
  keeps 合计's share comparable with its delivered columns, which is the
  reading that makes sense for a county's own report.)
- leading blank lines before a header are skipped; a county listed twice
  for one category in targets.csv is refused; --month must be YYYY-MM;
- targets.csv is checked against scenario.csv's totals only for a category
  it has rows of (a targets.csv of training rows alone passes); a sum that
  differs is refused, no report;
- a class's days are the dates listed for it in plan.csv;
- attendance files are told apart by their header (`present` -> training,
  `mentees` -> mentoring; Chinese aliases 场次, 身份证号, 日期, 出勤, 人次);
  marks: 1/是/√/✓/Y present, 0/否/×/N absent (Y/N in either case) -- the
  contract's list; Xiangxing also takes ✔, ✗, ✘, x, yes, no in any case,
  which this script refuses (the test files use the contract's marks only);
  the header aliases are the ones Xiangxing's reader knows;
  anything else, an unknown session, a record of the wrong type, a trainee
  not in the class (assignments.csv), a date not among the session's dates,
  a trainee-day or stop-day recorded twice (across all files), a negative or
  non-integer mentees is an error: the script prints file:line: field and
  exits 1 without a report, as Xiangxing refuses such files whole.
"""
import argparse
import csv
import io
import re
import sys
from decimal import Decimal, ROUND_CEILING, ROUND_HALF_UP
from pathlib import Path

CATEGORIES = ("training", "mentoring")
CITY = "合计"

# Header aliases (the contract welcomes Chinese ones on top of the English keys).
ALIASES = {
    "键": "key", "值": "value", "代码": "code", "名称": "name", "类别": "category",
    "天数": "days", "编号": "code", "县区": "county", "所属县区": "county",
    "人次": "person_times", "任务人次": "person_times", "目标人次": "person_times",
    "身份证号": "id_number",
}
ATTENDANCE_ALIASES = {
    "场次": "session", "场次编号": "session", "身份证号": "id_number", "身份证号码": "id_number",
    "日期": "date", "出勤": "present", "到课": "present", "是否到课": "present",
    "人次": "mentees", "帮扶人次": "mentees",
}
# Category values: the contract's, plus the Chinese words the office uses
# (培训; 指导 as in the GB18030 sample's kinds.csv; 乡村行/帮扶 as Xiangxing's
# targets reader also takes them), in any letter case.
CATEGORY_VALUES = {"training": "training", "mentoring": "mentoring", "培训": "training",
                   "指导": "mentoring", "乡村行": "mentoring", "帮扶": "mentoring"}
PRESENT = {"1": True, "是": True, "√": True, "✓": True, "Y": True,
           "0": False, "否": False, "×": False, "N": False}


class Refused(Exception):
    """A located problem in an input file: file:line: field: what."""


def decode(path):
    raw = Path(path).read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def table(path, aliases):
    """(canonical header, [(line number, row as dict)]) of a CSV file.

    Line numbers are the file's physical lines, so a quoted field holding a
    newline moves the next row's number on, as an editor shows it."""
    reader = csv.reader(io.StringIO(decode(path), newline=""))
    # The header is the first row that is not blank (as Xiangxing reads it).
    head = None
    for r in reader:
        if any(f.strip() for f in r):
            head = [aliases.get(h.strip(), h.strip()) for h in r]
            break
    if head is None:
        return [], []
    out = []
    line = reader.line_num + 1
    for r in reader:
        if any(f.strip() for f in r):
            out.append((line, {h: (r[i].strip() if i < len(r) else "") for i, h in enumerate(head)}))
        line = reader.line_num + 1
    return head, out


def read_scenario(folder):
    folder = Path(folder)
    settings = {}
    for _, r in table(folder / "scenario.csv", ALIASES)[1]:
        settings[r.get("key", "")] = r.get("value", "")
    counties = []  # (code, name) in file order
    for _, r in table(folder / "counties.csv", ALIASES)[1]:
        counties.append((r["code"], r.get("name", "")))
    kinds = {}
    for _, r in table(folder / "kinds.csv", ALIASES)[1]:
        kinds[r["code"]] = CATEGORY_VALUES.get(r["category"], r["category"])
    targets = None
    tpath = folder / "targets.csv"
    if tpath.exists():
        by_name = {name: code for code, name in counties}
        codes = {code for code, _ in counties}
        targets = {}
        for line, r in table(tpath, ALIASES)[1]:
            c = r.get("county", "")
            code = c if c in codes else by_name.get(c)
            if code is None:
                raise Refused(f"{tpath.name}:{line}: county: {c!r} is not in counties.csv")
            cat = CATEGORY_VALUES.get(r.get("category", "").lower())
            if cat is None:
                raise Refused(f"{tpath.name}:{line}: category: not training or mentoring")
            n = r.get("person_times", "")
            if not (n.isascii() and n.isdigit()):
                raise Refused(f"{tpath.name}:{line}: person_times: not a whole number ≥ 0")
            if (code, cat) in targets:
                raise Refused(f"{tpath.name}:{line}: county: a second {cat} target for {c}")
            targets[(code, cat)] = int(n)
        # "When both exist, targets.csv must add up to them" -- checked, as
        # Xiangxing does, for each category that targets.csv has rows of.
        for cat in CATEGORIES:
            given = settings.get(f"target_{cat}", "")
            rows = [v for (_, k), v in targets.items() if k == cat]
            if given and rows and sum(rows) != int(given):
                raise Refused(f"{tpath.name}: person_times: {cat} adds up to {sum(rows)}, "
                              f"scenario.csv's target_{cat} is {given}")
    return settings, counties, kinds, targets


def read_plan(folder, kinds):
    folder = Path(folder)
    sessions = {}
    for line, r in table(folder / "plan.csv", ALIASES)[1]:
        dates = [d.strip() for d in r["dates"].split(";") if d.strip()]
        sessions[r["session"]] = {
            "type": r["type"], "county": r["county"], "category": kinds.get(r["kind"]),
            "dates": dates, "attendees": int(r["attendees"] or 0), "people": set(),
        }
    apath = folder / "assignments.csv"
    has_assignments = apath.exists()
    if has_assignments:
        for _, r in table(apath, ALIASES)[1]:
            if r["session"] in sessions:
                sessions[r["session"]]["people"].add(r["id_number"])
    return sessions, has_assignments


def read_attendance(files, sessions, has_assignments):
    """({session: {person: present dates}}, mentoring records [(session, date, mentees)])."""
    present = {}
    seen_days = set()
    mentoring = []
    seen_stop_days = set()
    problems = []
    for f in files:
        name = Path(f).name
        head, rows = table(f, ATTENDANCE_ALIASES)
        if "present" in head:
            kind = "training"
        elif "mentees" in head:
            kind = "mentoring"
        else:
            problems.append(f"{name}:1: header: neither present (training) nor mentees (mentoring)")
            continue
        for line, r in rows:
            s = sessions.get(r.get("session", ""))
            where = f"{name}:{line}"
            if s is None:
                problems.append(f"{where}: session: not in plan.csv")
                continue
            want = "class" if kind == "training" else "stop"
            if s["type"] != want:
                problems.append(f"{where}: session: a {s['type']}, recorded as a {want}")
                continue
            date = r.get("date", "")
            if date not in s["dates"]:
                problems.append(f"{where}: date: not one of the session's dates")
                continue
            if kind == "training":
                person = r.get("id_number", "")
                if has_assignments and person not in s["people"]:
                    problems.append(f"{where}: id_number: not in this class (assignments.csv)")
                    continue
                mark = r.get("present", "")
                mark = mark.upper() if mark in ("y", "n") else mark
                if mark not in PRESENT:
                    problems.append(f"{where}: present: not 1/0, 是/否, √/×, ✓, Y/N")
                    continue
                key = (r["session"], person, date)
                if key in seen_days:
                    problems.append(f"{where}: date: this trainee-day is recorded twice")
                    continue
                seen_days.add(key)
                if PRESENT[mark]:
                    present.setdefault(r["session"], {}).setdefault(person, set()).add(date)
            else:
                m = r.get("mentees", "")
                if not (m.isascii() and m.isdigit()):
                    problems.append(f"{where}: mentees: not a whole number ≥ 0")
                    continue
                key = (r["session"], date)
                if key in seen_stop_days:
                    problems.append(f"{where}: date: this stop-day is recorded twice")
                    continue
                seen_stop_days.add(key)
                mentoring.append((r["session"], date, int(m)))
    if problems:
        raise Refused("\n".join(problems))
    return present, mentoring


def month_of(date):
    return date[:7]


def share(delivered, target):
    if not target:
        return ""
    q = (Decimal(delivered) / Decimal(target)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    return f"{q:.4f}"


def recount(scenario_dir, plan_dir, month, county, attendance):
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month):
        raise Refused(f"--month: {month!r} is not YYYY-MM, e.g. 2019-09")
    settings, counties, kinds, targets = read_scenario(scenario_dir)
    sessions, has_assignments = read_plan(plan_dir, kinds)
    present, mentoring = read_attendance(attendance, sessions, has_assignments)
    start = settings["start"]
    completion = Decimal(settings.get("completion_share", "") or "0.8")
    end_of_month = month + "-31"  # ISO strings compare as dates; no month has a day 32

    def in_to_date(d):
        return start <= d <= end_of_month

    zero = {"planned_year": 0, "planned_to_date": 0, "delivered_month": 0, "delivered_to_date": 0}
    counts = {(c, cat): dict(zero) for c, _ in counties for cat in CATEGORIES}

    for sid, s in sessions.items():
        cell = counts.setdefault((s["county"], s["category"]), dict(zero))
        last = max(s["dates"])
        cell["planned_year"] += s["attendees"]
        if in_to_date(last):
            cell["planned_to_date"] += s["attendees"]
        if s["type"] == "class":
            need = int((completion * len(s["dates"])).to_integral_value(rounding=ROUND_CEILING))
            came = sum(1 for days in present.get(sid, {}).values() if len(days) >= need)
            if month_of(last) == month:
                cell["delivered_month"] += came
            if in_to_date(last):
                cell["delivered_to_date"] += came
    for sid, date, m in mentoring:
        s = sessions[sid]
        cell = counts[(s["county"], s["category"])]
        if month_of(date) == month:
            cell["delivered_month"] += m
        if in_to_date(date):
            cell["delivered_to_date"] += m

    codes = [c for c, _ in counties]
    if county is not None:
        by_name = {name: code for code, name in counties}
        code = county if county in codes else by_name.get(county)
        if code is None:
            raise Refused(f"--county: {county!r} is not in counties.csv")
        codes = [code]

    columns = ["county", "category", "target", "planned_year", "planned_to_date",
               "delivered_month", "delivered_to_date", "share_of_target"]
    lines = [columns]

    def row(name, cat, target, cell):
        t = "" if target is None else str(target)
        lines.append([name, cat, t, str(cell["planned_year"]), str(cell["planned_to_date"]),
                      str(cell["delivered_month"]), str(cell["delivered_to_date"]),
                      share(cell["delivered_to_date"], target)])

    for c in codes:
        for cat in CATEGORIES:
            target = None if targets is None else targets.get((c, cat))
            row(c, cat, target, counts[(c, cat)])
    for cat in CATEGORIES:
        total = dict(zero)
        for c in codes:
            for k in total:
                total[k] += counts[(c, cat)][k]
        given = settings.get(f"target_{cat}", "")
        if county is not None:
            # A county's own report: 合计 is that county, target included.
            target = None if targets is None else targets.get((codes[0], cat))
        elif given:
            target = int(given)
        elif targets:
            target = sum(v for (_, k), v in targets.items() if k == cat)
        else:
            target = None
        row(CITY, cat, target, total)

    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(lines)
    return buf.getvalue()


def main():
    p = argparse.ArgumentParser(description="Recount report.csv from the contract alone.")
    p.add_argument("scenario")
    p.add_argument("plan")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--county", help="a county code or name: that county's report")
    p.add_argument("--attendance", nargs="*", default=[], help="attendance files (training or mentoring)")
    p.add_argument("--out", help="write report.csv here instead of stdout")
    a = p.parse_args()
    try:
        text = recount(a.scenario, a.plan, a.month, a.county, a.attendance)
    except Refused as e:
        print(e, file=sys.stderr)
        return 1
    if a.out:
        Path(a.out).write_bytes(text.encode("utf-8"))
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
