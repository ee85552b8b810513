#!/usr/bin/env python3
"""Writes calendars/cn-public-holidays.ics from the State Council notices below.

The table in this file is the single place the holiday data is typed in; the
ICS is derived from it, so the two never drift apart. Each item is the
notice's own words ("6月10日放假，与周末连休。"), and the dates are read from
them: a day is an official day off only when the notice's 放假 range names
it, so the ordinary weekend a "与周末连休" break runs into stays a weekend.
The script refuses to write the file if a printed weekday or a stated total
("共N天") disagrees with the real calendar.

    python3 tools/make-holidays.py              # rewrite the ICS
    python3 tools/make-holidays.py --markdown   # print the tables for docs/calendar.md

Standard library only. See docs/calendar.md for how to add a year.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "calendars" / "cn-public-holidays.ics"

# DTSTAMP of every event: when this data was last revised (UTC). Bump it when
# the data changes, so calendar clients see the new version; keep it fixed
# otherwise, so regenerating gives a byte-identical file.
DATA_REVISION = "20261201T000000Z"

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

# How a notice words an item: "<days off>放假[调休]，共N天。<worked days>上班。", or
# "<day>放假，与周末连休。" when the festival day touches a weekend. In the latter
# only the day the notice names is an official day off: the Saturday and
# Sunday beside it are an ordinary weekend (周末), which the notice merely
# says the break runs into. So the days are read from the notice's own words
# below, never typed in a second time: what the notice does not name as 放假
# is not recorded as a holiday.
DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:（([^）]*)）)?")
WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日])$")


@dataclass(frozen=True)
class Named:
    """A date as a notice prints it, with the weekday it prints beside it, if any."""
    date: dt.date
    weekday: str | None  # 一 … 日


def named_dates(text: str, year: int) -> list[Named]:
    """Every "YYYY年M月D日（…）" in `text`; a missing year or month is the
    previous date's ("2月4日至10日"), the first date's year the notice's."""
    out: list[Named] = []
    y, m = year, None
    for match in DATE.finditer(text):
        if match.group(1):
            y = int(match.group(1))
        if match.group(2):
            m = int(match.group(2))
        if m is None:
            raise ValueError(f"no month before “{match.group(0)}” in “{text}”")
        weekday = None
        if match.group(4):
            last = re.split("[、，,]", match.group(4))[-1].strip()
            found = WEEKDAY.search(last)
            weekday = found.group(1) if found else None
        out.append(Named(dt.date(y, m, int(match.group(3))), weekday))
    return out


@dataclass(frozen=True)
class Arrangement:
    """What one item of a notice says, read from its words."""
    off: list[Named]       # the first and, for a range, the last day off
    work: list[Named]      # the weekend days worked (调休上班)
    total: int | None      # "共N天" or "放假N天"
    joined: bool           # "与周末连休"

    @staticmethod
    def read(said: str, year: int) -> "Arrangement":
        sentences = [s for s in said.split("。") if s.strip()]
        holiday = [s for s in sentences if "放假" in s]
        if len(holiday) != 1:
            raise ValueError(f"want one sentence with 放假 in “{said}”")
        before = holiday[0].split("放假")[0]
        off = named_dates(before, year)
        if not 1 <= len(off) <= 2 or (len(off) == 2 and "至" not in before):
            raise ValueError(f"放假 needs “D日” or “D日至D日” in “{holiday[0]}”")
        total = re.search(r"(?:共|放假)(\d+)天", holiday[0])
        work = [d for s in sentences if s.endswith("上班") for d in named_dates(s, off[0].date.year)]
        return Arrangement(off, work, int(total.group(1)) if total else None, "与周末连休" in holiday[0])

    def days_off(self) -> list[dt.date]:
        a, b = self.off[0].date, self.off[-1].date
        return [a + dt.timedelta(n) for n in range((b - a).days + 1)]


@dataclass(frozen=True)
class Festival:
    year: int            # the year of the notice (its December days belong to it too)
    slug: str            # stable part of the UID: yuandan, chunjie, …
    name: str            # as the notice writes it: 国庆节、中秋节
    said: str            # the notice's item after "节名：", word for word
    notices: tuple[str, ...] = ()  # keys of NOTICES, newest first; default: the year's notice
    # A later notice's words that replace `said` as a whole (2019 劳动节).
    amended: str = ""
    # A later notice's words that extend the break to the date after its "至"
    # (2020 春节); a worked day inside the longer break is then not worked.
    extended: str = ""
    note: str = ""

    def sources(self) -> list[Notice]:
        return [NOTICES[k] for k in (self.notices or (str(self.year),))]

    def arrangement(self) -> Arrangement:
        return Arrangement.read(self.amended or self.said, self.year)

    def days_off(self) -> list[dt.date]:
        days = self.arrangement().days_off()
        if self.extended:
            until = named_dates(self.extended.split("至", 1)[1], self.year)[0].date
            days += [days[-1] + dt.timedelta(n) for n in range(1, (until - days[-1]).days + 1)]
        return days

    def workdays(self) -> list[dt.date]:
        off = set(self.days_off())
        return [d.date for d in self.arrangement().work if d.date not in off]

    def ordinary_weekend(self) -> list[dt.date]:
        """The Saturday and Sunday a "与周末连休" break runs into: not days off."""
        if not self.arrangement().joined:
            return []
        off = self.days_off()
        out, d = [], off[0] - dt.timedelta(1)
        while d.weekday() >= 5:
            out.insert(0, d)
            d -= dt.timedelta(1)
        d = off[-1] + dt.timedelta(1)
        while d.weekday() >= 5:
            out.append(d)
            d += dt.timedelta(1)
        return out


