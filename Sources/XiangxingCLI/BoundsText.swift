import XiangxingCore
import XiangxingIO

/// `plan --verbose`: the plan's km for classes and tours beside the lower
/// bounds no plan can go under (`KmBounds`), and what the exact search proved.
struct BoundsText {
    let index: ScenarioIndex
    let result: PlannerResult
    let language: Language

    func render() -> String {
        let b = KmBounds.of(result.sessions, in: index)
        let zh = language == .zh
        func ratio(_ r: Double?) -> String { r.map { String(format: "%.3f", $0) } ?? "-" }
        var lines = [
            String(format: zh ? "培训班路程 %.1f 公里，下界 %.1f 公里（每期由最近的合格讲师授课，不计容量和日期），比值 %@（%d 期）"
                              : "class km %.1f, lower bound %.1f (each class by its nearest qualified trainers, capacity and dates ignored), ratio %@ (%d classes)",
                   b.classKm, b.classBound, ratio(b.classRatio), b.classes),
            String(format: zh ? "乡村行路程 %.1f 公里，下界 %.1f 公里（每队讲师往返的路线不短于站点与最近讲师住地的最小生成树，也不短于每站两条最短边之半），比值 %@（%d 站）"
                              : "tour km %.1f, lower bound %.1f (each trainer's round at least a spanning tree of the stops and the nearest home, and at least half of each stop's two shortest edges), ratio %@ (%d stops)",
                   b.tourKm, b.tourBound, ratio(b.tourRatio), b.stops),
            String(format: zh ? "合计 %.1f 公里，下界 %.1f 公里，比值 %@" : "total km %.1f, lower bound %.1f, ratio %@",
                   b.totalKm, b.totalBound, ratio(b.totalRatio)),
        ]
        if let proof = result.proof { lines.append(ProofText(language: language).describe(proof)) }
        return lines.joined(separator: "\n")
    }
}

/// What a small plan can prove about itself, in words.
struct ProofText {
    let language: Language

    func describe(_ proof: OptimalityProof) -> String {
        let zh = language == .zh
        switch proof {
        case .optimal:
            return zh ? "已证明最优：每期培训都由最近的合格讲师授课，无人候补，能安排的都已安排"
                      : "proved optimal: every class has its nearest qualified trainers, everyone is seated, everything that can run runs"
        case .gap(let km, let bound, let unscheduled):
            let gap = bound > 0 ? 100 * (km - bound) / bound : 0
            var line = String(format: zh ? "未能证明最优：培训班路程最多比最优多 %.1f 公里（%.1f%%，下界 %.1f 公里）"
                                         : "not proved optimal: class km at most %.1f above the best (%.1f%%, bound %.1f km)",
                              km - bound, gap, bound)
            if unscheduled > 0 {
                line += zh ? "；另有 \(unscheduled) 期未安排，别的计划或许能安排" : "; \(unscheduled) classes left out that another plan might take"
            }
            return line
        }
    }
}
