import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

@Suite struct ItineraryTextTests {
    typealias F = ItineraryFixtures

    @Test func textListsEachEngagementWithChineseDatesCoTrainersAndRoads() throws {
        let text = try ItineraryText.text(F.single)
        #expect(text.hasPrefix("讲师行程表 — 单志刚（T001）\n"))
        #expect(text.contains("常住：南召县"))
        #expect(text.contains("1. 2019年9月6日（星期五）至 9月10日（星期二），共3天"))
        // The weekend in between is not teaching: the days are listed.
        #expect(text.contains("授课日：9月6日（周五）、9月9日（周一）、9月10日（周二）"))
        #expect(text.contains("2. 2019年9月16日（星期一）至 9月20日（星期五），共5天"))
        #expect(text.contains("同行讲师：曾晓梅"))
        #expect(text.contains("同行讲师：王霞"))
        #expect(text.contains("同行讲师：无"))
        #expect(text.contains("课程：创业能力提升培训（期次 D050-1）"))
        #expect(text.contains("课程：2019年创业讲师乡村行 第1组（站点 XCX-2019-09@411324）"))
        #expect(text.contains("—— 间隔 2 个工作日 ——"))
        #expect(text.contains("转场：镇平县 → 内乡县，"))
        #expect(text.contains("次日接下一项任务，不回常住地"))
        #expect(text.contains(F.index.venues["TH-1"]!.address))
        #expect(text.contains("共 4 项任务，授课 10 天，路程合计"))
    }

    @Test func noTrainerPhoneIsPrinted() throws {
        let it = F.busiest
        let text = try ItineraryText.text(it)
        for id in [it.trainer.id] + it.engagements.flatMap({ $0.coTrainers.map(\.id) }) {
            if let phone = F.index.trainers[id]?.phone, !phone.isEmpty {
                #expect(!text.contains(phone), "phone of \(id) printed")
            }
        }
    }

    @Test func anIdleTrainerGetsAShortNote() throws {
        let text = try ItineraryText.text(Itinerary(trainer: "T002", plan: F.handMadePlan(), index: F.index)!)
        #expect(text.contains("陶明（T002）") && text.contains("本计划中没有安排任务。"))
    }
}
