import Foundation
import XiangxingCore
import XiangxingPrint

/// Hand-made classes with real Chinese names, valid resident IDs and a
/// few long fields, for the roster tests.
enum Fixtures {
    static let names = [
        "欧阳娜娜", "单雄", "曾强", "解放", "诸葛亮", "区小波", "覃海燕", "司马光", "上官婉儿", "万俟雪",
        "尉迟恭", "仇丽", "查良", "盖聂", "乐嘉", "缪静", "柏杨", "葛优", "阿依古丽·买买提", "朴志勇",
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴桐",
        "徐晓", "孙丽", "马超", "朱婷", "胡军", "郭靖", "何炅", "高圆", "林峰", "罗成",
        "郑爽", "梁静", "谢娜", "宋江", "唐僧", "韩梅梅", "冯巩", "于谦", "董卿", "萧峰",
    ]
    static let townships = ["城郊乡", "桐寨铺镇", "湖阳镇", "黑龙镇", "苍台镇", "马振抚镇", "张店镇", "古城乡"]
    static let projects = [
        "电商助农", "艾草种植与深加工", "农家乐", "", "生态养殖（黄牛）",
        "返乡创办家庭农场，发展优质小麦、花生轮作并开展农产品电商直播销售",
    ]

    /// 18-character ID with a correct check digit: 411328 (唐河县), a
    /// birth date and sequence derived from `n`.
    static func residentID(_ n: Int) -> String {
        let body = "411328" + "19\(80 + n % 20)0\(1 + n % 9)1\(n % 10)" + String(format: "%03d", 100 + n)
        let digits = body.compactMap(\.wholeNumberValue)
        return body + String(ResidentID.checkCharacter(digits))
    }

    static func phone(_ n: Int) -> String { "138" + String(format: "%08d", 10_000_000 + n * 7919) }

    static func rows(_ count: Int) -> [RosterRow] {
        (0..<count).map { i in
            RosterRow(name: names[i % names.count] + (i >= names.count ? "\(i / names.count + 1)" : ""),
                      gender: i % 3 == 0 ? "女" : "男", idNumber: residentID(i), phone: phone(i),
                      township: townships[i % townships.count], project: projects[i % projects.count])
        }
    }

    /// 2019-09-12 (Thu), 13 (Fri), 16 (Mon), … — weekdays from the 12th.
    static func weekdays(_ count: Int) -> [Day] {
        var days: [Day] = [], day = Day(year: 2019, month: 9, day: 12)!
        while days.count < count {
            if !day.isWeekend { days.append(day) }
            day = day.advanced(by: 1)
        }
        return days
    }

    static func roster(rows count: Int, days: Int = 3, classNumber: Int = 2, unmasked: Bool = false) -> RosterInput {
        RosterInput(
            title: "南阳市2019年返乡创业培训 签到表", countyName: "唐河县", kindName: "创业意识培训（GYB）",
            classNumber: classNumber, sessionID: "D07-\(classNumber)", venueName: "唐河县就业训练中心",
            venueAddress: "唐河县滨河街道建设东路与文峰路交叉口向东200米路北人力资源和社会保障局三楼",
            dates: weekdays(days), trainerNames: ["王建国", "李秀英"], rows: rows(count), unmasked: unmasked)
    }

    /// Runs `body` in a fresh empty folder, removed afterwards unless
    /// XIANGXING_KEEP_OUTPUT is set (then its path is printed, to look at
    /// the PDFs and PNGs).
    static func inFolder<R>(_ body: (URL) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xiangxing-print-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer {
            if ProcessInfo.processInfo.environment["XIANGXING_KEEP_OUTPUT"] != nil {
                print("kept \(url.path)")
            } else {
                try? FileManager.default.removeItem(at: url)
            }
        }
        return try body(url)
    }

    /// Output of a poppler tool (pdftotext, pdftoppm) run on a file.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of each page, as `pdftotext -layout` extracts it.
    /// A PDF's text in reading order with every space and line break taken
    /// out, so a name wrapped inside a narrow table cell reads whole again.
    static func unwrappedText(of pdf: URL) throws -> String {
        try run("pdftotext", [pdf.path, "-"]).filter { !$0.isWhitespace }
    }

    static func pages(of pdf: URL) throws -> [String] {
        let text = try run("pdftotext", ["-layout", pdf.path, "-"])
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}
