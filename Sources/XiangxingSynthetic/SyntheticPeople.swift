import XiangxingCore

/// An invented person: a name with its reading, gender, resident ID and phone.
struct SyntheticPerson {
    var name: String
    /// `Shan Xiong`: given only where the characters do not tell the
    /// reading (polyphonic surnames such as 单 曾 解) or the surname has two
    /// characters (欧阳 司马), as a clerk would note it.
    var pinyin: String?
    var male: Bool
    var idNumber: String
    var phone: String
}

/// Draws people. Resident IDs are valid GB 11643 numbers whose address code
/// is the county code, whose sequence parity matches the gender, and which
/// never repeat within one scenario.
struct PeopleFactory {
    private var usedIDs: Set<String> = []

    struct Surname {
        var hanzi: String
        var pinyin: String
        var weight: Double
        /// Pinyin is written for this surname (polyphonic or compound).
        var needsReading: Bool
    }

    static let surnames: [Surname] = {
        let common: [(String, String, Double)] = [
            ("王", "Wang", 10), ("李", "Li", 10), ("张", "Zhang", 9), ("刘", "Liu", 7), ("陈", "Chen", 6),
            ("杨", "Yang", 5), ("赵", "Zhao", 4), ("黄", "Huang", 3), ("周", "Zhou", 3), ("吴", "Wu", 3),
            ("徐", "Xu", 2), ("孙", "Sun", 2), ("胡", "Hu", 2), ("朱", "Zhu", 2), ("高", "Gao", 2),
            ("林", "Lin", 2), ("何", "He", 2), ("郭", "Guo", 2), ("马", "Ma", 2), ("罗", "Luo", 1.5),
            ("梁", "Liang", 1.5), ("宋", "Song", 1.5), ("郑", "Zheng", 1.5), ("谢", "Xie", 1), ("韩", "Han", 1),
            ("唐", "Tang", 1), ("冯", "Feng", 1), ("于", "Yu", 1), ("董", "Dong", 1), ("程", "Cheng", 1),
            ("袁", "Yuan", 1), ("邓", "Deng", 1), ("许", "Xu", 1), ("曹", "Cao", 1), ("沈", "Shen", 0.8),
            ("彭", "Peng", 0.8), ("吕", "Lyu", 0.8), ("苏", "Su", 0.8), ("卢", "Lu", 0.8), ("蒋", "Jiang", 0.8),
            ("蔡", "Cai", 0.8), ("贾", "Jia", 0.8), ("丁", "Ding", 0.7), ("魏", "Wei", 0.7), ("薛", "Xue", 0.6),
            ("叶", "Ye", 0.6), ("阎", "Yan", 0.5), ("余", "Yu", 0.5), ("潘", "Pan", 0.5), ("杜", "Du", 0.5),
            ("戴", "Dai", 0.5), ("夏", "Xia", 0.5), ("钟", "Zhong", 0.5), ("汪", "Wang", 0.5), ("田", "Tian", 0.5),
            ("任", "Ren", 0.5), ("姜", "Jiang", 0.5), ("范", "Fan", 0.5), ("方", "Fang", 0.5), ("石", "Shi", 0.5),
            ("姚", "Yao", 0.5), ("谭", "Tan", 0.4), ("廖", "Liao", 0.4), ("邹", "Zou", 0.4), ("熊", "Xiong", 0.4),
            ("金", "Jin", 0.4), ("陆", "Lu", 0.4), ("郝", "Hao", 0.4), ("孔", "Kong", 0.4), ("白", "Bai", 0.4),
            ("崔", "Cui", 0.4), ("康", "Kang", 0.4), ("毛", "Mao", 0.4), ("邱", "Qiu", 0.4), ("秦", "Qin", 0.4),
            ("史", "Shi", 0.4), ("顾", "Gu", 0.4), ("侯", "Hou", 0.4), ("邵", "Shao", 0.4), ("孟", "Meng", 0.4),
            ("龙", "Long", 0.3), ("段", "Duan", 0.3), ("雷", "Lei", 0.3), ("钱", "Qian", 0.3), ("尹", "Yin", 0.3),
            ("常", "Chang", 0.3), ("武", "Wu", 0.3), ("乔", "Qiao", 0.3), ("贺", "He", 0.3), ("文", "Wen", 0.3),
        ]
        // Readings a dictionary's first entry gets wrong: 单 Shan (not dan), 曾 Zeng (not ceng) …
        let polyphonic: [(String, String, Double)] = [
            ("单", "Shan", 0.3), ("曾", "Zeng", 0.5), ("解", "Xie", 0.2), ("仇", "Qiu", 0.1), ("查", "Zha", 0.1),
            ("区", "Ou", 0.05), ("朴", "Piao", 0.05), ("盖", "Ge", 0.05), ("覃", "Qin", 0.1), ("乐", "Yue", 0.05),
            ("缪", "Miao", 0.05), ("翟", "Zhai", 0.15), ("尉迟", "Yuchi", 0.02),
        ]
        let compound: [(String, String, Double)] = [
            ("欧阳", "Ouyang", 0.12), ("司马", "Sima", 0.05), ("诸葛", "Zhuge", 0.03), ("上官", "Shangguan", 0.03),
            ("皇甫", "Huangfu", 0.03), ("令狐", "Linghu", 0.02), ("东方", "Dongfang", 0.03), ("慕容", "Murong", 0.02),
        ]
        return common.map { Surname(hanzi: $0.0, pinyin: $0.1, weight: $0.2, needsReading: false) }
            + (polyphonic + compound).map { Surname(hanzi: $0.0, pinyin: $0.1, weight: $0.2, needsReading: true) }
    }()
    static let surnameWeights = surnames.map(\.weight)

