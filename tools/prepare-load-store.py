#!/usr/bin/env python3
"""Make a store for the load measurements of issue 12: a synthetic preset imported, planned, with accounts.

Python standard library only. Steps, each timed (printed and written to
OUT_DB's side file `<name>.prepare.json` for a SQLite store, or --json):

1. `xiangxing generate --preset PRESET --seed SEED --out FOLDER` (a temporary
   folder unless --scenario-out names one);
2. if the preset writes no attendees.csv (national) and --attendees-per-class
   is above 0, an attendees.csv is added: that many people per class of each
   demand row, of the demand's county and kind, with valid GB 11643 resident
   IDs (check digit, birth date) and made-up names; the plan seats them;
3. `xiangxing import FOLDER --db OUT_DB`, then `xiangxing plan --db OUT_DB`
   (the store's version 1);
4. one county account per county of counties.csv (`c` + code, e.g.
   c411328) and an office account (`office`), all with the --password
   (default below; it is a load-test store, not an office's);
   `xiangxing user add … --db OUT_DB`, the password on standard input.

OUT_DB is passed to every command as `--db` unchanged, so the same store can
be made on SQLite (a file; --force removes an old one first) or on
PostgreSQL (`postgres://USER@HOST:PORT/DB?city=henan`; the city must be
empty: this script does not drop anything there).

    swift build -c release
    python3 tools/prepare-load-store.py henan /tmp/henan.sqlite --force
    python3 tools/prepare-load-store.py henan 'postgres://me@127.0.0.1:5433/xiangxing?city=henan'
    python3 tools/prepare-load-store.py national /tmp/national.sqlite --force

Then `python3 tools/load-counties.py --db OUT_DB` (it starts `serve`).
Nothing here prints personal data.
"""
import argparse
import concurrent.futures
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

PASSWORD = "乡行-load-2019"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def step(name, cmd, timings, stdin=None, quiet=False):
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True, input=stdin)
    dt = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"{name}: {' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}{r.stdout[-2000:]}")
    if name:
        timings[name] = round(timings.get(name, 0) + dt, 2)
        if not quiet:
            print(f"  {name:<22} {dt:8.1f} s")
    return r


# A resident ID (GB 11643): 6-digit area code, birth date, 3-digit sequence
# (odd for men), check digit.
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def resident_id(area, birth, seq):
    body = f"{area}{birth}{seq:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
         "平", "刚", "桂英", "建华", "志强", "海燕", "红梅", "国庆", "春生", "玉兰", "保国", "卫东", "晓燕", "家豪", "佳琪"]
PROJECTS = ["肉牛养殖", "农资销售", "小吃店", "快递驿站", "水产养殖", "电商", "农家乐", "家政服务", ""]


