import Foundation
import Testing
import XiangxingCore
import XiangxingIO

@Suite("CSV (RFC 4180)")
struct CSVTests {
    @Test func quotedFieldsKeepCommasAndDoubledQuotes() {
        let text = "id,name,address\nV1,\"孵化园, 一楼\",\"说 \"\"东门\"\" 进\"\n"
        let (records, problems) = CSV.parse(text, file: "venues.csv")
        #expect(problems.isEmpty)
        #expect(records.count == 2)
        #expect(records[1].fields == ["V1", "孵化园, 一楼", "说 \"东门\" 进"])
    }

    @Test func embeddedNewlineKeepsRecordAtItsFirstLineAndShiftsTheNext() {
        // Record 2 starts on line 2 and spans lines 2–4 (an LF and a CRLF
        // inside quotes); record 3 therefore starts on line 5.
        let text = "a,b\r\n1,\"one\ntwo\r\nthree\"\r\n2,x\r\n"
        let (records, problems) = CSV.parse(text, file: "t.csv")
        #expect(problems.isEmpty)
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["1", "one\ntwo\r\nthree"])
        #expect(records[2].fields == ["2", "x"])
    }

    @Test func crlfAndLfFilesGiveTheSameRecordsAndLines() {
        let lf = "key,value\nstart,2019-01-01\nend,2019-12-31\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = CSV.parse(lf, file: "lf.csv"), b = CSV.parse(crlf, file: "crlf.csv")
        #expect(a.problems.isEmpty && b.problems.isEmpty)
        #expect(a.records.map(\.fields) == b.records.map(\.fields))
        #expect(a.records.map(\.line) == [1, 2, 3])
        #expect(b.records.map(\.line) == [1, 2, 3])
        #expect(b.records[2].fields == ["end", "2019-12-31"])
    }

    @Test func blankLinesAreSkippedButStillCounted() {
        let text = "a,b\n\n1,2\r\n   \r\n\n3,4"
        let (records, problems) = CSV.parse(text, file: "t.csv")
        #expect(problems.isEmpty)
        #expect(records.map(\.line) == [1, 3, 6])
        #expect(records.last?.fields == ["3", "4"])
    }

    @Test func spacesAroundUnquotedFieldsAreTrimmedButQuotedOnesKept() {
        let (records, _) = CSV.parse("a,b,c\n  x , \" y \" ,z\n", file: "t.csv")
        #expect(records[1].fields == ["x", " y ", "z"])
    }

    @Test func unterminatedQuoteIsReportedAtTheLineItOpened() {
        let text = "id,name,seats\nV1,ok,30\nV2,\"never closed,40\nV3,more,50\nV4,last,60\n"
        let (records, problems) = CSV.parse(text, file: "venues.csv")
        #expect(problems.count == 1)
        #expect(problems.first?.file == "venues.csv")
        #expect(problems.first?.line == 3)
        #expect(problems.first?.field == "name")
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func strayQuoteInsideAnUnquotedFieldIsOneProblemOnItsLine() {
        // Two stray quotes in one field are one mistake: one message.
        let text = "id,name,seats\nV1,ok,30\n\nV2,孵化园\"东\"门,40\nV3,fine,50\n"
        let (records, problems) = CSV.parse(text, file: "venues.csv")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 4)
        #expect(problems.first?.field == "name")
        #expect(records.map { $0.fields[0] } == ["id", "V1", "V3"])
        #expect(records.last?.line == 5)
    }

    @Test func textAfterAClosingQuoteIsAProblem() {
        let (_, problems) = CSV.parse("a,b\n\"x\"y,2\n", file: "t.csv")
        #expect(problems.map(\.line) == [2])
        #expect(problems.map(\.field) == ["a"])
    }

    @Test func renderThenParseGivesBackTrickyValues() {
        let header = ["ref", "reason", "note"]
        let rows = [
            ["D001", "没有合格讲师，请增加讲师或放宽窗口", "plain"],
            ["D002", "场地“孵化园, 一楼”被占用", "say \"hi\""],
            ["D003", "two\nlines", "cr\r\nlf"],
            ["D004", "", " leading and trailing "],
            ["D005", "\"", ","],
        ]
        let text = CSV.render(header: header, rows: rows)
        #expect(text.hasSuffix("\r\n"))
        let (records, problems) = CSV.parse(text, file: "unscheduled.csv")
        #expect(problems.isEmpty)
        #expect(records.map(\.fields) == [header] + rows)
        #expect(records.map(\.line) == [1, 2, 3, 4, 7, 8])
    }

    @Test func aRowWiderThanTheHeaderIsRefusedEvenWhenTheExtraFieldIsEmpty() {
        // 汽车维修,配件 written without quotes: 配件 lands in pinyin.
        let text = "name,project,pinyin\n李浩然,汽车维修,配件,\n王建华,电商直播带货,\n"
        var problems: [InputProblem] = []
        let t = Table(file: "attendees.csv", text: text, columns: [Column("name", []), Column("project", []), Column("pinyin", [])],
                      problems: &problems, lineBreaks: false)
        #expect(problems.map { "\($0.file):\($0.line ?? 0)" } == ["attendees.csv:2"])
        #expect(t.records.map { t.value($0, "name") } == ["王建华"])
        #expect(t.rejected.map(\.line) == [2])
    }

    @Test func aRowShorterThanTheHeaderNamesTheFirstMissingColumn() {
        var problems: [InputProblem] = []
        _ = Table(file: "venues.csv", text: "id,county,seats,calendar\nWC-2,411302,60\n", columns: [Column("id", [])],
                  problems: &problems, lineBreaks: false)
        #expect(problems.map { "\($0.line ?? 0):\($0.field)" } == ["2:calendar"])
    }

    @Test func invisibleCharactersInACellAreRefusedWithoutEchoingTheCell() {
        for (cell, code) in [("\u{FEFF}T010", "U+FEFF"), ("单志\u{0}刚", "U+0000"), ("孵化\u{1B}园", "U+001B"), ("\"李浩\n然\"", "U+000A")] {
            var problems: [InputProblem] = []
            let t = Table(file: "trainers.csv", text: "id,name\nT001,\(cell)\n", columns: [Column("id", []), Column("name", [])],
                          problems: &problems, lineBreaks: false)
            #expect(problems.count == 1)
            #expect(problems.first?.message(.en).contains(code) == true, "\(problems.map { $0.message(.en) })")
            #expect(problems.first?.field == "name")
            #expect(t.records.isEmpty)
        }
    }

    @Test func aMissingColumnIsOneMessageNotOnePerRow() {
        var problems: [InputProblem] = []
        let t = Table(file: "venues.csv", text: "id,seat\nV1,60\nV2,80\nV3,40\n", columns: [Column("id", []), Column("seats", [])],
                      problems: &problems)
        var f = FieldReader(t)
        for r in t.records { _ = f.integer(r, "seats", min: 1) }
        #expect(problems.count + f.problems.count == 1)
    }

    @Test func aCountBeyondItsBoundSaysTheBound() {
        var problems: [InputProblem] = []
        let t = Table(file: "demand.csv", text: "id,classes\nD001,2000000000\n", columns: [Column("id", []), Column("classes", [])],
                      problems: &problems)
        var f = FieldReader(t)
        #expect(f.integer(t.records[0], "classes", min: 0, max: 1_000) == nil)
        #expect(f.problems.first?.message(.en) == "demand.csv:2: classes: 2000000000 exceeds the limit of 1000 — write a whole number from 0 to 1000")
    }
}
