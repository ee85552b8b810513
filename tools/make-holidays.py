#!/usr/bin/env python3
"""Writes calendars/cn-public-holidays.ics from the State Council notices below.

The table in this file is the single place the holiday data is typed in; the
ICS is derived from it, so the two never drift apart. Each arrangement is
written the way the notice words it (days off, weekend days worked, and the
weekday the notice prints beside each worked day), and this script refuses to
write the file if a stated weekday or a stated total ("共N天") disagrees with
the real calendar.

    python3 tools/make-holidays.py              # rewrite the ICS
    python3 tools/make-holidays.py --markdown   # print the tables for docs/calendar.md

Standard library only. See docs/calendar.md for how to add a year.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "calendars" / "cn-public-holidays.ics"

# DTSTAMP of every event: when this data was last revised (UTC). Bump it when
# the data changes, so calendar clients see the new version; keep it fixed
# otherwise, so regenerating gives a byte-identical file.
DATA_REVISION = "20261129T000000Z"

WEEKDAY_ZH = "一二三四五六日"  # Monday = 一 … Sunday = 日


@dataclass(frozen=True)
class Notice:
    title: str
    number: str
    issued: str  # date signed, as printed at the foot of the notice

    def cite(self) -> str:
        return f"《{self.title}》（{self.number}，{self.issued}）"


NOTICES = {
    "2019": Notice("国务院办公厅关于2019年部分节假日安排的通知", "国办发明电〔2018〕15号", "2018-12-04"),
    "2019-laodong": Notice("国务院办公厅关于调整2019年劳动节假期安排的通知", "国办发明电〔2019〕3号", "2019-03-22"),
    "2020": Notice("国务院办公厅关于2020年部分节假日安排的通知", "国办发明电〔2019〕16号", "2019-11-21"),
    "2020-chunjie": Notice("国务院办公厅关于延长2020年春节假期的通知", "国办发明电〔2020〕1号", "2020-01-26"),
    "2021": Notice("国务院办公厅关于2021年部分节假日安排的通知", "国办发明电〔2020〕27号", "2020-11-25"),
    "2022": Notice("国务院办公厅关于2022年部分节假日安排的通知", "国办发明电〔2021〕11号", "2021-10-25"),
    "2023": Notice("国务院办公厅关于2023年部分节假日安排的通知", "国办发明电〔2022〕16号", "2022-12-08"),
    "2024": Notice("国务院办公厅关于2024年部分节假日安排的通知", "国办发明电〔2023〕7号", "2023-10-25"),
    "2025": Notice("国务院办公厅关于2025年部分节假日安排的通知", "国办发明电〔2024〕12号", "2024-11-12"),
    "2026": Notice("国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕7号", "2025-11-04"),
}

# Notices put "与周末连休" (joined to the weekend) when the festival day touches
# a weekend; the adjoining Saturday and Sunday are then part of the break and
# are recorded here as days off too.
JOINED = "通知原文为“{day}放假，与周末连休”；相连的周末也记为放假。"


@dataclass(frozen=True)
class Festival:
    year: int            # the year of the notice (its December days belong to it too)
    slug: str            # stable part of the UID: yuandan, chunjie, …
    name: str            # as the notice writes it: 国庆节、中秋节
    off: tuple[str, str]  # first and last day off, inclusive
    work: tuple[tuple[str, str], ...] = ()  # (date, weekday the notice prints)
    total: int | None = None  # the notice's "共N天", when it gives one
    notices: tuple[str, ...] = ()  # keys of NOTICES; default: the year's notice
    note: str = ""

    def sources(self) -> list[Notice]:
        return [NOTICES[k] for k in (self.notices or (str(self.year),))]

    def days_off(self) -> list[dt.date]:
        a, b = (dt.date.fromisoformat(s) for s in self.off)
        return [a + dt.timedelta(n) for n in range((b - a).days + 1)]

    def workdays(self) -> list[dt.date]:
        return [dt.date.fromisoformat(s) for s, _ in self.work]


F = Festival
FESTIVALS = [
    # 2019 — 国办发明电〔2018〕15号, Labour Day as changed by 国办发明电〔2019〕3号
    F(2019, "yuandan", "元旦", ("2018-12-30", "2019-01-01"), (("2018-12-29", "六"),), 3),
    F(2019, "chunjie", "春节", ("2019-02-04", "2019-02-10"), (("2019-02-02", "六"), ("2019-02-03", "日")), 7),
    F(2019, "qingming", "清明节", ("2019-04-05", "2019-04-07"), note=JOINED.format(day="4月5日")),
    F(2019, "laodong", "劳动节", ("2019-05-01", "2019-05-04"), (("2019-04-28", "日"), ("2019-05-05", "日")), 4,
      notices=("2019-laodong", "2019"),
      note="原通知第四项为“5月1日放假”，已由国办发明电〔2019〕3号调整为5月1日至4日放假调休。"),
    F(2019, "duanwu", "端午节", ("2019-06-07", "2019-06-09"), note=JOINED.format(day="6月7日")),
    F(2019, "zhongqiu", "中秋节", ("2019-09-13", "2019-09-15"), note=JOINED.format(day="9月13日")),
    F(2019, "guoqing", "国庆节", ("2019-10-01", "2019-10-07"), (("2019-09-29", "日"), ("2019-10-12", "六")), 7),
    # 2020 — 国办发明电〔2019〕16号, Spring Festival extended by 国办发明电〔2020〕1号
    F(2020, "yuandan", "元旦", ("2020-01-01", "2020-01-01"), total=1),
    F(2020, "chunjie", "春节", ("2020-01-24", "2020-02-02"), (("2020-01-19", "日"),),
      notices=("2020", "2020-chunjie"),
      note="原定1月24日至30日放假调休、共7天，1月19日（星期日）和2月1日（星期六）上班；"
           "国办发明电〔2020〕1号把假期延长至2月2日（星期日），2月3日起正常上班，"
           "原定2月1日上班随之取消。"),
    F(2020, "qingming", "清明节", ("2020-04-04", "2020-04-06"), total=3),
    F(2020, "laodong", "劳动节", ("2020-05-01", "2020-05-05"), (("2020-04-26", "日"), ("2020-05-09", "六")), 5),
    F(2020, "duanwu", "端午节", ("2020-06-25", "2020-06-27"), (("2020-06-28", "日"),), 3),
    F(2020, "guoqing-zhongqiu", "国庆节、中秋节", ("2020-10-01", "2020-10-08"),
      (("2020-09-27", "日"), ("2020-10-10", "六")), 8),
    # 2021 — 国办发明电〔2020〕27号
    F(2021, "yuandan", "元旦", ("2021-01-01", "2021-01-03"), total=3),
    F(2021, "chunjie", "春节", ("2021-02-11", "2021-02-17"), (("2021-02-07", "日"), ("2021-02-20", "六")), 7),
    F(2021, "qingming", "清明节", ("2021-04-03", "2021-04-05"), total=3),
    F(2021, "laodong", "劳动节", ("2021-05-01", "2021-05-05"), (("2021-04-25", "日"), ("2021-05-08", "六")), 5),
    F(2021, "duanwu", "端午节", ("2021-06-12", "2021-06-14"), total=3),
    F(2021, "zhongqiu", "中秋节", ("2021-09-19", "2021-09-21"), (("2021-09-18", "六"),), 3),
    F(2021, "guoqing", "国庆节", ("2021-10-01", "2021-10-07"), (("2021-09-26", "日"), ("2021-10-09", "六")), 7),
    # 2022 — 国办发明电〔2021〕11号
    F(2022, "yuandan", "元旦", ("2022-01-01", "2022-01-03"), total=3),
    F(2022, "chunjie", "春节", ("2022-01-31", "2022-02-06"), (("2022-01-29", "六"), ("2022-01-30", "日")), 7),
    F(2022, "qingming", "清明节", ("2022-04-03", "2022-04-05"), (("2022-04-02", "六"),), 3),
    F(2022, "laodong", "劳动节", ("2022-04-30", "2022-05-04"), (("2022-04-24", "日"), ("2022-05-07", "六")), 5),
    F(2022, "duanwu", "端午节", ("2022-06-03", "2022-06-05"), total=3),
    F(2022, "zhongqiu", "中秋节", ("2022-09-10", "2022-09-12"), total=3),
    F(2022, "guoqing", "国庆节", ("2022-10-01", "2022-10-07"), (("2022-10-08", "六"), ("2022-10-09", "日")), 7),
    # 2023 — 国办发明电〔2022〕16号
    F(2023, "yuandan", "元旦", ("2022-12-31", "2023-01-02"), total=3),
    F(2023, "chunjie", "春节", ("2023-01-21", "2023-01-27"), (("2023-01-28", "六"), ("2023-01-29", "日")), 7),
    F(2023, "qingming", "清明节", ("2023-04-05", "2023-04-05"), total=1),
    F(2023, "laodong", "劳动节", ("2023-04-29", "2023-05-03"), (("2023-04-23", "日"), ("2023-05-06", "六")), 5),
    F(2023, "duanwu", "端午节", ("2023-06-22", "2023-06-24"), (("2023-06-25", "日"),), 3),
    F(2023, "zhongqiu-guoqing", "中秋节、国庆节", ("2023-09-29", "2023-10-06"),
      (("2023-10-07", "六"), ("2023-10-08", "日")), 8),
    # 2024 — 国办发明电〔2023〕7号
    F(2024, "yuandan", "元旦", ("2023-12-30", "2024-01-01"), note=JOINED.format(day="1月1日")),
    F(2024, "chunjie", "春节", ("2024-02-10", "2024-02-17"), (("2024-02-04", "日"), ("2024-02-18", "日")), 8,
      note="通知“鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息”；"
           "2月9日不是法定放假日，本日历不记。"),
    F(2024, "qingming", "清明节", ("2024-04-04", "2024-04-06"), (("2024-04-07", "日"),), 3),
    F(2024, "laodong", "劳动节", ("2024-05-01", "2024-05-05"), (("2024-04-28", "日"), ("2024-05-11", "六")), 5),
    F(2024, "duanwu", "端午节", ("2024-06-08", "2024-06-10"), note=JOINED.format(day="6月10日")),
    F(2024, "zhongqiu", "中秋节", ("2024-09-15", "2024-09-17"), (("2024-09-14", "六"),), 3),
    F(2024, "guoqing", "国庆节", ("2024-10-01", "2024-10-07"), (("2024-09-29", "日"), ("2024-10-12", "六")), 7),
    # 2025 — 国办发明电〔2024〕12号 (first year under the 2024 revision of 全国年节及纪念日放假办法)
    F(2025, "yuandan", "元旦", ("2025-01-01", "2025-01-01"), total=1),
    F(2025, "chunjie", "春节", ("2025-01-28", "2025-02-04"), (("2025-01-26", "日"), ("2025-02-08", "六")), 8),
    F(2025, "qingming", "清明节", ("2025-04-04", "2025-04-06"), total=3),
    F(2025, "laodong", "劳动节", ("2025-05-01", "2025-05-05"), (("2025-04-27", "日"),), 5),
    F(2025, "duanwu", "端午节", ("2025-05-31", "2025-06-02"), total=3),
    F(2025, "guoqing-zhongqiu", "国庆节、中秋节", ("2025-10-01", "2025-10-08"),
      (("2025-09-28", "日"), ("2025-10-11", "六")), 8),
    # 2026 — 国办发明电〔2025〕7号
    F(2026, "yuandan", "元旦", ("2026-01-01", "2026-01-03"), (("2026-01-04", "日"),), 3),
    F(2026, "chunjie", "春节", ("2026-02-15", "2026-02-23"), (("2026-02-14", "六"), ("2026-02-28", "六")), 9),
    F(2026, "qingming", "清明节", ("2026-04-04", "2026-04-06"), total=3),
    F(2026, "laodong", "劳动节", ("2026-05-01", "2026-05-05"), (("2026-05-09", "六"),), 5),
    F(2026, "duanwu", "端午节", ("2026-06-19", "2026-06-21"), total=3),
    F(2026, "zhongqiu", "中秋节", ("2026-09-25", "2026-09-27"), total=3),
    F(2026, "guoqing", "国庆节", ("2026-10-01", "2026-10-07"), (("2026-09-20", "日"), ("2026-10-10", "六")), 7),
]


def validate(festivals: list[Festival]) -> list[str]:
    """Every way the table can disagree with itself or with the calendar."""
    problems = []
    seen: dict[dt.date, str] = {}
    for f in festivals:
        where = f"{f.year} {f.name}"
        off = f.days_off()
        if not off:
            problems.append(f"{where}: no days off")
        if f.total is not None and f.total != len(off):
            problems.append(f"{where}: notice says 共{f.total}天 but {f.off} is {len(off)} days")
        for (s, stated), d in zip(f.work, f.workdays()):
            real = WEEKDAY_ZH[d.weekday()]
            if real != stated:
                problems.append(f"{where}: {s} is 星期{real}, notice table says 星期{stated}")
            if d.weekday() < 5:
                problems.append(f"{where}: worked day {s} is not a Saturday or Sunday")
        for d in off + f.workdays():
            if d in seen:
                problems.append(f"{where}: {d} already used by {seen[d]}")
            seen[d] = where
            if not (dt.date(f.year - 1, 12, 1) <= d <= dt.date(f.year, 12, 31)):
                problems.append(f"{where}: {d} lies outside the notice's year")
    return problems


def arrangement(f: Festival) -> str:
    off = f.days_off()
    text = f"{f.name}：{off[0].isoformat()}"
    if len(off) > 1:
        text += f" 至 {off[-1].isoformat()}"
    text += f" 放假，共{len(off)}天"
    if f.work:
        worked = "、".join(f"{d.isoformat()}（星期{WEEKDAY_ZH[d.weekday()]}）" for d in f.workdays())
        text += f"；{worked} 上班"
    return text + "。"


def description(f: Festival) -> str:
    parts = [arrangement(f), "依据：" + "；".join(n.cite() for n in f.sources()) + "。"]
    if f.note:
        parts.append(f.note)
    return "\n".join(parts)


def escape_text(s: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
             .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> list[str]:
    """RFC 5545 §3.1: lines of at most 75 octets, never splitting a UTF-8 character."""
    out, current, size, limit = [], "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return out


def events(festivals: list[Festival]):
    """(date, uid, category, summary, description) for every day, in date order."""
    rows = []
    for f in festivals:
        desc = description(f)
        for d in f.days_off():
            rows.append((d, f"{f.year}-{f.slug}-off-{d:%Y%m%d}@xiangxing", "HOLIDAY", f"{f.name} 放假", desc))
        for d in f.workdays():
            rows.append((d, f"{f.year}-{f.slug}-work-{d:%Y%m%d}@xiangxing", "WORKDAY", f"{f.name} 调休上班", desc))
    return sorted(rows)


def render_ics(festivals: list[Festival]) -> bytes:
    years = sorted({f.year for f in festivals})
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Xiangxing//CN Public Holidays//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(f'全国法定节假日放假与调休上班 {years[0]}–{years[-1]}')}",
        "X-WR-TIMEZONE:Asia/Shanghai",
        "X-WR-CALDESC:" + escape_text(
            "国务院办公厅每年部分节假日安排的通知（含调整、延长假期的通知）。"
            "CATEGORIES:HOLIDAY 为放假日；CATEGORIES:WORKDAY 为调休上班的周六、周日。"
            "由 tools/make-holidays.py 生成，说明见 docs/calendar.md。"),
    ]
    for d, uid, category, summary, desc in events(festivals):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{DATA_REVISION}",
            f"DTSTART;VALUE=DATE:{d:%Y%m%d}",
            f"DTEND;VALUE=DATE:{d + dt.timedelta(1):%Y%m%d}",
            f"SUMMARY:{escape_text(summary)}",
            f"CATEGORIES:{category}",
            f"DESCRIPTION:{escape_text(desc)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(p + "\r\n" for line in lines for p in fold(line)).encode("utf-8")


def markdown(festivals: list[Festival]) -> str:
    out = []
    for year in sorted({f.year for f in festivals}):
        these = [f for f in festivals if f.year == year]
        off = sum(len(f.days_off()) for f in these)
        work = sum(len(f.work) for f in these)
        out.append(f"### {year}: {off} days off, {work} weekend days worked\n")
        out.append(f"Notice: {NOTICES[str(year)].cite()}\n")
        out.append("| festival 节日 | days off 放假 | weekend days worked 调休上班 | notice 依据 |")
        out.append("|---|---|---|---|")
        for f in these:
            days = f.days_off()
            span = days[0].isoformat() + (f" – {days[-1].isoformat()}" if len(days) > 1 else "")
            span += f" ({len(days)})"
            worked = ", ".join(f"{d.isoformat()} {d:%a}" for d in f.workdays()) or "—"
            cite = " + ".join(n.number for n in f.sources())
            out.append(f"| {f.name} | {span} | {worked} | {cite} |")
        notes = [f"{f.name}：{f.note}" for f in these if f.note]
        if notes:
            out.append("")
            out += [f"- {n}" for n in notes]
        out.append("")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the per-year tables instead")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"ICS path (default {OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args()
    problems = validate(FESTIVALS)
    if problems:
        print("refusing to write: the table disagrees with the calendar", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    if args.markdown:
        print(markdown(FESTIVALS))
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(render_ics(FESTIVALS))
    print(f"wrote {args.out} ({len(events(FESTIVALS))} events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
