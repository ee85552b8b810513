import Foundation
import Testing
import XiangxingCore
import XiangxingICS

@Suite struct ICSWriterTests {
    @Test func dump() {
        let e = AllDayEvent(uid: "D07-2.T012@xiangxing", first: day("2019-09-12"), last: day("2019-09-16"),
                            summary: "创业能力提升培训 · 唐河县（D07-2）", location: "唐河县就业训练中心, 唐河县滨河街道建设东路与文峰路交叉口向东200米路北人力资源和社会保障局三楼",
                            description: "授课日期：2019年9月12日（星期四）、9月13日；同行讲师：李秀英\n路程：去程 72 公里; 85 分钟", categories: ["创业能力提升培训", "乡行"], sequence: 12345)
        let text = ICSWriter.text(PublishedCalendar(name: "王建国, 讲师行程", revised: 1_567_326_600, events: [e]))
        try? text.write(toFile: "/tmp/icsplay/a.ics", atomically: true, encoding: .utf8)
    }
}
