#!/usr/bin/env python3
"""Regenerates strokes.tsv: mainland stroke count and stroke order (笔顺) for
the 8,105 characters of 《通用规范汉字表》 (2013).

Not needed at build time: strokes.tsv is committed. Run it only to rebuild the
table from its sources (see README.md beside this file):

    apt-get install unicode-data rime-data-stroke
    python3 make-strokes.py > strokes.tsv

Optional arguments: --unihan DIR (folder with Unihan_*.txt.bz2, default
/usr/share/unicode) and --rime FILE (default
/usr/share/rime-data/stroke.dict.yaml). --check-surnames prints the readings
of surnames.tsv that Unihan does not list for the character, and exits 1 if
there are any.

What it does:
  * The character set and its level (一级 1-3500, 二级 3501-6500,
    三级 6501-8105) come from Unihan kTGH (the character's number in the
    通用规范汉字表).
  * The stroke count is Unihan kTotalStrokes, first value (the zh-Hans count).
  * The stroke order comes from the Rime "stroke" (五笔画) dictionary. Its
    second part, "for compatibility with Mainland China's standard glyph"
    (the 孙海峰 et al. table after GF 3002-1999), is preferred; a character
    it lacks had an identical entry in the first (CNS 11643) part, which is
    used then. Among several candidates, the one whose length equals the
    zh-Hans count wins.
  * OVERRIDES fixes entries where the Rime mainland order is a typo; each was
    checked by hand, component by component, against GF 3002 stroke orders.
  * A character whose order still disagrees with its count is left out of
    the table (the sorter then falls back to ICU's stroke collation for it).
"""
import argparse
import bz2
import collections
import os
import sys

DIGITS = str.maketrans("hspnz", "12345")  # 横 竖 撇 点(捺) 折

# Hand-checked corrections (character: GF 3002 order), one reason each.
OVERRIDES = {
    "凝": "4135311345452134",  # 冫41 + 疑: 匕35 𠂉31 矢134 龴54 疋52134
    "剿": "5552511123422",  # 巛555 果25111234 刂22
    "囊": "1251245251251112213534",  # bottom is 𧘇-like: …一㇏ as 衣 (…3534)
    "字": "445521",  # 宀445 子521
    "耍": "132522531",  # 而132522 女531
    "龟": "3525115",  # ⺈35 丨2 𠃍5 一1 一1 乚5
    "嚏": "25112452512152134",  # 口251 疐: ends 足-like …2134
    "塍": "3511431134121",  # 月 starts with 撇 3
    "巉": "25235251153535251354",  # 山252 毚: ⺈35 …
    "廨": "4133535112533112",  # 广413 角3535112 刀53 牛3112
    "彘": "551153113435",  # 彑551, 比's left half, 矢31134, right half
    "纛": "1121554142511112343554234",  # 25 strokes; the Rime entry has 24
    "舢": "335414252",  # 舟335414 山252
    "萏": "12235321511",  # 艹122 ⺈35 臼321511
    "蓐": "1221311534124",  # 艹122 辰1311534 寸124
    "谀": "4532151134",  # 讠45 臾32151134
    "豳": "21353334135333452",  # 丨2, 豕1353334 ×2, 山's ㇗5 丨2
    "辔": "5511521551251",  # 纟551 车1521 纟551 口251
    "酆": "21112111252125143152",  # 20 strokes, 丰丰 inside 曲-like frame first
    "铆": "3111535352",  # 钅31115 卯35352
    "镧": "31115425125431234",  # 钅31115 门425 柬125431234
    "霈": "145244444411252",  # ⻗14524444 沛4411252
    "齉": "325111251211321251245251251112213534",  # 鼻 + 囊 (see 囊)
    "齑": "413432211121111",  # 齐's 文4134 丿丨32, 韭211121111
    "俙": "323413252",  # 亻32 希3413252
    "坰": "12125251",  # 土121 冋25251 (8 strokes; Rime has 9)
    "涐": "4413121534",  # 氵441 我3121534
    "蹐": "25121214134342511",  # ⻊2512121 脊4134342511
    "鼷": "32151154454453443554134",  # 鼠3215115445445 奚3443554134
}


