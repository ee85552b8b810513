/// The columns of every scenario file: SCENARIO.md's English keys and the
/// Chinese headers accepted for them (documented in docs/scenario-format.md;
/// keep the two in step).
enum ScenarioColumns {
    static let scenario = [Column("key", ["键", "项目", "设置项"]), Column("value", ["值", "内容", "设置值"])]
    static let counties = [
        Column("code", ["代码", "区划代码", "县区代码"]),
        Column("name", ["名称", "县区", "县区名称"]),
        Column("lat", ["纬度"]),
        Column("lon", ["经度"]),
    ]
    static let kinds = [
        Column("code", ["代码", "类别代码", "课程代码"]),
        Column("name", ["名称", "课程名称"]),
        Column("category", ["类别", "类型"]),
        Column("days", ["天数", "学时天数"]),
        Column("min_seats", ["最少人数", "最小班额"]),
        Column("max_seats", ["最多人数", "最大班额"]),
        Column("trainers", ["讲师人数", "每班讲师数"]),
        Column("weekends", ["周末", "周末授课"]),
    ]
    static let venues = [
        Column("id", ["编号", "场地编号"]),
        Column("county", ["所属县区", "县区"]),
        Column("name", ["名称", "场地名称"]),
        Column("address", ["地址"]),
        Column("seats", ["座位数", "容纳人数"]),
        Column("calendar", ["日历", "日历文件"], required: false),
    ]
    static let trainers = [
        Column("id", ["编号", "讲师编号"]),
        Column("name", ["姓名"]),
        Column("home_county", ["常驻县区", "所在县区", "所属县区"]),
        Column("qualifications", ["资质", "可授课程"]),
        Column("max_days_per_month", ["每月最多天数", "月度上限"]),
        Column("calendar", ["日历", "日历文件"], required: false),
        Column("phone", ["联系电话", "电话", "手机号"], required: false),
    ]
    static let demand = [
        Column("id", ["编号", "需求编号"]),
        Column("county", ["所属县区", "县区"]),
        Column("kind", ["课程", "课程类别", "培训类别"]),
        Column("classes", ["期数", "班数"]),
        Column("earliest", ["最早日期", "开始日期"]),
        Column("latest", ["最晚日期", "截止日期"]),
    ]
    static let tours = [
        Column("id", ["编号", "活动编号"]),
        Column("name", ["名称", "活动名称"]),
        Column("kind", ["类别", "课程"]),
        Column("earliest", ["最早日期", "开始日期"]),
        Column("latest", ["最晚日期", "截止日期"]),
        Column("teams", ["队数", "小组数"]),
    ]
    static let stops = [
        Column("tour", ["活动编号", "活动"]),
        Column("county", ["所属县区", "县区"]),
        Column("days", ["天数"]),
        Column("mentees", ["帮扶人次", "指导人次"]),
    ]
    static let blackouts = [
        Column("county", ["所属县区", "县区"]),
        Column("start", ["开始日期"]),
        Column("end", ["结束日期"]),
        Column("reason", ["原因", "事由"]),
    ]
    static let attendees = [
        Column("id_number", ["身份证号", "身份证号码", "公民身份号码"]),
        Column("name", ["姓名"]),
        Column("gender", ["性别"]),
        Column("phone", ["联系电话", "电话", "手机号"]),
        Column("county", ["所属县区", "县区"]),
        Column("township", ["乡镇", "乡镇（街道）", "乡镇(街道)"]),
        Column("kind", ["课程", "培训类别", "课程类别"]),
        Column("project", ["创业项目"], required: false),
        Column("pinyin", ["拼音", "姓名拼音"], required: false),
    ]
    static let travel = [
        Column("from", ["起点", "出发县区"]),
        Column("to", ["终点", "到达县区"]),
        Column("km", ["公里", "里程", "公里数"]),
        Column("minutes", ["分钟", "用时", "用时分钟"]),
    ]
}
