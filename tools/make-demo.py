#!/usr/bin/env python3
"""Make the bundled demo scenarios (stdlib only, deterministic).

    python3 tools/make-demo.py

writes, from scratch each time,
  scenarios/nanyang-2019/          the full 2019 Nanyang scenario (UTF-8, LF)
  scenarios/nanyang-2019-gb18030/  a small scenario saved as Excel/WPS on
                                   Chinese Windows would (GB18030, CRLF,
                                   Chinese headers)
Every person, ID number and phone number is invented. The same seed always
gives byte-identical files: regenerate and commit both script and output.
The format is shared/SCENARIO.md (the contract).
"""
import csv
import datetime as dt
import io
import random
import shutil
from pathlib import Path

SEED = 20190101
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scenarios" / "nanyang-2019"
OUT_GB = ROOT / "scenarios" / "nanyang-2019-gb18030"

D = dt.date.fromisoformat

SCENARIO = [
    ("name", "南阳市2019年返乡创业培训与创业讲师乡村行"),
    ("start", "2019-01-01"),
    ("end", "2019-12-31"),
    ("holidays", "cn-public-holidays.ics"),
    ("max_evening_travel_minutes", "150"),
    ("road_factor", "1.3"),
    ("road_kmh", "60"),
]

# code, name, lat, lon, short tag (venue ids), weight (population-ish),
# agricultural (wheat harvest blackout), townships
COUNTIES = [
    ("411302", "宛城区", 33.004, 112.541, "WC", 10, False,
     ["瓦店镇", "红泥湾镇", "黄台岗镇", "金华乡", "茶庵乡", "汉冢乡", "高庙镇"]),
    ("411303", "卧龙区", 32.989, 112.503, "WL", 10, False,
     ["蒲山镇", "石桥镇", "潦河镇", "安皋镇", "陆营镇", "青华镇", "谢庄镇", "王村乡"]),
    ("411321", "南召县", 33.490, 112.429, "NZ", 6, False,
     ["云阳镇", "皇路店镇", "南河店镇", "板山坪镇", "乔端镇", "白土岗镇", "留山镇",
      "小店乡", "太山庙乡", "四棵树乡", "马市坪乡", "崔庄乡"]),
    ("411322", "方城县", 33.255, 113.012, "FC", 10, True,
     ["赵河镇", "广阳镇", "拐河镇", "独树镇", "博望镇", "券桥镇", "小史店镇",
      "二郎庙镇", "杨集镇", "古庄店镇", "柳河乡"]),
    ("411323", "西峡县", 33.307, 111.473, "XX", 5, False,
     ["丁河镇", "桑坪镇", "米坪镇", "双龙镇", "回车镇", "丹水镇", "西坪镇",
      "重阳镇", "太平镇", "阳城镇", "五里桥镇", "二郎坪镇", "田关乡"]),
    ("411324", "镇平县", 33.034, 112.235, "ZP", 9, True,
     ["石佛寺镇", "晁陂镇", "贾宋镇", "侯集镇", "老庄镇", "卢医镇", "遮山镇",
      "高丘镇", "曲屯镇", "枣园镇", "杨营镇", "安子营镇", "二龙乡", "王岗乡"]),
    ("411325", "内乡县", 33.045, 111.850, "NX", 6, True,
     ["马山口镇", "夏馆镇", "师岗镇", "赤眉镇", "瓦亭镇", "王店镇", "灌涨镇",
      "桃溪镇", "余关镇", "七里坪乡", "大桥乡", "赵店乡"]),
    ("411326", "淅川县", 33.138, 111.490, "XC", 7, True,
     ["荆紫关镇", "老城镇", "香花镇", "厚坡镇", "仓房镇", "盛湾镇", "金河镇",
      "寺湾镇", "九重镇", "马蹬镇", "上集镇", "毛堂乡", "西簧乡", "滔河乡"]),
    ("411327", "社旗县", 33.056, 112.948, "SQ", 6, True,
     ["赊店镇", "桥头镇", "饶良镇", "兴隆镇", "晋庄镇", "李店镇", "苗店镇",
      "郝寨镇", "朱集镇", "下洼镇", "太和镇", "大冯营镇", "陌陂镇"]),
    ("411328", "唐河县", 32.681, 112.807, "TH", 12, True,
     ["源潭镇", "张店镇", "郭滩镇", "湖阳镇", "黑龙镇", "大河屯镇", "龙潭镇",
      "桐寨铺镇", "苍台镇", "上屯镇", "毕店镇", "少拜寺镇", "祁仪镇", "马振抚镇",
      "古城乡", "东王集乡", "桐河乡"]),
    ("411329", "新野县", 32.520, 112.360, "XY", 7, True,
     ["王庄镇", "沙堰镇", "新甸铺镇", "施庵镇", "歪子镇", "五星镇", "溧河铺镇",
      "王集镇", "上港乡", "樊集乡", "上庄乡"]),
    ("411330", "桐柏县", 32.380, 113.428, "TB", 5, True,
     ["埠江镇", "平氏镇", "淮源镇", "朱庄镇", "月河镇", "吴城镇", "固县镇",
      "毛集镇", "大河镇", "安棚镇", "程湾镇", "黄岗镇", "新集乡"]),
    ("411381", "邓州市", 32.688, 112.087, "DZ", 14, True,
     ["穰东镇", "构林镇", "孟楼镇", "林扒镇", "罗庄镇", "汲滩镇", "彭桥镇",
      "张村镇", "刘集镇", "赵集镇", "九龙镇", "腰店镇", "文渠镇", "高集镇",
      "桑庄镇", "白牛镇", "十林镇", "陶营镇", "小杨营镇", "都司镇"]),
    ("NY-GX", "南阳高新技术产业开发区", 32.985, 112.455, "GX", 2, False,
     ["张衡街道", "新店乡"]),
    ("NY-SF", "南阳市城乡一体化示范区", 32.955, 112.600, "SF", 2, False,
     ["溧河乡", "白河街道", "枣林街道", "姜营街道"]),
    ("NY-GZ", "官庄工区", 32.868, 112.738, "GZ", 1, True,
     ["官庄镇", "刘庄社区", "王营社区"]),
    ("NY-YH", "鸭河工区", 33.268, 112.654, "YH", 1, False,
     ["英庄镇", "鸭河口社区", "张庄社区"]),
]
CODE = {c[0]: c for c in COUNTIES}
BY_NAME = {c[1]: c for c in COUNTIES}
TAG = {c[4]: c[0] for c in COUNTIES}
# GB 11643 area code used for people registered in a functional zone
ID_AREA = {"NY-GX": "411303", "NY-SF": "411302", "NY-GZ": "411302", "NY-YH": "411303"}