def read_unihan(folder, name, field):
    values = {}
    with bz2.open(os.path.join(folder, name), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or f"\t{field}\t" not in line:
                continue
            code, _, value = line.rstrip("\n").split("\t")
            values[chr(int(code[2:], 16))] = value
    return values


def read_rime(path):
    """(CNS part, mainland part): character -> list of orders as digits."""
    cns, mainland = collections.defaultdict(list), collections.defaultdict(list)
    part = cns
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#The following entries"):
                part = mainland
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and fields[1] and set(fields[1]) <= set("hspnz"):
                part[fields[0]].append(fields[1].translate(DIGITS))
    return cns, mainland


def check_surnames(unihan, surnames_path):
    readings = collections.defaultdict(set)
    for name, field in [("Unihan_Readings.txt.bz2", f) for f in
                        ("kMandarin", "kHanyuPinyin", "kTGHZ2013", "kXHC1983", "kHanyuPinlu")]:
        for ch, value in read_unihan(unihan, name, field).items():
            for token in value.replace(",", " ").split():
                if ":" in token and not token.endswith(":"):
                    token = token.split(":", 1)[1]
                for part in token.split(","):
                    readings[ch].add(numbered(part.split("(")[0]))
    problems = 0
    with open(surnames_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            surname, reading, note = (line.rstrip("\n").split("\t") + [""])[:3]
            if surname == "surname" or note.startswith("!"):
                continue
            for ch, syllable in zip(surname, reading.split()):
                if syllable not in readings[ch]:
                    problems += 1
                    print(f"{surname}: {ch} read {syllable}; Unihan has {sorted(readings[ch])}")
    return problems


def numbered(syllable):
    """'shàn' -> 'shan4', 'lǚ' -> 'lv3'."""
    import unicodedata
    tones = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
    tone = "5"
    out = ""
    for c in unicodedata.normalize("NFD", syllable.lower()):
        if c in tones:
            tone = tones[c]
        elif c == "\u0308":
            out = out[:-1] + "v"
        else:
            out += c
    return out + tone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--unihan", default="/usr/share/unicode")
    parser.add_argument("--rime", default="/usr/share/rime-data/stroke.dict.yaml")
    parser.add_argument("--check-surnames", action="store_true")
    args = parser.parse_args()
    if args.check_surnames:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.exit(1 if check_surnames(args.unihan, os.path.join(here, "surnames.tsv")) else 0)

    tgh = read_unihan(args.unihan, "Unihan_OtherMappings.txt.bz2", "kTGH")
    total = read_unihan(args.unihan, "Unihan_IRGSources.txt.bz2", "kTotalStrokes")
    cns, mainland = read_rime(args.rime)

    rows, left_out = [], []
    for ch, value in tgh.items():
        number = min(int(v.split(":")[1]) for v in value.split())
        level = 1 if number <= 3500 else 2 if number <= 6500 else 3
        count = int(total[ch].split()[0])
        if ch in OVERRIDES:
            order = OVERRIDES[ch]
        else:
            fitting = [o for o in mainland.get(ch) or cns.get(ch) or [] if len(o) == count]
            order = fitting[0] if fitting else None
        if order is None or len(order) != count:
            left_out.append((number, ch))
            continue
        rows.append((number, ch, count, order, level))

    rows.sort()
    print("# strokes.tsv: mainland stroke count and stroke order (笔顺) of the")
    print("# characters of 《通用规范汉字表》(2013), in the table's own order.")
    print("# Columns: character, strokes (GF 3003/zh-Hans count), order (GF 3002:")
    print("# 1 横 2 竖 3 撇 4 点 5 折), level (1 = 一级字表 1-3500, 2, 3).")
    print("# Sources: Unihan 15.0 kTGH, kTotalStrokes (Unicode License v3);")
    print("# stroke orders from the Rime stroke dictionary (rime-stroke, LGPL-3.0),")
    print("# mainland part; hand corrections in make-strokes.py. See README.md.")
    print(f"# {len(rows)} characters; left out (order unknown or inconsistent): "
          + "".join(ch for _, ch in sorted(left_out)))
    print("char\tstrokes\torder\tlevel")
    for _, ch, count, order, level in rows:
        print(f"{ch}\t{count}\t{order}\t{level}")
    counts = collections.Counter(level for *_, level in rows)
    print(f"levels: {dict(sorted(counts.items()))}, left out {len(left_out)}", file=sys.stderr)


if __name__ == "__main__":
    main()