def add_attendees(folder, per_class):
    """attendees.csv for a scenario without one: per_class people per class wanted."""
    with open(os.path.join(folder, "kinds.csv"), encoding="utf-8-sig") as f:
        kinds = {r["code"]: r for r in csv.DictReader(f)}
    with open(os.path.join(folder, "demand.csv"), encoding="utf-8-sig") as f:
        demand = list(csv.DictReader(f))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id_number", "name", "gender", "phone", "county", "township", "kind", "project"])
    seq = {}
    n = 0
    for d in demand:
        k = kinds.get(d["kind"])
        if k is None or k["category"] != "training":
            continue
        county = d["county"]
        area = county if county.isdigit() and len(county) == 6 else "410100"
        people = per_class * int(d["classes"])
        people = min(people, int(k["max_seats"]) * int(d["classes"]))
        for _ in range(people):
            i = seq.get(area, 0)
            seq[area] = i + 1
            # Distinct per area: birth day of 1960–1999 and the sequence number.
            year = 1960 + (i // 999) % 40
            month = 1 + (i // (999 * 40)) % 12
            day = 1 + (i // (999 * 40 * 12)) % 28
            number = i % 999 + 1
            male = number % 2 == 1
            rid = resident_id(area, f"{year:04d}{month:02d}{day:02d}", number)
            name = SURNAMES[(n * 7) % len(SURNAMES)] + GIVEN[(n * 13) % len(GIVEN)]
            phone = f"13{(n % 10)}{(10_000_000 + n * 7919) % 100_000_000:08d}"
            w.writerow([rid, name, "男" if male else "女", phone, county, f"第{1 + n % 5}乡镇", d["kind"],
                        PROJECTS[n % len(PROJECTS)]])
            n += 1
    with open(os.path.join(folder, "attendees.csv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("preset", help="nanyang, henan or national")
    ap.add_argument("db", help="the store: a SQLite file or postgres://…?city=NAME")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/xiangxing"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--attendees-per-class", type=int, default=0,
                    help="people per class when the preset has no attendees.csv (national); 0: none")
    ap.add_argument("--password", default=PASSWORD, help="the password of every account made here")
    ap.add_argument("--no-plan", action="store_true", help="import only (no version 1, no county pages)")
    ap.add_argument("--scenario-out", help="keep the generated scenario folder here")
    ap.add_argument("--county-accounts", type=int, help="only the first N counties get an account (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="accounts made at once (default 2)")
    ap.add_argument("--force", action="store_true", help="remove an existing SQLite file first")
    ap.add_argument("--json", help="write the timings here (default: beside a SQLite store)")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary}: no such program; build it with `swift build -c release` or give --binary")
    env_calendars = os.environ.get("XIANGXING_CALENDARS")
    if not env_calendars:
        os.environ["XIANGXING_CALENDARS"] = os.path.join(ROOT, "calendars")
    sqlite = "://" not in args.db
    if sqlite and os.path.exists(args.db):
        if not args.force:
            sys.exit(f"{args.db} exists: give --force to replace it, or another name")
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)

    work = tempfile.mkdtemp(prefix="xiangxing-prepare-")
    timings = {}
    try:
        folder = os.path.abspath(args.scenario_out) if args.scenario_out else os.path.join(work, "scenario")
        print(f"{args.preset} (seed {args.seed}) → {args.db if sqlite else args.db.split('@')[-1]}")
        step("generate", [binary, "generate", "--preset", args.preset, "--seed", str(args.seed), "--out", folder,
                          "--force", "--lang", "en"], timings)
        has_attendees = os.path.exists(os.path.join(folder, "attendees.csv"))
        added = 0
        if not has_attendees and args.attendees_per_class > 0:
            t0 = time.monotonic()
            added = add_attendees(folder, args.attendees_per_class)
            timings["attendees.csv"] = round(time.monotonic() - t0, 2)
            print(f"  {'attendees.csv':<22} {timings['attendees.csv']:8.1f} s  ({added} people)")
        step("import", [binary, "import", folder, "--db", args.db, "--lang", "en"], timings)
        if not args.no_plan:
            r = step("plan", [binary, "plan", "--db", args.db, "--out", os.path.join(work, "plan-v1"), "--lang", "en"],
                     timings)
            last = [line for line in r.stdout.splitlines() if "scheduled" in line]
            if last:
                print("    " + last[-1].strip())
        with open(os.path.join(folder, "counties.csv"), encoding="utf-8-sig") as f:
            counties = [r["code"] for r in csv.DictReader(f)]
        if args.county_accounts is not None:
            counties = counties[:args.county_accounts]
        t0 = time.monotonic()
        step("", [binary, "user", "add", "office", "--role", "office", "--db", args.db, "--lang", "en"], timings,
             stdin=args.password + "\n")
        # Each `user add` is its own process (mostly hashing the password): a few at once.
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            list(pool.map(lambda code: step("", [binary, "user", "add", f"c{code}", "--role", "county", "--county", code,
                                                 "--db", args.db, "--lang", "en"], {}, stdin=args.password + "\n"),
                          counties))
        timings["accounts"] = round(time.monotonic() - t0, 2)
        print(f"  {'accounts':<22} {timings['accounts']:8.1f} s  ({len(counties)} counties + office)")
        with open(os.path.join(folder, "attendees.csv") if (has_attendees or added) else os.devnull,
                  encoding="utf-8-sig") as f:
            people = max(0, sum(1 for _ in f) - 1)
        figures = {"preset": args.preset, "seed": args.seed, "county_accounts": len(counties), "attendees": people,
                   "attendees_added": added, "planned": not args.no_plan, "seconds": timings,
                   "backend": "sqlite" if sqlite else "postgres"}
        target = args.json or (args.db + ".prepare.json" if sqlite else None)
        if target:
            with open(target, "w") as f:
                json.dump(figures, f, ensure_ascii=False, indent=1)
        print(f"done: {len(counties)} county accounts c<code> and office, {people} attendees"
              + (f"; timings in {target}" if target else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
