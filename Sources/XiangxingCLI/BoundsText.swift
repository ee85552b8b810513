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

/// The exact search's finding in words.
struct ProofText {
    let language: Language

    func describe(_ proof: OptimalityProof) -> String {
        let zh = language == .zh
        switch proof {
        case .optimal(let nodes):
            return zh ? "精确搜索已证明：培训班部分为最优（搜索 \(nodes) 个结点）"
                      : "exact search proved the classes optimal (\(nodes) nodes searched)"
        case .gap(let km, let bound, let nodes):
            let gap = bound > 0 ? 100 * (km - bound) / bound : 0
            return String(format: zh ? "精确搜索在 %d 个结点处停止：培训班路程最多比最优多 %.1f%%（下界 %.1f 公里）"
                                     : "exact search stopped after %d nodes: class km at most %.1f%% above optimal (bound %.1f km)",
                          nodes, gap, bound)
        }
    }
}
