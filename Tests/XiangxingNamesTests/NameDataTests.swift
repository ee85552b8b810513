import Testing
@testable import XiangxingNames

@Suite struct NameDataTests {
    @Test func tablesLoadFromTheBundle() throws {
        let data = try NameData.load()
        #expect(data.strokes.count >= 7_900)
        #expect(data.compoundSurnames.count >= 80)
    }

    @Test func strokeTableCoversTheWholeFirstLevelList() throws {
        // 一级字表 of 《通用规范汉字表》: its 3,500 rows are marked level 1.
        let text = try NameData.resource("strokes")
        let levelOne = NameData.rows(text, header: "char").filter { $0.fields.last == "1" }
        #expect(levelOne.count == 3_500)
    }

    @Test func surnameReadingsFromTheIssue() {
        let expected = [
            "单": "shan4", "曾": "zeng1", "解": "xie4", "区": "ou1", "仇": "qiu2", "查": "zha1",
            "朴": "piao2", "盖": "ge3", "覃": "qin2", "乐": "yue4", "缪": "miao4", "翟": "zhai2",
            "尉": "wei4", "万俟": "mo4 qi2", "尉迟": "yu4 chi2", "长孙": "zhang3 sun1", "种": "chong2",
            "秘": "bi4", "过": "guo1", "繁": "po2", "员": "yun4", "黑": "he4", "隗": "wei3",
            "召": "shao4", "折": "she2", "褚": "chu3", "句": "gou1", "能": "nai4", "华": "hua4",
            "任": "ren2", "纪": "ji3", "燕": "yan1", "葛": "ge3", "沈": "shen3", "曲": "qu1",
            "朝": "chao2", "柏": "bai3",
        ]
        let surnames = NameData.standard.surnames
        for (surname, reading) in expected {
            #expect(surnames[surname]?.syllables.joined(separator: " ") == reading, "\(surname)")
        }
        for compound in ["欧阳", "司马", "诸葛", "上官", "尉迟", "万俟", "皇甫", "令狐", "东方", "夏侯",
                         "公孙", "慕容", "长孙", "宇文", "司徒", "西门", "端木", "独孤", "南宫", "呼延"] {
            #expect(NameData.standard.compoundSurnames.contains(compound), "\(compound)")
        }
    }

    @Test func badRowsAreReportedWithFileAndLine() {
        do {
            _ = try NameData.parseStrokes("# c\nchar\tstrokes\torder\tlevel\n王\t4\t112\t1\n", file: "strokes.tsv")
            Issue.record("accepted an order of 3 strokes for a count of 4")
        } catch {
            #expect(error.file == "strokes.tsv")
            #expect(error.line == 3)
        }
        do {
            _ = try NameData.parseSurnames("欧阳\tou1\n", file: "surnames.tsv")
            Issue.record("accepted one syllable for two characters")
        } catch {
            #expect(error.line == 1)
            #expect(error.description.hasPrefix("surnames.tsv, line 1: "))
        }
    }
}