F = Festival
FESTIVALS = [
    # 2019 — 国办发明电〔2018〕15号, Labour Day as changed by 国办发明电〔2019〕3号
    F(2019, "yuandan", "元旦", "2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。"),
    F(2019, "chunjie", "春节", "2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。"),
    F(2019, "qingming", "清明节", "4月5日放假，与周末连休。"),
    F(2019, "laodong", "劳动节", "5月1日放假。", notices=("2019-laodong", "2019"),
      amended="2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。",
      note="原通知第四项为“5月1日放假”，已由国办发明电〔2019〕3号调整为5月1日至4日放假调休。"),
    F(2019, "duanwu", "端午节", "6月7日放假，与周末连休。"),
    F(2019, "zhongqiu", "中秋节", "9月13日放假，与周末连休。"),
    F(2019, "guoqing", "国庆节", "10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"),
    # 2020 — 国办发明电〔2019〕16号, Spring Festival extended by 国办发明电〔2020〕1号
    F(2020, "yuandan", "元旦", "2020年1月1日放假，共1天。"),
    F(2020, "chunjie", "春节", "1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。",
      notices=("2020", "2020-chunjie"),
      extended="延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。",
      note="原定1月24日至30日放假调休、共7天，1月19日（星期日）和2月1日（星期六）上班；"
           "国办发明电〔2020〕1号把假期延长至2月2日（星期日），2月3日起正常上班，"
           "原定2月1日上班随之取消。"),
    F(2020, "qingming", "清明节", "4月4日至6日放假调休，共3天。"),
    F(2020, "laodong", "劳动节", "5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。"),
    F(2020, "duanwu", "端午节", "6月25日至27日放假调休，共3天。6月28日（星期日）上班。"),
    F(2020, "guoqing-zhongqiu", "国庆节、中秋节", "10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。"),
    # 2021 — 国办发明电〔2020〕27号
    F(2021, "yuandan", "元旦", "2021年1月1日至3日放假，共3天。"),
    F(2021, "chunjie", "春节", "2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。"),
    F(2021, "qingming", "清明节", "4月3日至5日放假调休，共3天。"),
    F(2021, "laodong", "劳动节", "5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。"),
    F(2021, "duanwu", "端午节", "6月12日至14日放假，共3天。"),
    F(2021, "zhongqiu", "中秋节", "9月19日至21日放假调休，共3天。9月18日（星期六）上班。"),
    F(2021, "guoqing", "国庆节", "10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。"),
    # 2022 — 国办发明电〔2021〕11号
    F(2022, "yuandan", "元旦", "2022年1月1日至3日放假，共3天。"),
    F(2022, "chunjie", "春节", "1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。"),
    F(2022, "qingming", "清明节", "4月3日至5日放假调休，共3天。4月2日（星期六）上班。"),
    F(2022, "laodong", "劳动节", "4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。"),
    F(2022, "duanwu", "端午节", "6月3日至5日放假，共3天。"),
    F(2022, "zhongqiu", "中秋节", "9月10日至12日放假，共3天。"),
    F(2022, "guoqing", "国庆节", "10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。"),
    # 2023 — 国办发明电〔2022〕16号
    F(2023, "yuandan", "元旦", "2022年12月31日至2023年1月2日放假调休，共3天。"),
    F(2023, "chunjie", "春节", "1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。"),
    F(2023, "qingming", "清明节", "4月5日放假，共1天。"),
    F(2023, "laodong", "劳动节", "4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。"),
    F(2023, "duanwu", "端午节", "6月22日至24日放假调休，共3天。6月25日（星期日）上班。"),
    F(2023, "zhongqiu-guoqing", "中秋节、国庆节", "9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。"),
    # 2024 — 国办发明电〔2023〕7号
    F(2024, "yuandan", "元旦", "1月1日放假，与周末连休。"),
    F(2024, "chunjie", "春节", "2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。",
      note="通知“鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息”；"
           "2月9日不是法定放假日，本日历不记。"),
    F(2024, "qingming", "清明节", "4月4日至6日放假调休，共3天。4月7日（星期日）上班。"),
    F(2024, "laodong", "劳动节", "5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。"),
    F(2024, "duanwu", "端午节", "6月10日放假，与周末连休。"),
    F(2024, "zhongqiu", "中秋节", "9月15日至17日放假调休，共3天。9月14日（星期六）上班。"),
    F(2024, "guoqing", "国庆节", "10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"),
    # 2025 — 国办发明电〔2024〕12号 (first year under the 2024 revision of 全国年节及纪念日放假办法)
    F(2025, "yuandan", "元旦", "1月1日（周三）放假1天，不调休。"),
    F(2025, "chunjie", "春节", "1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"),
    F(2025, "qingming", "清明节", "4月4日（周五）至6日（周日）放假，共3天。"),
    F(2025, "laodong", "劳动节", "5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。"),
    F(2025, "duanwu", "端午节", "5月31日（周六）至6月2日（周一）放假，共3天。"),
    F(2025, "guoqing-zhongqiu", "国庆节、中秋节", "10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"),
    # 2026 — 国办发明电〔2025〕7号
    F(2026, "yuandan", "元旦", "1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。"),
    F(2026, "chunjie", "春节", "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。"),
    F(2026, "qingming", "清明节", "4月4日（周六）至6日（周一）放假，共3天。"),
    F(2026, "laodong", "劳动节", "5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。"),
    F(2026, "duanwu", "端午节", "6月19日（周五）至21日（周日）放假，共3天。"),
    F(2026, "zhongqiu", "中秋节", "9月25日（周五）至27日（周日）放假，共3天。"),
    F(2026, "guoqing", "国庆节", "10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"),
]