    static let maleGiven: [(String, String)] = [
        ("建国", "Jianguo"), ("建军", "Jianjun"), ("建华", "Jianhua"), ("国强", "Guoqiang"), ("志强", "Zhiqiang"),
        ("永强", "Yongqiang"), ("卫东", "Weidong"), ("红伟", "Hongwei"), ("保国", "Baoguo"), ("新民", "Xinmin"),
        ("志刚", "Zhigang"), ("海涛", "Haitao"), ("明", "Ming"), ("伟", "Wei"), ("勇", "Yong"), ("军", "Jun"),
        ("磊", "Lei"), ("涛", "Tao"), ("浩", "Hao"), ("宇", "Yu"), ("鹏", "Peng"), ("凯", "Kai"), ("杰", "Jie"),
        ("超", "Chao"), ("帅", "Shuai"), ("旭", "Xu"), ("鑫", "Xin"), ("博", "Bo"), ("雄", "Xiong"),
        ("浩然", "Haoran"), ("子轩", "Zixuan"), ("宇航", "Yuhang"), ("俊杰", "Junjie"), ("文博", "Wenbo"),
        ("志远", "Zhiyuan"), ("振华", "Zhenhua"), ("长松", "Changsong"), ("国庆", "Guoqing"), ("家豪", "Jiahao"),
        ("明辉", "Minghui"), ("少华", "Shaohua"),
    ]
    static let femaleGiven: [(String, String)] = [
        ("秀英", "Xiuying"), ("桂兰", "Guilan"), ("玉梅", "Yumei"), ("丽娟", "Lijuan"), ("晓燕", "Xiaoyan"),
        ("春霞", "Chunxia"), ("雪梅", "Xuemei"), ("海燕", "Haiyan"), ("艳红", "Yanhong"), ("秀兰", "Xiulan"),
        ("丽", "Li"), ("静", "Jing"), ("敏", "Min"), ("娟", "Juan"), ("芳", "Fang"), ("婷", "Ting"), ("倩", "Qian"),
        ("颖", "Ying"), ("雪", "Xue"), ("洁", "Jie"), ("瑶", "Yao"), ("欣", "Xin"), ("蕊", "Rui"), ("娜", "Na"),
        ("佳", "Jia"), ("亚楠", "Yanan"), ("梦瑶", "Mengyao"), ("欣怡", "Xinyi"), ("雨萱", "Yuxuan"),
        ("思雨", "Siyu"), ("晓梅", "Xiaomei"), ("玲", "Ling"), ("红霞", "Hongxia"), ("慧敏", "Huimin"), ("佳琪", "Jiaqi"),
    ]
    static let phonePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                                "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183",
                                "185", "186", "187", "188", "189", "199"]

    /// A person registered in `areaCode` (a 6-digit county code), born in `years`.
    mutating func person(areaCode: String, years: ClosedRange<Int>, rng: inout SplitMix64) -> SyntheticPerson {
        let male = rng.chance(0.55)
        let surname = Self.surnames[rng.weightedIndex(Self.surnameWeights)]
        let given = rng.pick(male ? Self.maleGiven : Self.femaleGiven)
        let id = residentID(areaCode: areaCode, male: male, years: years, rng: &rng)
        return SyntheticPerson(name: surname.hanzi + given.0,
                               pinyin: surname.needsReading ? surname.pinyin + " " + given.1 : nil,
                               male: male, idNumber: id, phone: Self.phone(rng: &rng))
    }

    private mutating func residentID(areaCode: String, male: Bool, years: ClosedRange<Int>,
                                     rng: inout SplitMix64) -> String {
        precondition(areaCode.count == 6 && areaCode.allSatisfy(\.isASCII) && areaCode.allSatisfy(\.isNumber))
        while true {
            let year = rng.int(in: years), month = rng.int(in: 1...12)
            let day = rng.int(in: 1...Day.daysIn(month: month, year: year))
            let sequence = rng.int(in: 0...499) * 2 + (male ? 1 : 0)
            let body = areaCode + String(year) + SyntheticMap.pad2(month) + SyntheticMap.pad2(day)
                + (sequence < 10 ? "00" : sequence < 100 ? "0" : "") + String(sequence)
            guard usedIDs.insert(body).inserted else { continue }
            let digits = body.map { $0.wholeNumberValue! }
            return body + String(ResidentID.checkCharacter(digits))
        }
    }

    static func phone(rng: inout SplitMix64) -> String {
        var s = rng.pick(phonePrefixes)
        for _ in 0..<8 { s += String(rng.int(in: 0...9)) }
        return s
    }

    static let projects = ["艾草加工", "电商直播带货", "农家乐", "家庭农场", "小吃店", "快递驿站", "汽车维修",
                           "手工布鞋", "农资销售", "食用菌种植", "中药材种植", "生猪养殖", "肉牛养殖", "果蔬大棚",
                           "乡村民宿", "服装加工", "家政服务", "美容美发", "农机服务", "茶叶种植", "水产养殖", "粮油加工"]
}
