"""Small enrolment files for the county clerk's browser test: real-looking
names, resident IDs of 唐河县 (411328) with their GB 11643 check characters."""

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def resident_id(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return first17 + CHECK[total % 11]


PEOPLE = [
    # born, sequence (odd 3rd digit: man), name, gender, phone, township, project
    ("19880304", "113", "赵明轩", "男", "13703771234", "源潭镇", "艾草加工"),
    ("19920715", "224", "孙嘉怡", "女", "13903773456", "郭滩镇", "生猪养殖"),
    ("19850921", "135", "周国栋", "男", "15837712345", "桐寨铺镇", "农机维修"),
]


def good_csv() -> str:
    lines = ["身份证号,姓名,性别,联系电话,所属县区,乡镇,课程,创业项目"]
    for born, seq, name, gender, phone, town, project in PEOPLE:
        lines.append(f"{resident_id('411328' + born + seq)},{name},{gender},{phone},唐河县,{town},创业意识培训,{project}")
    return "\n".join(lines) + "\n"


def bad_csv() -> str:
    """The same header; line 3 has a mistyped check character."""
    good = resident_id("411328" + "19900517" + "242")
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    lines = ["身份证号,姓名,性别,联系电话,所属县区,乡镇,课程,创业项目",
             f"{resident_id('411328198702113' + '17')},韩立新,男,13837788123,唐河县,源潭镇,创业意识培训,电商",
             f"{wrong},钱雨桐,女,13803772345,唐河县,张店镇,创业意识培训,服装加工"]
    return "\n".join(lines) + "\n"