KINDS = [
    # code, name, category, days, min_seats, max_seats, trainers, weekends
    ("awareness", "创业意识培训", "training", 3, 20, 40, 1, "yes"),
    ("capability", "创业能力提升培训", "training", 5, 20, 35, 2, "no"),
    ("service", "创业服务业务培训", "training", 2, 15, 40, 1, "no"),
    ("village-tour", "创业讲师乡村行", "mentoring", 1, 0, 0, 2, "no"),
]
KIND = {k[0]: k for k in KINDS}

# Road names for invented addresses, per county tag.
ROADS = {
    "WC": ["仲景路", "中州路", "独山大道", "建设东路"], "WL": ["卧龙路", "七一路", "车站路", "武侯路"],
    "NZ": ["丹霞大道", "人民路", "云阳路"], "FC": ["释之路", "凤瑞路", "裕州路"],
    "XX": ["白羽路", "灌河路", "仲景大道"], "ZP": ["玉都大道", "涅阳路", "健康路"],
    "NX": ["菊潭大街", "县衙路", "范蠡大街"], "XC": ["丹江大道", "灵秀路", "渠首路"],
    "SQ": ["赊店大道", "建设路", "长春大道"], "TH": ["文峰路", "建设路", "友兰大道", "滨河路"],
    "XY": ["汉城路", "书院路", "朝阳路"], "TB": ["淮源大道", "淮安街", "大禹路"],
    "DZ": ["新华路", "团结路", "三贤路", "穰城路"], "GX": ["张衡路", "信臣路", "工业北路"],
    "SF": ["范蠡东路", "光武东路", "白河大道"], "GZ": ["官庄大道", "工业路"],
    "YH": ["鸭河大道", "英庄路"],
}

SURNAMES_COMMON = list(
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫"
    "段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤裴岳楚")
SURNAMES_HEAVY = list("王李张刘陈杨赵")  # Henan's commonest, weighted up
SURNAMES_RARE = ["单", "曾", "解", "区", "仇", "查", "朴", "盖", "覃", "乐", "缪", "翟",
                 "欧阳", "司马", "诸葛", "上官", "尉迟", "万俟", "皇甫", "令狐"]
GIVEN_M_OLD = ["建国", "建军", "建华", "国强", "志强", "永强", "卫东", "红伟", "保国", "新民",
               "振华", "长松", "书林", "德胜", "春生", "金山", "玉林", "伟", "军", "勇", "刚",
               "平", "明", "华", "斌", "海", "峰", "庆", "亮", "东"]
GIVEN_M_YOUNG = ["浩", "宇", "鹏", "凯", "杰", "涛", "磊", "超", "帅", "旭", "鑫", "博",
                 "浩然", "子豪", "宇航", "俊杰", "晓东", "海涛", "志远", "家豪", "一帆", "明辉",
                 "天宇", "文博", "振宇", "嘉伟", "冠军", "世杰", "梓轩", "晨阳"]
GIVEN_F_OLD = ["秀英", "桂兰", "玉梅", "丽娟", "晓燕", "春霞", "雪梅", "海燕", "艳红", "秀兰",
               "凤琴", "玉兰", "红梅", "素珍", "芳", "丽", "霞", "萍", "娟", "敏", "静", "燕",
               "玲", "梅"]
GIVEN_F_YOUNG = ["婷", "倩", "颖", "雪", "洁", "瑶", "欣", "蕊", "娜", "佳", "亚楠", "梦瑶",
                 "雨涵", "思雨", "佳琪", "欣怡", "晓彤", "梦洁", "静怡", "一诺", "紫涵", "雅琪",
                 "丹丹", "晶晶", "园园"]
# Names whose reading the planner cannot guess from the characters: pinyin given.
PINYIN_NAMES = [
    ("单雄", "Shan Xiong", "男"), ("曾强", "Zeng Qiang", "男"), ("解放", "Xie Fang", "男"),
    ("区华", "Ou Hua", "男"), ("仇红", "Qiu Hong", "女"), ("查文", "Zha Wen", "男"),
    ("朴敏", "Piao Min", "女"), ("盖伟", "Ge Wei", "男"), ("覃丽", "Qin Li", "女"),
    ("乐平", "Yue Ping", "男"), ("缪静", "Miao Jing", "女"), ("翟军", "Zhai Jun", "男"),
    ("万俟明", "Moqi Ming", "男"), ("尉迟刚", "Yuchi Gang", "男"), ("单秀英", "Shan Xiuying", "女"),
]

PROJECTS_LOCAL = {
    "WC": ["月季苗木", "电商直播带货", "餐饮小吃", "汽车美容"],
    "WL": ["月季苗木", "电商直播带货", "玉器网店", "社区团购"],
    "NZ": ["辛夷种植", "柞蚕养殖", "香菇种植", "山地养鸡"],
    "FC": ["艾草加工", "丹参种植", "烟叶种植", "肉牛养殖"],
    "XX": ["香菇种植", "猕猴桃种植", "山茱萸加工", "民宿"],
    "ZP": ["玉雕加工", "金鱼养殖", "地毯编织", "玉器直播"],
    "NX": ["生猪养殖", "山茱萸种植", "民宿", "食用菌"],
    "XC": ["丹江鱼养殖", "软籽石榴种植", "农家乐", "茶叶种植"],
    "SQ": ["蔬菜大棚", "酱菜加工", "白酒酿造", "花生种植"],
    "TH": ["红薯粉条加工", "肉牛养殖", "花生种植", "艾草加工"],
    "XY": ["纺织加工", "肉牛养殖", "蔬菜种植", "电商直播带货"],
    "TB": ["茶叶种植", "中药材种植", "民宿", "山羊养殖"],
    "DZ": ["小麦良种繁育", "生猪养殖", "彩色苗木", "农机服务"],
    "GX": ["软件外包", "跨境电商", "智能制造配套"],
    "SF": ["物流配送", "家政服务", "月季苗木"],
    "GZ": ["生猪养殖", "蔬菜种植", "农家乐"],
    "YH": ["水产养殖", "农家乐", "民宿"],
}
PROJECTS_ANY = ["艾草加工", "电商直播带货", "农家乐", "家庭农场", "小吃店", "快递驿站",
                "家政服务", "美容美发", "汽车维修", "服装加工", "蛋鸡养殖", "中蜂养殖",
                "农资销售", "光伏发电", "手工布鞋", "建材销售"]
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                  "151", "152", "155", "156", "157", "158", "159", "180", "181", "182",
                  "183", "185", "186", "187", "188", "189"]

