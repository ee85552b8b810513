import Testing
import XiangxingCore

/// How a county, kind, trainer or venue typed on the command line is found
/// in the tiny scenario (唐河县 411328, 桐柏县 411330, 西峡县 411323; kinds
/// GYB 创业意识培训, SYB 创办你的企业, XCX 创业讲师乡村行; trainers T01 王建国 …).
@Suite("Names on the command line")
struct NameLookupTests {
    let index = TinyScenario().index

    private func county(_ text: String) -> County? { try? NameLookup.county(text, in: index).get().value }

    @Test func aCountyIsFoundByItsCodeItsFullNameOrItsNameWithoutTheSuffix() throws {
        #expect(county("411328")?.name == "唐河县")
        #expect(county("唐河县")?.code == "411328")
        #expect(county(" 桐柏县　")?.code == "411330")  // spaces, even an ideographic one, are dropped
        let short = try NameLookup.county("唐河", in: index).get()
        #expect(short.value.code == "411328")
        #expect(short.via == .shortName)
    }

    @Test func aMistypedCountySuggestsTheOneMeant() {
        guard case .failure(let f) = NameLookup.county("唐和", in: index),
              case .unknown(_, _, let nearest, _) = f else { Issue.record("唐和 should be unknown"); return }
        #expect(nearest.map(\.code) == ["411328"])
        #expect(f.message(option: "--county", .zh) == "--county: 未知县区“唐和” — 您是否要输入 唐河县（411328）？（县区可写代码或名称）")
        #expect(f.message(option: "--county", .en).contains("did you mean 唐河县 (411328)?"))
    }

    @Test func aCountyNobodyCouldMeanListsEveryCountyOnItsOwnLine() {
        guard case .failure(let f) = NameLookup.county("北京市", in: index),
              case .unknown(_, _, let nearest, _) = f else { Issue.record("北京市 should be unknown"); return }
        #expect(nearest.isEmpty)
        let lines = f.message(option: "--county", .zh).split(separator: "\n").map(String.init)
        #expect(lines.first == "--county: 未知县区“北京市” — 请写县区代码或名称，可用的有：")
        #expect(lines.dropFirst() == ["  411328  唐河县", "  411330  桐柏县", "  411323  西峡县"])
    }

    @Test func aDigitTypoInACodeIsNotGuessedAt() {
        // 411329 is one digit from 411328 and from 411323: no guess is better than a wrong one.
        guard case .failure(.unknown(_, _, let nearest, _)) = NameLookup.county("411329", in: index) else {
            Issue.record("411329 is not in the tiny scenario"); return
        }
        #expect(nearest.isEmpty)
    }

    @Test func aKindIsFoundByCodeInAnyCaseOrByName() throws {
        #expect(try NameLookup.kind("创业意识培训", in: index).get().value.code == "GYB")
        #expect(try NameLookup.kind("syb", in: index).get().value.name == "创办你的企业")
        guard case .failure(.unknown(_, _, let nearest, _)) = NameLookup.kind("创业意识", in: index) else {
            Issue.record("创业意识 is only part of a name"); return
        }
        #expect(nearest.first?.code == "GYB")
    }

    @Test func aTrainerIsFoundByIdOrByTheirName() throws {
        #expect(try NameLookup.trainer("王建国", in: index).get().value.id == "T01")
        #expect(try NameLookup.trainer("t03", in: index).get().value.name == "张伟")
        guard case .failure(.unknown(_, _, let nearest, _)) = NameLookup.trainer("赵丽娜", in: index) else {
            Issue.record("赵丽娜 is nobody"); return
        }
        #expect(nearest.map(\.code) == ["T04"])  // 赵丽娟
    }

    @Test func twoTrainersOfOneNameAreAnErrorListingBothIds() throws {
        var tiny = TinyScenario()
        tiny.trainer("T05") { $0.name = "王建国" }
        guard case .failure(let f) = NameLookup.trainer("王建国", in: tiny.index),
              case .ambiguous(_, _, let matches) = f else { Issue.record("王建国 is two trainers"); return }
        #expect(matches.map(\.code) == ["T01", "T05"])
        #expect(f.message(option: "--trainer", .zh)
                == "--trainer: 有 2 位讲师叫“王建国”：王建国（T01，唐河县）、王建国（T05，桐柏县） — 请用编号指明是哪一位，例如 --trainer T01")
        // The id still finds each of them.
        #expect(try NameLookup.trainer("T05", in: tiny.index).get().value.homeCounty == "411330")
    }

    @Test func aVenueIsFoundByIdOrByName() throws {
        #expect(try NameLookup.venue("西峡县职业中专报告厅", in: index).get().value.id == "V-XX1")
        #expect(try NameLookup.venue("v-th2", in: index).get().value.name == "唐河县人社局二楼会议室")
    }

    @Test func editsAreCountedInCharactersAndASwapIsOne() {
        #expect(NameLookup.editDistance("唐和县", "唐河县") == 1)
        #expect(NameLookup.editDistance("plna", "plan") == 1)
        #expect(NameLookup.editDistance("--ot", "--out") == 1)
        #expect(NameLookup.editDistance("", "唐河") == 2)
    }
}
