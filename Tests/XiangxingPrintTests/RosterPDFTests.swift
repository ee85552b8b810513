import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

@Suite struct RosterPDFTests {
    @Test func fortyFiveRowsPrintAsChineseTextOverNumberedPagesWithTheHeaderRepeated() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("唐河县签到表.pdf")
            try RosterPDF.write([Fixtures.roster(rows: 45)], to: pdf)

            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count >= 2)
            let all = pages.joined()
            #expect(all.contains("南阳市2019年返乡创业培训 签到表"))
            for name in ["欧阳娜娜", "单雄", "曾强", "解放", "诸葛亮", "上官婉儿"] {
                #expect(all.contains(name), "\(name) missing from the extracted text")
            }
            #expect(!all.contains("\u{FFFD}"))
            for (i, page) in pages.enumerated() {
                #expect(page.contains("第\(i + 1)页 共\(pages.count)页"), "footer of page \(i + 1)")
                for title in ["序号", "姓名", "性别", "身份证号", "联系电话", "乡镇", "创业项目", "9月12日", "9月16日"] {
                    #expect(page.contains(title), "header \(title) on page \(i + 1)")
                }
            }
            // The class facts of page 1.
            #expect(pages[0].contains("2019年9月12日（星期四）至 9月16日（星期一），共3天"))
            #expect(pages[0].contains("农历八月十四"))
            #expect(pages[0].contains("王建国、李秀英"))
            // The last row made it, numbered 45.
            #expect(pages.last!.contains("45"))
        }
    }

    @Test func idsAndPhonesAreMaskedByDefault() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("masked.pdf")
            let input = Fixtures.roster(rows: 45)
            try RosterPDF.write([input], to: pdf)
            let text = try Fixtures.pages(of: pdf).joined()
            for row in input.rows {
                #expect(text.contains(ResidentID.masked(row.idNumber)))
                #expect(!text.contains(row.idNumber))
                #expect(text.contains(PhoneMask.masked(row.phone)))
                #expect(!text.contains(row.phone))
            }
        }
    }

    @Test func unmaskedSheetsShowFullNumbers() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("full.pdf")
            let input = Fixtures.roster(rows: 5, unmasked: true)
            try RosterPDF.write([input], to: pdf)
            let text = try Fixtures.pages(of: pdf).joined()
            for row in input.rows {
                #expect(text.contains(row.idNumber))
                #expect(text.contains(row.phone))
            }
        }
    }

    @Test func everyClassStartsAPageAndCountsItsOwnPages() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("county.pdf")
            try RosterPDF.write([Fixtures.roster(rows: 40, classNumber: 1), Fixtures.roster(rows: 8, classNumber: 2)], to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 4)
            #expect(pages[0].contains("第1页 共3页") && pages[0].contains("D07-1"))
            #expect(pages[2].contains("第3页 共3页"))
            #expect(pages[3].contains("第1页 共1页") && pages[3].contains("第2期"))
        }
    }

    @Test func aTenDayClassIsPrintedInDayGroups() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("ten.pdf")
            let input = Fixtures.roster(rows: 10, days: 10)
            try RosterPDF.write([input], to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 2)
            // Days 12, 13, 16, 17, 18 | 19, 20, 23, 24, 25 (9月25日 is also in the period line).
            #expect(pages[0].contains("9月18日") && !pages[0].contains("9月19日"))
            #expect(pages[1].contains("9月19日") && pages[1].contains("9月25日") && pages[1].contains("第6–10天"))
            #expect(pages[1].contains("欧阳娜娜"), "every group lists all attendees")
        }
    }

    @Test func longTextStaysInsideItsCell() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("long.pdf")
            var input = Fixtures.roster(rows: 3, days: 5)
            input.rows[0].project = String(repeating: "返乡创办家庭农场发展优质小麦花生轮作", count: 6)
            input.rows[1].name = "阿卜杜热西提·买买提艾力"
            try RosterPDF.write([input], to: pdf)
            // Word boxes as pdftotext reports them: the long project ends left of
            // the first signature column and above the next row's name; the long
            // name ends left of the 性别 column.
            let words = try Fixtures.run("pdftotext", ["-bbox", pdf.path, "-"])
                .matches(of: #/xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]+)</word>/#)
                .map { (text: String($0.5), xMin: Double($0.1)!, yMin: Double($0.2)!, xMax: Double($0.3)!, yMax: Double($0.4)!) }
            let firstDay = try #require(words.first { $0.text == "9月12日" })
            let genderHeading = try #require(words.first { $0.text == "性别" })
            let project = words.filter { $0.text.hasPrefix("返乡") || $0.text.hasPrefix("花生") || $0.text.hasPrefix("优质") }
            let name = words.filter { $0.text.contains("阿卜杜") || $0.text.contains("买买提") }
            #expect(project.count >= 2 && name.count >= 1)
            let nextName = try #require(name.map(\.yMin).min())
            for word in project {
                #expect(word.xMax < firstDay.xMin - 3, "project overflows to the right: \(word)")
                #expect(word.yMax < nextName - 3, "project overflows into the next row: \(word)")
            }
            for word in name { #expect(word.xMax < genderHeading.xMin - 3, "name overflows: \(word)") }
            #expect(try Fixtures.pages(of: pdf).count == 1)
        }
    }

    @Test func firstPageRendersAsAnImage() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("sheet.pdf")
            try RosterPDF.write([Fixtures.roster(rows: 45)], to: pdf)
            let prefix = dir.appendingPathComponent("page").path
            _ = try Fixtures.run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf.path, prefix])
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }
            let png = try #require(files.first.map { dir.appendingPathComponent($0) })
            let bytes = try Data(contentsOf: png)
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(bytes.count > 10_000)
        }
    }

    @Test func aBadPathThrowsAndLeavesNoFile() throws {
        try Fixtures.inFolder { dir in
            let missing = dir.appendingPathComponent("no-such-folder/roster.pdf")
            #expect(throws: PrintError.self) { try RosterPDF.write([Fixtures.roster(rows: 3)], to: missing) }
            #expect(!FileManager.default.fileExists(atPath: missing.path))

            // The target is a folder: Cairo succeeds, the rename fails, the
            // temporary file is removed.
            let occupied = dir.appendingPathComponent("occupied.pdf")
            try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: false)
            #expect(throws: PrintError.self) { try RosterPDF.write([Fixtures.roster(rows: 3)], to: occupied) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["occupied.pdf"])
        }
    }

    @Test func aSheetNamesItsPlanVersionPrintDateAdjustedWorkdaysCountAndStamp() throws {
        // 内乡县's class over the 2019 National Day 调休: Sunday 29 September
        // and Saturday 12 October are working days.
        var input = Fixtures.roster(rows: 4)
        input.dates = [Day(iso: "2019-09-27")!, Day(iso: "2019-09-29")!, Day(iso: "2019-09-30")!]
        input.adjustedWorkdays = [Day(iso: "2019-09-29")!]
        input.printed = PrintedFrom(plan: "第3版", on: Day(iso: "2019-09-20")!)
        input.blankRows = 5
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("调休.pdf")
            try RosterPDF.write([input], to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            let all = pages.joined()
            // pdftotext turns the ideographic space between them into spaces.
            for page in pages { #expect(page.contains("计划第3版") && page.contains("打印日期 2019-09-20"), "\(page)") }
            #expect(all.contains("调休上班"))
            #expect(all.contains("9月29日（星期日）为调休"))
            #expect(all.contains("实到人数（人）"))
            #expect(all.contains("培训单位（盖章）"))
            // 4 names, then rows 5–9 for walk-ins.
            #expect(all.contains("9") && all.contains("空白行供现场报名学员填写"))
            _ = try Fixtures.run("pdftoppm", ["-png", "-r", "60", pdf.path, dir.appendingPathComponent("page").path])
        }
    }

    @Test func aClassWithoutAttendeesPrintsItsHeaderAndBlankRows() throws {
        var input = Fixtures.roster(rows: 0)
        input.blankRows = 10
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("空.pdf")
            try RosterPDF.write([input], to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 1)
            #expect(pages[0].contains("应到人数：0人") && pages[0].contains("序号"))
            #expect(pages[0].contains("10") && pages[0].contains("培训单位（盖章）"))
        }
    }
}