def validate(festivals: list[Festival]) -> list[str]:
    """Every way the table can disagree with itself or with the calendar."""
    problems = []
    seen: dict[dt.date, str] = {}
    for f in festivals:
        where = f"{f.year} {f.name}"
        try:
            a = f.arrangement()
            off = f.days_off()
        except ValueError as e:
            problems.append(f"{where}: {e}")
            continue
        if a.total is not None and a.total != len(a.days_off()):
            problems.append(f"{where}: notice says {a.total} days but names {len(a.days_off())}")
        if a.joined and a.total is not None:
            problems.append(f"{where}: “与周末连休” with a total: read the notice again")
        for named in a.off + a.work:
            real = WEEKDAY_ZH[named.date.weekday()]
            if named.weekday is not None and named.weekday != real:
                problems.append(f"{where}: {named.date} is 星期{real}, the notice prints {named.weekday}")
        for d in a.work:
            if d.weekday is None:
                problems.append(f"{where}: worked day {d.date} without the weekday the notice prints")
            if d.date.weekday() < 5:
                problems.append(f"{where}: worked day {d.date} is not a Saturday or Sunday")
        for d in off + f.workdays():
            if d in seen:
                problems.append(f"{where}: {d} already used by {seen[d]}")
            seen[d] = where
            if not (dt.date(f.year - 1, 12, 1) <= d <= dt.date(f.year, 12, 31)):
                problems.append(f"{where}: {d} lies outside the notice's year")
    return problems


def restated(f: Festival) -> str:
    off = f.days_off()
    text = f"{f.name}：{off[0].isoformat()}"
    if len(off) > 1:
        text += f" 至 {off[-1].isoformat()}"
    text += f" 放假，共{len(off)}天"
    if f.workdays():
        worked = "、".join(f"{d.isoformat()}（星期{WEEKDAY_ZH[d.weekday()]}）" for d in f.workdays())
        text += f"；{worked} 上班"
    return text + "。"


def weekend_note(f: Festival) -> str:
    """For "与周末连休": the weekend it runs into stays an ordinary weekend."""
    weekend = f.ordinary_weekend()
    if not weekend:
        return ""
    days = "、".join(f"{d.isoformat()}（星期{WEEKDAY_ZH[d.weekday()]}）" for d in weekend)
    return (f"通知原文为“{f.said.rstrip('。')}”：只有所列日期是法定放假日；相连的{days}是普通周末，"
            "不是法定放假日（允许周末授课的课程可以安排）。")


def description(f: Festival) -> str:
    parts = [restated(f), "依据：" + "；".join(n.cite() for n in f.sources()) + "。"]
    parts += [p for p in (weekend_note(f), f.note) if p]
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
        work = sum(len(f.workdays()) for f in these)
        out.append(f"### {year}: {off} days off, {work} weekend days worked\n")
        out.append(f"Notice: {NOTICES[str(year)].cite()}\n")
        out.append("| festival 节日 | the notice's words 通知原文 | days off 放假 | weekend days worked 调休上班 | notice 依据 |")
        out.append("|---|---|---|---|---|")
        for f in these:
            days = f.days_off()
            span = days[0].isoformat() + (f" – {days[-1].isoformat()}" if len(days) > 1 else "")
            span += f" ({len(days)})"
            worked = ", ".join(f"{d.isoformat()} {d:%a}" for d in f.workdays()) or "—"
            cite = " + ".join(n.number for n in f.sources())
            words = f.amended or f.said
            if f.extended:
                words += "<br>" + f.extended
            out.append(f"| {f.name} | {words} | {span} | {worked} | {cite} |")
        notes = [f"{f.name}：{n}" for f in these for n in (weekend_note(f), f.note) if n]
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