# Classes per county: (awareness, capability, service).
CLASSES = {
    "411381": (6, 5, 2), "411328": (5, 5, 1), "411302": (5, 4, 2), "411303": (5, 4, 1),
    "411324": (5, 4, 1), "411322": (5, 4, 0), "411329": (4, 3, 0), "411326": (4, 2, 0),
    "411321": (3, 2, 0), "411325": (3, 2, 0), "411327": (3, 2, 0), "411323": (3, 2, 1),
    "411330": (3, 2, 0), "NY-GX": (1, 1, 1), "NY-SF": (1, 1, 0), "NY-GZ": (1, 1, 0),
    "NY-YH": (1, 1, 0),
}

rng = random.Random(SEED)
used_phones = set()
used_ids = set()


# ---------------------------------------------------------------- helpers
def write_csv(path, header, rows, encoding="utf-8", newline="\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def phone():
    while True:
        p = rng.choice(PHONE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
        if p not in used_phones:
            used_phones.add(p)
            return p


def check_digit(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(first17, weights))
    return "10X98765432"[s % 11]


def id_number(area, birth, male):
    while True:
        seq = rng.randint(1, 99) * 10 + rng.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        n = first17 + check_digit(first17)
        if n not in used_ids:
            used_ids.add(n)
            return n


def person_name(male, birth_year, rare_share=0.06):
    r = rng.random()
    if r < rare_share:
        surname = rng.choice(SURNAMES_RARE)
    elif r < 0.45:
        surname = rng.choice(SURNAMES_HEAVY)
    else:
        surname = rng.choice(SURNAMES_COMMON)
    young = birth_year >= 1985
    pool = (GIVEN_M_YOUNG if young else GIVEN_M_OLD) if male else \
           (GIVEN_F_YOUNG if young else GIVEN_F_OLD)
    return surname + rng.choice(pool)


# ------------------------------------------------------------------ ics
DTSTAMP = "20181220T080000Z"
VTIMEZONE = ["BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD",
             "DTSTART:19700101T000000", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800",
             "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"]


def fold(line):
    """RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space),
    never inside a UTF-8 character."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74
        if size + n > limit:
            out.append(cur)
            cur, size = "", 0
        cur += ch
        size += n
    out.append(cur)
    return "\r\n ".join(out)


def esc(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def write_ics(path, cal_name, uid_base, events):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             "PRODID:-//Xiangxing//Nanyang demo scenario//ZH", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:" + esc(cal_name), "X-WR-TIMEZONE:Asia/Shanghai"]
    if any("TZID=Asia/Shanghai" in p for ev in events for p in ev["props"]):
        lines += VTIMEZONE
    for i, ev in enumerate(events, 1):
        lines += ["BEGIN:VEVENT", f"UID:{uid_base}-{i:02d}@xiangxing.example",
                  "DTSTAMP:" + DTSTAMP, "SUMMARY:" + esc(ev["summary"])]
        lines += ev["props"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\r\n".join(fold(l) for l in lines) + "\r\n").encode("utf-8"))


def allday(summary, first, last, extra=()):
    """All-day block from first to last inclusive (DTEND is exclusive)."""
    end = D(last) + dt.timedelta(days=1)
    return {"summary": summary,
            "props": [f"DTSTART;VALUE=DATE:{D(first):%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                      *extra]}


def timed(summary, day, start, end, extra=(), tz=True):
    d = D(day)
    pre = ";TZID=Asia/Shanghai" if tz else ""
    return {"summary": summary,
            "props": [f"DTSTART{pre}:{d:%Y%m%d}T{start.replace(':', '')}00",
                      f"DTEND{pre}:{d:%Y%m%d}T{end.replace(':', '')}00", *extra]}


def first_weekday_on_or_after(day, weekday):
    d = D(day)
    return d + dt.timedelta(days=(weekday - d.weekday()) % 7)


BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# UNTIL in UTC for timed events: 23:59:59 Shanghai = 15:59:59Z
SPRING = ("2019-02-25", "20190621T155959Z")
AUTUMN = ("2019-09-02", "20191227T155959Z")


def lecturer_events(school, course, weekdays, cap_holder):
    evs = []
    start, end = ("08:00", "11:40") if rng.random() < 0.5 else ("14:30", "17:50")
    for (first, until), term in ((SPRING, "春季学期"), (AUTUMN, "秋季学期")):
        d0 = first_weekday_on_or_after(first, weekdays[0])
        extra = [f"RRULE:FREQ=WEEKLY;BYDAY={','.join(BYDAY[w] for w in weekdays)};UNTIL={until}",
                 f"LOCATION:{school}"]
        if term == "春季学期":
            # no class in the Qingming / May Day weeks: EXDATE those dates
            exd = [d for d in (D("2019-04-05"), D("2019-05-01"), D("2019-05-02"), D("2019-05-03"))
                   if d.weekday() in weekdays]
            if exd:
                extra.append("EXDATE;TZID=Asia/Shanghai:" +
                             ",".join(f"{d:%Y%m%d}T{start.replace(':', '')}00" for d in exd))
            if rng.random() < 0.5:
                # a make-up lesson on the adjusted working Sunday 2019-04-28
                extra.append(f"RDATE;TZID=Asia/Shanghai:20190428T{start.replace(':', '')}00")
        else:
            exd = [d for d in (D("2019-10-01"), D("2019-10-02"), D("2019-10-03"),
                               D("2019-10-04")) if d.weekday() in weekdays]
            if exd:
                extra.append("EXDATE;TZID=Asia/Shanghai:" +
                             ",".join(f"{d:%Y%m%d}T{start.replace(':', '')}00" for d in exd))
        evs.append(timed(f"{school}《{course}》授课（{term}）", d0.isoformat(), start, end, extra))
    evs.append(allday(f"{school}期末考试监考", "2019-06-24", "2019-06-28"
                      if not cap_holder else "2019-06-25"))
    if rng.random() < 0.5:
        evs.append(allday(f"{school}新生入学教育", "2019-08-29", "2019-08-30"))
    return evs


def official_events(office):
    evs = []
    if rng.random() < 0.6:
        ev = timed(f"{office}创业就业工作月例会", "2019-01-07", "09:00", "11:30",
                   ["RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20191231T155959Z",
                    # first Mondays that fall in Spring Festival / National Day
                    "EXDATE;TZID=Asia/Shanghai:20190204T090000,20191007T090000"])
        if rng.random() < 0.5:
            ev["props"].append("RDATE;TZID=Asia/Shanghai:20190211T090000")
        evs.append(ev)
    else:
        evs.append(allday(f"{office}月度工作例会（全天）", "2019-01-07", "2019-01-07",
                          ["RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=12",
                           "EXDATE;VALUE=DATE:20190204,20191007"]))
    # annual leave, one or two blocks, never in September (tour month)
    month = rng.choice([1, 3, 7, 8, 11, 12])
    day = rng.randint(7, 18)
    first = dt.date(2019, month, day)
    evs.append(allday("年休假", first.isoformat(), (first + dt.timedelta(days=rng.randint(3, 8))).isoformat()))
    if rng.random() < 0.4:
        evs.append(allday("市人社局业务培训（郑州）", "2019-07-08", "2019-07-12"))
    return evs


def entrepreneur_events(business):
    evs = []
    m = rng.choice([3, 4, 10, 11])
    first = dt.date(2019, m, rng.randint(4, 20))
    evs.append(allday(f"{business}：生产旺季在基地", first.isoformat(),
                      (first + dt.timedelta(days=rng.randint(4, 9))).isoformat()))
    if rng.random() < 0.5:
        evs.append(timed(f"{business}直播带货固定场", "2019-03-01", "19:30", "21:30",
                         ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=12"]))
    if rng.random() < 0.5:
        first = dt.date(2019, rng.choice([2, 5, 8, 12]), rng.randint(11, 20))
        evs.append(allday("家中有事（请假）", first.isoformat(),
                          (first + dt.timedelta(days=rng.randint(0, 2))).isoformat()))
    return evs


# --------------------------------------------------------- nanyang-2019
def make_counties():
    rows = [(c[0], c[1], f"{c[2]:.3f}", f"{c[3]:.3f}") for c in COUNTIES]
    write_csv(OUT / "counties.csv", ["code", "name", "lat", "lon"], rows)


def make_kinds():
    write_csv(OUT / "kinds.csv",
              ["code", "name", "category", "days", "min_seats", "max_seats", "trainers", "weekends"],
              [(k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]) for k in KINDS])


def venue_rows():
    rows = []
    for c in COUNTIES:
        code, name, tag = c[0], c[1], c[4]
        roads = ROADS[tag]
        short = name if not code.startswith("NY-") else {
            "NY-GX": "南阳高新区", "NY-SF": "南阳市城乡一体化示范区",
            "NY-GZ": "官庄工区", "NY-YH": "鸭河工区"}[code]
        prefix = "河南省南阳市" + ("" if code.startswith("NY-") else name)
        if code.startswith("NY-"):
            v = [(f"{short}人力资源和社会保障局职业技能培训中心" if code != "NY-GZ"
                  else "官庄工区社会事业局培训室", rng.choice([60, 80, 100]))]
            if code == "NY-GX":
                v.append(("南阳高新区创业服务中心路演厅", 120))
            elif code == "NY-SF":
                v.append(("南阳市城乡一体化示范区电子商务产业园培训室", 50))
            t = c[7][0]
            v.append((f"{short}{t}便民服务中心会议室", rng.choice([30, 40])))
            if code == "NY-YH":
                v = v[:2]
        else:
            v = [(f"{name}人力资源和社会保障局职业技能培训中心", rng.choice([60, 80, 100, 120])),
                 (f"{name}返乡创业孵化园" if tag not in ("ZP", "XX")
                  else {"ZP": "镇平县玉雕电商产业园培训室", "XX": "西峡县返乡创业园（香菇产业）"}[tag],
                  rng.choice([40, 50, 60]))]
            if c[5] >= 6:
                t = rng.choice(c[7])
                v.append((f"{name}{t}便民服务中心会议室", rng.choice([30, 35, 40, 45])))
        for i, (vname, seats) in enumerate(v, 1):
            road = roads[(i - 1) % len(roads)]
            addr = f"{prefix}{road}{rng.randint(8, 399)}号"
            if "便民服务中心" in vname:
                t = vname.replace(short, "").split("便民")[0]
                addr = f"{prefix}{t}{rng.choice(['政府街', '人民路', '中心街', '新华街'])}{rng.randint(1, 88)}号"
            rows.append([f"{tag}-{i}", code, vname, addr, seats, ""])
    return rows


VENUE_CALENDARS = {
    "TH-2": ("唐河县返乡创业孵化园 场地占用", [
        allday("孵化园项目路演日（场地占用）", "2019-03-06", "2019-03-06",
               ["RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20191225"]),
        allday("孵化园内部装修", "2019-07-15", "2019-07-26")]),
    "DZ-1": ("邓州市职业技能培训中心 考场安排", [
        allday("职业技能鉴定考试（考场占用）", "2019-01-10", "2019-01-10",
               ["RRULE:FREQ=MONTHLY;BYDAY=2TH;UNTIL=20191231",
                "EXDATE;VALUE=DATE:20190214"]),
        allday("全国计算机等级考试考场", "2019-03-29", "2019-03-31",
               ["RDATE;VALUE=DATE:20190927"])]),
    "WC-1": ("宛城区职业技能培训中心", [
        allday("全市职业技能大赛（宛城赛区）", "2019-10-21", "2019-10-25"),
        timed("区人社局周一例会（占用会议室）", "2019-01-07", "08:30", "10:00",
              ["RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20190329T155959Z"])]),
    "XC-1": ("淅川县职业技能培训中心", [
        allday("南水北调移民技能培训（包班）", "2019-04-15", "2019-04-26"),
        allday("南水北调移民技能培训（包班）", "2019-11-04", "2019-11-08")]),
}


def make_venues():
    rows = venue_rows()
    for r in rows:
        if r[0] in VENUE_CALENDARS:
            r[5] = f"calendars/venue-{r[0]}.ics"
            title, evs = VENUE_CALENDARS[r[0]]
            write_ics(OUT / r[5], title, f"venue-{r[0]}", evs)
    write_csv(OUT / "venues.csv", ["id", "county", "name", "address", "seats", "calendar"], rows)
    return rows


TRAINER_HOMES = (["411302"] * 12 + ["411303"] * 11 + ["NY-GX"] * 2 + ["NY-SF"] +
                 ["411381"] * 5 + ["411328"] * 5 + ["411324"] * 3 + ["411322"] * 3 +
                 ["411329"] * 2 + ["411326"] * 3 + ["411321"] * 2 + ["411325"] * 2 +
                 ["411327"] * 2 + ["411323"] * 3 + ["411330"] * 2 + ["NY-GZ"] + ["NY-YH"])
TRAINER_FIXED_NAMES = {1: "单志刚", 5: "曾晓梅", 9: "解红伟", 14: "欧阳文博", 22: "司马丽娟",
                       31: "诸葛明辉", 40: "曾庆华", 47: "单丹丹"}


def make_trainers():
    assert len(TRAINER_HOMES) == 60
    homes = TRAINER_HOMES[:]
    rng.shuffle(homes)
    n = 60
    idx = list(range(n))
    cap = set(rng.sample(idx, 30))
    svc = set(rng.sample(idx, 15))
    tour = set(rng.sample(idx, 30))
    noaw = set(rng.sample(sorted(set(idx) - cap), 6))  # specialists without awareness
    with_cal = sorted(rng.sample(idx, 40))
    roles = {}
    # lecturers: 12, mostly not capability holders (a weekly class blocks
    # every 5-weekday run during term)
    cands_nc = [i for i in with_cal if i not in cap]
    cands_c = [i for i in with_cal if i in cap]
    lect = rng.sample(cands_nc, 9) + rng.sample(cands_c, 3)
    rest = [i for i in with_cal if i not in lect]
    rng.shuffle(rest)
    for i in lect:
        roles[i] = "lecturer"
    for j, i in enumerate(rest):
        roles[i] = "official" if j % 2 == 0 else "entrepreneur"
    transparent_for = rest[0]
    floating_for = rest[1]
    rows = []
    names = set()
    for i in range(n):
        tid = f"T{i + 1:03d}"
        male = rng.random() < 0.68
        name = TRAINER_FIXED_NAMES.get(i + 1)
        while name is None or (name in names and (i + 1) not in TRAINER_FIXED_NAMES):
            name = person_name(male, rng.randint(1965, 1990), rare_share=0.1)
        names.add(name)
        q = []
        if i not in noaw:
            q.append("awareness")
        if i in cap:
            q.append("capability")
        if i in svc:
            q.append("service")
        if i in tour:
            q.append("village-tour")
        if not q:
            q.append("service")
        home = homes[i]
        cal = ""
        if i in roles:
            cal = f"calendars/trainer-{tid}.ics"
            role = roles[i]
            if role == "lecturer":
                school = rng.choice(["南阳理工学院", "南阳师范学院"])
                course = rng.choice(["创业基础", "大学生KAB创业基础", "创新创业实务", "电子商务创业"])
                wd = rng.choice([[1], [3], [0], [1, 3], [2], [0, 2]])
                evs = lecturer_events(school, course, wd, i in cap)
            elif role == "official":
                office = f"{CODE[home][1]}人社局" if not home.startswith("NY-") else "南阳市人社局"
                evs = official_events(office)
            else:
                evs = entrepreneur_events(rng.choice(PROJECTS_LOCAL[CODE[home][4]]))
            if i == transparent_for:
                evs.append(timed("中国创业培训网线上直播课（手机收看，不影响出差）", "2019-03-06",
                                 "19:30", "21:00",
                                 ["RRULE:FREQ=WEEKLY;BYDAY=WE;COUNT=30", "TRANSP:TRANSPARENT"]))
            if i == floating_for:
                # no TZID and no Z: a floating time, read as Asia/Shanghai
                evs.append(timed("体检（市第一人民医院）", "2019-05-14", "07:30", "11:00", tz=False))
            if i == lect[0]:
                # exported from an online calendar in UTC: 09:00-12:00 Shanghai
                evs.append({"summary": "南阳市创业大赛评审",
                            "props": ["DTSTART:20191016T010000Z", "DTEND:20191016T040000Z"]})
            write_ics(OUT / cal, f"{name}的日程", f"trainer-{tid}", evs)
        rows.append([tid, name, home, ";".join(q), rng.randint(8, 16), cal, phone()])
    write_csv(OUT / "trainers.csv",
              ["id", "name", "home_county", "qualifications", "max_days_per_month", "calendar",
               "phone"], rows)
    return rows


def demand_rows():
    """Split each county's classes into rows with realistic windows: spring
    awareness before the wheat harvest, autumn awareness after National Day,
    capability in a spring push and again from summer, service in summer."""
    rows = []
    n = 0
    for c in COUNTIES:
        code = c[0]
        a, k, s = CLASSES[code]
        plan = []
        if a >= 4:
            spring = (a + 1) // 2
            plan.append(("awareness", spring, "2019-03-01", "2019-05-24"))
            plan.append(("awareness", a - spring, "2019-10-08", "2019-11-29"))
        else:
            plan.append(("awareness", a, "2019-03-01", "2019-06-28"))
        if k >= 4:
            plan.append(("capability", 2, "2019-03-11", "2019-04-30"))
            plan.append(("capability", k - 2, "2019-06-17", "2019-08-16"))
        else:
            plan.append(("capability", k, "2019-04-01", "2019-07-31"))
        if s:
            plan.append(("service", s, "2019-05-06", "2019-07-31"))
        for kind, cl, e, l in plan:
            n += 1
            rows.append([f"D{n:03d}", code, kind, cl, e, l])
    return rows


def make_demand():
    rows = demand_rows()
    write_csv(OUT / "demand.csv", ["id", "county", "kind", "classes", "earliest", "latest"], rows)
    return rows


SEPT_DAYS = {"411381": 3, "411328": 3, "411302": 2, "411303": 2, "411324": 3, "411322": 3,
             "411329": 2, "411326": 2, "411321": 2, "411325": 2, "411327": 2, "411323": 2,
             "411330": 2, "NY-GX": 1, "NY-SF": 1, "NY-GZ": 1, "NY-YH": 1}
SPRING_STOPS = [("411321", 2), ("411323", 2), ("411325", 1), ("411326", 2), ("411330", 2),
                ("411322", 1), ("411327", 1), ("411324", 1)]


def spread(total, weights):
    raw = [total * w / sum(weights) for w in weights]
    out = [int(round(x / 10.0)) * 10 for x in raw]
    out[0] += total - sum(out)
    return out


def make_tours():
    tours = [["XCX-2019-04", "2019年春季创业讲师乡村行（山区县）", "village-tour", "2019-04-08",
              "2019-05-24", 3],
             ["XCX-2019-09", "2019年创业讲师乡村行", "village-tour", "2019-09-02", "2019-09-30", 6]]
    write_csv(OUT / "tours.csv", ["id", "name", "kind", "earliest", "latest", "teams"], tours)
    stops = []
    sw = [CODE[c][5] * d + rng.randint(0, 3) for c, d in SPRING_STOPS]
    for (c, d), m in zip(SPRING_STOPS, spread(1200, sw)):
        stops.append(["XCX-2019-04", c, d, m])
    codes = [c[0] for c in COUNTIES]
    ww = [CODE[c][5] * 2 + SEPT_DAYS[c] * 4 + rng.randint(0, 4) for c in codes]
    for c, m in zip(codes, spread(6000, ww)):
        stops.append(["XCX-2019-09", c, SEPT_DAYS[c], m])
    write_csv(OUT / "stops.csv", ["tour", "county", "days", "mentees"], stops)
    return tours, stops


def make_blackouts():
    rows = []
    # 三夏: the south ripens first
    wheat = {"411381": ("2019-05-25", "2019-06-08"), "411329": ("2019-05-25", "2019-06-08"),
             "411328": ("2019-05-25", "2019-06-08"), "411327": ("2019-05-27", "2019-06-10"),
             "411322": ("2019-05-28", "2019-06-10"), "411324": ("2019-05-27", "2019-06-10"),
             "411325": ("2019-05-27", "2019-06-10"), "411326": ("2019-05-26", "2019-06-09"),
             "411330": ("2019-05-26", "2019-06-09"), "NY-GZ": ("2019-05-25", "2019-06-08")}
    for c in COUNTIES:
        if c[0] in wheat:
            rows.append([c[0], *wheat[c[0]], "三夏麦收"])
    # 秋收 (peanut, soybean, corn): three counties, after their tour stops can
    # still happen in the first half of September
    for code in ("411329", "411327", "411330"):
        rows.append([code, "2019-09-20", "2019-10-10", "秋收"])
    rows.append(["*", "2019-04-18", "2019-04-18", "全市返乡创业工作推进会（讲师与场地统一调用）"])
    rows.append(["411302", "2019-11-05", "2019-11-06", "区人大代表换届选举"])
    write_csv(OUT / "blackouts.csv", ["county", "start", "end", "reason"], rows)


def make_travel():
    rows = [
        ["411323", "411326", 78, 105],   # 西峡–淅川 by the mountain road (G209/S335)
        ["411330", "411328", 72, 85],    # 桐柏–唐河 by S240
        ["411321", "411323", 170, 185],  # 南召–西峡: over the Funiu mountains
        ["411326", "411381", 58, 70],    # 淅川–邓州
        ["411323", "411302", 118, 85],   # 西峡–宛城 by the G40 expressway, faster than the estimate
        ["411330", "411302", 128, 100],  # 桐柏–宛城 by the expressway
    ]
    write_csv(OUT / "travel.csv", ["from", "to", "km", "minutes"], rows)


def make_attendees(demand):
    # total classes per county × kind
    need = {}
    for _, code, kind, cl, _, _ in demand:
        need[(code, kind)] = need.get((code, kind), 0) + cl
    per_class = {"awareness": (27, 38), "capability": (26, 34), "service": (22, 36)}
    rows = []
    aw_people = {}  # county -> persons who did awareness, some come back for capability
    special = list(PINYIN_NAMES)
    rng.shuffle(special)
    for c in COUNTIES:
        code, tag = c[0], c[4]
        for kind in ("awareness", "capability", "service"):
            cl = need.get((code, kind), 0)
            if not cl:
                continue
            lo, hi = per_class[kind]
            total = sum(rng.randint(lo, hi) for _ in range(cl))
            kmin, kmax = KIND[kind][4], KIND[kind][5]
            assert cl * kmin <= total <= cl * kmax
            people = []
            if kind == "capability":
                back = aw_people.get(code, [])
                people += rng.sample(back, min(len(back), max(1, total // 12)))
            while len(people) < total:
                male = rng.random() < (0.62 if kind != "service" else 0.45)
                year = rng.randint(1965, 2000)
                birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
                pinyin = ""
                if special and rng.random() < 0.005:
                    name, pinyin, g = special.pop()
                    male = g == "男"
                else:
                    name = person_name(male, year)
                idn = id_number(ID_AREA.get(code, code), birth, male)
                township = rng.choice(c[7])
                project = rng.choice(PROJECTS_LOCAL[tag]) if rng.random() < 0.6 \
                    else rng.choice(PROJECTS_ANY)
                people.append([idn, name, "男" if male else "女", phone(), code, township,
                               None, project, pinyin])
            for p in people:
                r = p[:]
                r[6] = kind
                rows.append(r)
            if kind == "awareness":
                aw_people[code] = people
    # leftover special names go to the first awareness rows' county (keeps them present)
    for name, pinyin, g in special:
        code = "411328"
        c = CODE[code]
        male = g == "男"
        year = rng.randint(1970, 1998)
        birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        row = [id_number(code, birth, male), name, g, phone(), code, rng.choice(c[7]),
               "awareness", rng.choice(PROJECTS_LOCAL["TH"]), pinyin]
        # replace one ordinary Tanghe awareness person to keep counts unchanged
        for j, r in enumerate(rows):
            if r[4] == code and r[6] == "awareness" and not r[8] and \
                    not any(x[0] == r[0] and x[6] != "awareness" for x in rows):
                rows[j] = row
                break
    write_csv(OUT / "attendees.csv",
              ["id_number", "name", "gender", "phone", "county", "township", "kind", "project",
               "pinyin"], rows)
    return rows


README = """\
# nanyang-2019 — 南阳市2019年返乡创业培训与创业讲师乡村行（演示数据）

由 `tools/make-demo.py` 生成（固定随机种子，可重复生成）；请勿手工修改，改脚本后重新运行。
格式见 SCENARIO.md。

**所有人员姓名、身份证号、手机号、地址均为虚构。** 身份证号符合 GB 11643 校验规则，
但不对应任何真实的人；手机号为随机生成的 11 位号码。县区驻地坐标为近似值。

## 内容

| 文件 | 内容 |
|---|---|
| scenario.csv | 计划期 2019-01-01 至 2019-12-31，法定节假日取 `cn-public-holidays.ics`（项目 `calendars/` 目录），晚间最长转场 150 分钟 |
| counties.csv | 南阳市 17 个县级单位（13 个县市区 + 4 个功能区） |
| kinds.csv | 创业意识培训、创业能力提升培训、创业服务业务培训、创业讲师乡村行 |
| venues.csv | {venues} 个培训场地，其中 {venue_cals} 个带占用日历（`calendars/venue-*.ics`） |
| trainers.csv | {trainers} 名创业讲师，{trainer_cals} 人带个人日历（`calendars/trainer-*.ics`：高校授课、月度例会、年休假等） |
| demand.csv | {demand_rows} 行培训需求，共 {classes} 期 |
| tours.csv / stops.csv | 春季山区县乡村行（3 个小组）与 9 月全市乡村行（6 个小组，17 个县区），{stops} 站，共 {mentees} 人次 |
| blackouts.csv | 三夏麦收、秋收、全市会议等不能办班的日期 |
| attendees.csv | {attendees} 条报名记录（{people} 人，部分学员先参加意识培训再参加能力提升培训） |
| travel.csv | 几条按实际道路估计的路程（山路、高速），其余按球面距离 × 1.3、60 km/h 估算 |
| targets.csv | 全年目标 3500 培训、7200 帮扶人次的分解（`xiangxing targets` 生成；scenario.csv 中 target_training、target_mentoring、completion_share） |
| milestones.csv | 2019 年工作节点与责任单位（手工编写，见 docs/programme.md） |
| attendance/ | 截至 2019-09-30 的模拟出勤记录（`xiangxing generate attendance` 生成，见其中 README.md） |

日历路径写作相对场景目录的 `calendars/trainer-T001.ics`；节假日日历不在本目录，在项目的 `calendars/` 目录。

## 县区代码

13 个县市区用 GB/T 2260 代码；4 个功能区没有国家代码，用本地代码。功能区学员的身份证前六位
取所在城区代码（高新区、鸭河工区 411303，示范区、官庄工区 411302）。

| 代码 | 名称 | 说明 |
|---|---|---|
{codes}

# nanyang-2019 — Nanyang 2019 return-home entrepreneurship training and mentor village tour (demo)

Generated by `tools/make-demo.py` with a fixed seed (re-run it, do not edit by hand). The format is
SCENARIO.md.

**Every name, ID number, phone number and address here is invented.** ID numbers pass the GB 11643
check digit but belong to no one; county seat coordinates are approximate.

What is in it: the 17 county-level units of Nanyang (13 GB/T 2260 counties and districts, plus 4
functional zones with local codes `NY-GX`, `NY-SF`, `NY-GZ`, `NY-YH`), {venues} venues ({venue_cals}
with an availability calendar), {trainers} trainers ({trainer_cals} with a personal calendar: weekly
university teaching, monthly meetings, leave, one transparent event, EXDATE/RDATE, timed events in
Asia/Shanghai, one in UTC, one floating), {demand_rows} demand rows ({classes} classes), a spring and a
September mentoring tour ({stops} stops, {mentees} mentee person-times), harvest blackouts, {attendees}
enrolments ({people} distinct people; some take awareness and then capability training) and a few
road-distance overrides (estimates for mountain roads and expressways). The programme year
(docs/programme.md): the seed's targets in scenario.csv, targets.csv (made by `xiangxing targets`),
milestones.csv (written by hand) and attendance/ through 2019-09-30 (made by `xiangxing generate
attendance`; see its README.md) are kept when this script is re-run. Calendar paths are
written relative to the scenario folder (`calendars/trainer-T001.ics`); the holiday calendar is the
project's `calendars/cn-public-holidays.ics`. Attendees of functional zones carry the ID area code of the city district
(411303 for NY-GX and NY-YH, 411302 for NY-SF and NY-GZ).
"""


def make_readme(venues, trainers, demand, stops, attendees):
    codes = "\n".join(
        f"| {c[0]} | {c[1]} | {'本地代码（功能区）' if c[0].startswith('NY-') else 'GB/T 2260'} |"
        for c in COUNTIES)
    text = README.format(
        venues=len(venues), venue_cals=sum(1 for v in venues if v[5]),
        trainers=len(trainers), trainer_cals=sum(1 for t in trainers if t[5]),
        demand_rows=len(demand), classes=sum(d[3] for d in demand), stops=len(stops),
        mentees=sum(s[3] for s in stops), attendees=len(attendees),
        people=len({a[0] for a in attendees}), codes=codes)
    (OUT / "README.md").write_text(text, encoding="utf-8")


# ------------------------------------------------- nanyang-2019-gb18030
def make_gb18030():
    enc = dict(encoding="gb18030", newline="\r\n")
    counties = ["411328", "411330", "411327"]
    write_csv(OUT_GB / "scenario.csv", ["键", "值"],
              [(k, v if k != "name" else "唐河县、桐柏县、社旗县2019年创业培训（GB18030样例）")
               for k, v in SCENARIO], **enc)
    write_csv(OUT_GB / "counties.csv", ["代码", "名称", "纬度", "经度"],
              [(c, CODE[c][1], f"{CODE[c][2]:.3f}", f"{CODE[c][3]:.3f}") for c in counties], **enc)
    write_csv(OUT_GB / "kinds.csv",
              ["代码", "名称", "类别", "天数", "最少人数", "最多人数", "讲师人数", "周末"],
              [(k[0], k[1], "培训" if k[2] == "training" else "指导", k[3], k[4],
                k[5], k[6], "是" if k[7] == "yes" else "否") for k in KINDS], **enc)
    venues = [("TH-1", "411328", "唐河县人力资源和社会保障局职业技能培训中心", "河南省南阳市唐河县文峰路168号", 80),
              ("TH-2", "411328", "唐河县返乡创业孵化园", "河南省南阳市唐河县友兰大道56号", 50),
              ("TB-1", "411330", "桐柏县人力资源和社会保障局职业技能培训中心", "河南省南阳市桐柏县淮源大道99号", 60),
              ("TB-2", "411330", "桐柏县淮源镇便民服务中心会议室", "河南省南阳市桐柏县淮源镇政府街12号", 30),
              ("SQ-1", "411327", "社旗县人力资源和社会保障局职业技能培训中心", "河南省南阳市社旗县赊店大道210号", 60),
              ("SQ-2", "411327", "社旗县返乡创业孵化园", "河南省南阳市社旗县建设路35号", 40)]
    write_csv(OUT_GB / "venues.csv", ["编号", "所属县区", "名称", "地址", "座位数"], venues, **enc)
    homes = ["411328", "411328", "411328", "411330", "411330", "411327", "411327", "411328"]
    quals = ["awareness;capability", "awareness;capability;village-tour", "awareness;service",
             "awareness", "awareness;capability", "awareness;capability;service",
             "awareness;village-tour", "capability;service"]
    names = ["单志远", "曾凡军", "解秀兰", "欧阳建华", "王丽娟", "司马俊杰", "李桂兰", "诸葛文博"]
    trainers = [(f"T{i + 1:03d}", names[i], homes[i], quals[i], rng.randint(8, 14), phone())
                for i in range(8)]
    write_csv(OUT_GB / "trainers.csv", ["编号", "姓名", "常驻县区", "资质", "每月最多天数", "联系电话"],
              trainers, **enc)
    demand = [("D001", "411328", "awareness", 1, "2019-03-01", "2019-06-30"),
              ("D002", "411327", "capability", 1, "2019-04-01", "2019-07-31"),
              ("D003", "411330", "service", 1, "2019-05-06", "2019-08-30")]
    write_csv(OUT_GB / "demand.csv", ["编号", "所属县区", "课程", "期数", "最早日期", "最晚日期"],
              demand, **enc)
    rows = []
    special = [("单雄", "Shan Xiong", "男"), ("曾强", "Zeng Qiang", "男"), ("解放", "Xie Fang", "男"),
               ("覃丽", "Qin Li", "女")]
    for code, kind, n in (("411328", "awareness", 24), ("411327", "capability", 21),
                          ("411330", "service", 15)):
        c = CODE[code]
        for j in range(n):
            year = rng.randint(1965, 2000)
            birth = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
            if special and j == 3:
                name, py, g = special.pop(0)
                male = g == "男"
            else:
                male = rng.random() < 0.6
                name, py = person_name(male, year, rare_share=0.12), ""
            # a clerk's habit: the county column holds the county's name
            rows.append([id_number(code, birth, male), name, "男" if male else "女", phone(),
                         c[1], rng.choice(c[7]), kind, rng.choice(PROJECTS_LOCAL[c[4]]), py])
    # the remaining special names replace ordinary Tanghe rows
    for k, (name, py, g) in enumerate(special):
        r = rows[5 + k * 4]
        r[1], r[8] = name, py
        if (g == "男") != (r[2] == "男"):
            birth = dt.date.fromisoformat(f"{r[0][6:10]}-{r[0][10:12]}-{r[0][12:14]}")
            r[0] = id_number("411328", birth, g == "男")
            r[2] = g
    write_csv(OUT_GB / "attendees.csv",
              ["身份证号", "姓名", "性别", "联系电话", "所属县区", "乡镇", "课程", "创业项目", "拼音"],
              rows, **enc)
    (OUT_GB / "README.md").write_text("""\
# nanyang-2019-gb18030 — GB18030 样例 / GB18030 sample

测试用的小场景：唐河县、桐柏县、社旗县，6 个场地、8 名讲师（无日历）、3 期培训、60 名学员，无乡村行。
所有 CSV 按中文版 Windows 上 Excel/WPS “另存为 CSV” 的样子保存：GB18030 编码、无 BOM、CRLF 换行、
中文表头（键,值 / 代码,名称,纬度,经度 / …）。scenario.csv 的键仍用英文（start、end、holidays…）。
attendees.csv 的“所属县区”一列写的是县名（唐河县）而不是代码，照录入员的习惯；读取程序两者都接受。
由 `tools/make-demo.py` 生成；人名、身份证号、手机号均为虚构。

A small scenario used by tests: three counties, six venues, eight trainers without calendars, three
classes, 60 attendees, no tours. Every CSV is saved the way Excel/WPS on Chinese Windows saves
"CSV": GB18030, no BOM, CRLF line ends, Chinese headers; scenario.csv keeps its English keys under
the header 键,值. In attendees.csv the county column holds county names (唐河县), not codes, as a
clerk would type them. Generated by `tools/make-demo.py`; every person, ID and phone is invented.
This README is UTF-8.
""", encoding="utf-8")


# The demo's programme year (docs/programme.md): the seed's targets in scenario.csv,
# and files this script does not make, kept across a re-run: targets.csv
# (`xiangxing targets`), milestones.csv (written by hand), attendance/
# (`xiangxing generate attendance`).
PROGRAMME = [("target_training", "3500"), ("target_mentoring", "7200"), ("completion_share", "0.8")]
KEPT = ["targets.csv", "milestones.csv", "attendance"]


def main():
    kept = ROOT / ".make-demo-kept"
    shutil.rmtree(kept, ignore_errors=True)
    kept.mkdir()
    for name in KEPT:
        if (OUT / name).exists():
            shutil.move(str(OUT / name), str(kept / name))
    for d in (OUT, OUT_GB):
        if d.exists():
            shutil.rmtree(d)
    OUT.mkdir(parents=True)
    write_csv(OUT / "scenario.csv", ["key", "value"], SCENARIO + PROGRAMME)
    make_counties()
    make_kinds()
    venues = make_venues()
    trainers = make_trainers()
    demand = make_demand()
    _, stops = make_tours()
    make_blackouts()
    make_travel()
    attendees = make_attendees(demand)
    make_readme(venues, trainers, demand, stops, attendees)
    make_gb18030()
    for name in KEPT:
        if (kept / name).exists():
            shutil.move(str(kept / name), str(OUT / name))
    kept.rmdir()
    print(f"wrote {OUT.relative_to(ROOT)} and {OUT_GB.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
