#!/usr/bin/env python3
"""Checks the national holiday calendar (calendars/cn-public-holidays.ics).

Reads the ICS itself, independently of tools/make-holidays.py, and asserts
what SCENARIO.md and the planner rely on:

  * RFC 5545 shape: CRLF line ends, lines of at most 75 octets, VERSION:2.0,
    PRODID, and per event a unique UID, a UTC DTSTAMP, all-day DTSTART/DTEND
    (VALUE=DATE, DTEND after DTSTART) and CATEGORIES HOLIDAY or WORKDAY;
  * every WORKDAY (调休上班) falls on a Saturday or Sunday;
  * no date is both a day off and a workday, and no date is listed twice;
  * every notice year 2019–2026 has 元旦, 春节, 清明, 劳动, 端午, 中秋 and 国庆;
  * a handful of anchor dates quoted from the notices.

    python3 tools/check-holidays.py [path/to/calendar.ics]

Prints the days off and workdays of each notice year; exits 1 on any failure.
Standard library only.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "calendars" / "cn-public-holidays.ics"
YEARS = range(2019, 2027)
FESTIVALS = ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"]
# UID = <notice year>-<festival slug>-<off|work>-<YYYYMMDD>@xiangxing
UID = re.compile(r"^(\d{4})-([a-z]+(?:-[a-z]+)*)-(off|work)-(\d{8})@xiangxing$")

# Dates quoted from the notices; a regression in the data shows up here first.
ANCHORS = {
    "2018-12-29": "WORKDAY", "2018-12-30": "HOLIDAY", "2018-12-31": "HOLIDAY",  # 国办发明电〔2018〕15号
    "2019-02-02": "WORKDAY", "2019-02-03": "WORKDAY", "2019-06-07": "HOLIDAY",
    "2019-09-13": "HOLIDAY", "2019-09-29": "WORKDAY", "2019-10-07": "HOLIDAY", "2019-10-12": "WORKDAY",
    "2019-04-28": "WORKDAY", "2019-05-04": "HOLIDAY", "2019-05-05": "WORKDAY",  # 国办发明电〔2019〕3号
    "2020-01-19": "WORKDAY", "2020-01-24": "HOLIDAY", "2020-02-02": "HOLIDAY",
    "2020-02-01": "HOLIDAY",  # the extension (国办发明电〔2020〕1号) cancelled this Saturday's work
    "2022-12-31": "HOLIDAY",  # 2023 notice
    "2024-02-04": "WORKDAY", "2024-02-10": "HOLIDAY", "2024-02-17": "HOLIDAY", "2024-02-18": "WORKDAY",
    "2024-02-09": None,  # 除夕 2024: only encouraged, not an official day off
    # "X月X日放假，与周末连休": only the named day is off; the weekend beside it
    # is an ordinary weekend (2019 清明、端午、中秋; 2024 元旦、端午).
    "2019-04-05": "HOLIDAY", "2019-04-06": None, "2019-04-07": None,
    "2019-06-07": "HOLIDAY", "2019-06-08": None, "2019-06-09": None,
    "2019-09-14": None, "2019-09-15": None,
    "2023-12-30": None, "2023-12-31": None, "2024-01-01": "HOLIDAY",
    "2024-06-08": None, "2024-06-09": None, "2024-06-10": "HOLIDAY",
    "2025-01-26": "WORKDAY", "2025-01-28": "HOLIDAY", "2025-02-04": "HOLIDAY", "2025-02-08": "WORKDAY",
    "2025-04-27": "WORKDAY",
    "2026-01-04": "WORKDAY", "2026-02-14": "WORKDAY", "2026-02-23": "HOLIDAY", "2026-02-28": "WORKDAY",
    "2026-05-09": "WORKDAY", "2026-09-20": "WORKDAY", "2026-10-10": "WORKDAY",
}


def unfold(raw: bytes, failures: list[str]) -> list[str]:
    if not raw.endswith(b"\r\n"):
        failures.append("file does not end with CRLF")
    physical = raw.split(b"\n")
    if physical[-1] == b"":
        physical.pop()
    bare = [n for n, line in enumerate(physical, 1) if not line.endswith(b"\r")]
    if bare:
        failures.append(f"{len(bare)} lines end with LF only, want CRLF (first: line {bare[0]})")
    physical = [line[:-1] if line.endswith(b"\r") else line for line in physical]
    for n, line in enumerate(physical, 1):
        if b"\r" in line:
            failures.append(f"line {n}: bare CR inside the line")
        if len(line) > 75:
            failures.append(f"line {n}: {len(line)} octets, more than 75 (fold it)")
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text[:1] in (" ", "\t") and logical:
            logical[-1] += text[1:]
        else:
            logical.append(text)
    return logical


def split(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    return name.upper(), dict(p.split("=", 1) for p in params if "=" in p), value


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), s)


def parse_date(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%Y%m%d").date()


def check(path: Path) -> int:
    failures: list[str] = []
    lines = unfold(path.read_bytes(), failures)
    if lines[:1] != ["BEGIN:VCALENDAR"] or lines[-1:] != ["END:VCALENDAR"]:
        failures.append("not wrapped in BEGIN:VCALENDAR … END:VCALENDAR")
    header = lines[: lines.index("BEGIN:VEVENT")] if "BEGIN:VEVENT" in lines else lines
    top = {split(l)[0]: split(l)[2] for l in header}
    if top.get("VERSION") != "2.0":
        failures.append("VERSION:2.0 missing")
    if not top.get("PRODID"):
        failures.append("PRODID missing")

    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, params, value = split(line)
            current[name] = (params, value)

    uids: set[str] = set()
    by_date: dict[dt.date, list[str]] = defaultdict(list)  # date → categories
    per_year: dict[int, dict[str, set]] = defaultdict(lambda: {"HOLIDAY": set(), "WORKDAY": set(), "names": set()})
    for e in events:
        uid = e.get("UID", ({}, ""))[1]
        where = uid or "event without UID"
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "CATEGORIES", "DESCRIPTION"):
            if required not in e:
                failures.append(f"{where}: {required} missing")
        if not {"UID", "DTSTART", "DTEND", "CATEGORIES"} <= e.keys():
            continue
        if uid in uids:
            failures.append(f"{where}: UID used twice")
        uids.add(uid)
        if not re.fullmatch(r"\d{8}T\d{6}Z", e.get("DTSTAMP", ({}, ""))[1]):
            failures.append(f"{where}: DTSTAMP must be UTC (YYYYMMDDTHHMMSSZ)")
        if e["DTSTART"][0].get("VALUE") != "DATE" or e["DTEND"][0].get("VALUE") != "DATE":
            failures.append(f"{where}: DTSTART/DTEND must be VALUE=DATE (all-day)")
            continue
        start, end = parse_date(e["DTSTART"][1]), parse_date(e["DTEND"][1])
        if end <= start:
            failures.append(f"{where}: DTEND {end} is not after DTSTART {start}")
            continue
        category = e["CATEGORIES"][1].upper()
        if category not in ("HOLIDAY", "WORKDAY"):
            failures.append(f"{where}: CATEGORIES is {category!r}, want HOLIDAY or WORKDAY")
            continue
        m = UID.match(uid)
        if not m:
            failures.append(f"{where}: UID is not <year>-<festival>-<off|work>-<YYYYMMDD>@xiangxing")
            continue
        year, kind, day = int(m.group(1)), m.group(3), parse_date(m.group(4))
        if (kind == "off") != (category == "HOLIDAY"):
            failures.append(f"{where}: UID says {kind} but CATEGORIES is {category}")
        if day != start:
            failures.append(f"{where}: UID date {day} differs from DTSTART {start}")
        summary = unescape(e["SUMMARY"][1])
        days = [start + dt.timedelta(n) for n in range((end - start).days)]
        for d in days:
            by_date[d].append(category)
            per_year[year][category].add(d)
            if category == "WORKDAY" and d.weekday() < 5:
                failures.append(f"{where}: WORKDAY {d} is a {d:%A}, not a Saturday or Sunday")
            if not (dt.date(year - 1, 12, 1) <= d <= dt.date(year, 12, 31)):
                failures.append(f"{where}: {d} lies outside notice year {year}")
        per_year[year]["names"].update(f for f in FESTIVALS if f in summary)

    for d, cats in sorted(by_date.items()):
        if "HOLIDAY" in cats and "WORKDAY" in cats:
            failures.append(f"{d}: both HOLIDAY and WORKDAY")
        elif len(cats) > 1:
            failures.append(f"{d}: listed {len(cats)} times as {cats[0]}")

    for year in YEARS:
        missing = [f for f in FESTIVALS if f not in per_year[year]["names"]]
        if missing:
            failures.append(f"{year}: no entries for {'、'.join(missing)}")

    for iso, want in ANCHORS.items():
        d = dt.date.fromisoformat(iso)
        got = by_date.get(d, [None])[0]
        if got != want:
            failures.append(f"anchor {iso}: expected {want or 'no entry'}, found {got or 'no entry'}")

    print(f"{path}: {len(events)} events")
    print("notice year  days off  workdays  first..last")
    for year in sorted(per_year):
        every = sorted(per_year[year]["HOLIDAY"] | per_year[year]["WORKDAY"])
        print(f"{year:>11}  {len(per_year[year]['HOLIDAY']):>8}  {len(per_year[year]['WORKDAY']):>8}"
              f"  {every[0]}..{every[-1]}")
    total_off = sum(len(v["HOLIDAY"]) for v in per_year.values())
    total_work = sum(len(v["WORKDAY"]) for v in per_year.values())
    print(f"{'total':>11}  {total_off:>8}  {total_work:>8}")
    if failures:
        print(f"\nFAILED ({len(failures)}):", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
