"""What the workbook holds: its sheets, the indicators on each and the rules between them.

Pure data, shared by the blank workbook (``init``), the reader, validation and the templates.  An
indicator is found by its key (column 编码), never by its row, so rows may be reordered.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# 基本信息 and 发文要素 live in generator/read/fields.py; they are part of the catalogue
from generator.read.fields import DISPATCH_BY_LABEL, DISPATCH_FIELDS, INFO_BY_LABEL, INFO_FIELDS, YES_NO, InfoField  # noqa: F401


class Kind(StrEnum):
    COUNT = "count"  # a whole number ≥ 0
    AMOUNT = "amount"  # money, ≥ 0, in 元 or 万元 as the unit column says
    RATE = "rate"  # a percentage from 0 to 100
    NUMBER = "number"  # a non-negative decimal (hours, days)
    TEXT = "text"  # free text (the list of laws studied)


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    kind: Kind
    unit: str  # the unit written after the number; "%" for rates; 元 or 万元 for amounts
    example: str = ""


@dataclass(frozen=True)
class IndicatorSheet:
    name: str  # the sheet's Chinese name in the workbook
    key: str  # how templates refer to it
    indicators: tuple[Indicator, ...]


def _c(key: str, label: str, unit: str, example: str = "") -> Indicator:
    return Indicator(key, label, Kind.COUNT, unit, example)


def _r(key: str, label: str, example: str = "") -> Indicator:
    return Indicator(key, label, Kind.RATE, "%", example)


INDICATOR_SHEETS: tuple[IndicatorSheet, ...] = (
    IndicatorSheet(
        "行政执法",
        "enforcement",
        (
            _c("inspections", "监督检查户次", "户次", "1860"),
            _c("random_objects", "“双随机、一公开”抽查对象数", "户", "240"),
            _r("random_rate", "“双随机、一公开”抽查任务完成率", "100"),
            _c("penalty_cases", "行政处罚案件", "起", "156"),
            Indicator("fines", "罚没款金额", Kind.AMOUNT, "元", "321500"),
            _c("light_exempt", "轻微违法依法不予处罚", "件", "12"),
            _c("to_police", "移送公安机关涉嫌犯罪案件", "起", "3"),
            _c("court_enforcement", "申请人民法院强制执行案件", "起", "2"),
            _c("major_review", "重大执法决定法制审核", "件", "13"),
            _c("case_reviews", "行政执法案卷评查", "卷", "60"),
            _c("officers", "持证执法人员", "人", "40"),
            _c("equipment", "执法记录仪等执法装备", "台（套）", "12"),
        ),
    ),
    IndicatorSheet(
        "行政许可",
        "permits",
        (
            _c("accepted", "受理行政许可事项", "件", "6688"),
            _c("completed", "办结行政许可事项", "件", "6650"),
            _c("instant", "即办件", "件", "4120"),
            _r("on_time_rate", "按时办结率", "100"),
            _r("online_rate", "全程网办率", "86.5"),
            _r("time_cut", "承诺时限压缩比", "70"),
        ),
    ),
    IndicatorSheet(
        "信访",
        "petitions",
        (
            _c("total", "受理信访事项合计", "件", "4251"),
            _c("letters", "来信", "件", "313"),
            _c("visits", "来访", "件", "49"),
            _c("calls", "来电及12345热线工单", "件", "3889"),
            _c("online", "网上信访", "件", "0"),
            _c("assigned_national", "国家信访局交办", "件", "10"),
            _c("assigned_provincial", "省信访局交办", "件", "21"),
            _c("assigned_city", "市信访局交办", "件", "4"),
            _c("assigned_county", "县（区）信访局交办", "件", "6"),
            _r("on_time_rate", "按期办结率", "100"),
            _r("revisit_rate", "回访率", "100"),
            _r("satisfaction", "群众满意度", "96.2"),
        ),
    ),
    IndicatorSheet(
        "学法",
        "study",
        (
            _c("leader_meetings", "党委（党组）会议研究法治建设", "次", "4"),
            _c("group_sessions", "党委（党组）理论学习中心组集体学法", "次", "4"),
            _c("pre_meeting", "会前学法", "次", "12"),
            _c("lectures", "法治专题讲座", "场", "2"),
            Indicator("training_hours", "人均法治培训学时", Kind.NUMBER, "学时", "40"),
            _r("exam_participation", "法律知识考试参考率", "100"),
            _r("exam_excellent", "法律知识考试优秀率", "95"),
            Indicator("laws", "重点学习的法律法规", Kind.TEXT, "", "《医师法》《基本医疗卫生与健康促进法》"),
        ),
    ),
    IndicatorSheet(
        "合法性审查",
        "review",
        (
            _c("normative_made", "制定行政规范性文件", "件", "2"),
            _c("normative_reviewed", "合法性审核行政规范性文件", "件", "2"),
            _c("normative_cleaned", "清理行政规范性文件", "件", "35"),
            _c("normative_changed", "清理后修改或废止", "件", "4"),
            _c("contracts_reviewed", "合同合法性审查", "份", "18"),
            _c("decisions_reviewed", "重大行政决策合法性审查", "项", "3"),
            _c("counsels", "法律顾问和公职律师", "名", "3"),
            _c("counsel_matters", "法律顾问参与办理事项", "件", "164"),
        ),
    ),
    IndicatorSheet(
        "复议诉讼",
        "disputes",
        (
            _c("reconsideration", "行政复议案件", "件", "3"),
            _c("reconsideration_corrected", "行政复议被纠错", "件", "0"),
            _c("litigation", "行政诉讼案件", "件", "2"),
            _c("litigation_lost", "行政诉讼败诉", "件", "0"),
            _c("leader_appearance", "负责人出庭应诉", "次", "2"),
            _r("appearance_rate", "负责人出庭应诉率", "100"),
        ),
    ),
    IndicatorSheet(
        "普法",
        "publicity",
        (
            _c("events", "普法宣传活动", "场", "36"),
            _c("lectures", "法治讲座", "场", "8"),
            _c("materials", "发放宣传资料", "份", "12000"),
            _c("audience", "受教育群众", "人次", "8600"),
            _c("media_posts", "新媒体普法推送", "条", "120"),
        ),
    ),
    IndicatorSheet(
        "政务公开",
        "disclosure",
        (
            _c("proactive", "主动公开政府信息", "条", "412"),
            _c("requests", "收到政府信息公开申请", "件", "9"),
            _c("granted", "予以公开", "件", "5"),
            _c("partial", "部分公开", "件", "1"),
            _c("denied", "不予公开", "件", "1"),
            _c("nonexistent", "本机关不掌握相关信息", "件", "2"),
            _c("other_outcome", "其他处理", "件", "0"),
        ),
    ),
    IndicatorSheet(
        "建议提案",
        "proposals",
        (
            _c("npc_total", "人大代表建议", "件", "12"),
            _c("npc_lead", "人大代表建议主办", "件", "8"),
            _c("npc_assist", "人大代表建议协办", "件", "4"),
            _c("cppcc_total", "政协提案", "件", "15"),
            _c("cppcc_lead", "政协提案主办", "件", "10"),
            _c("cppcc_assist", "政协提案协办", "件", "5"),
            _r("completion_rate", "建议提案按期办结率", "100"),
            _r("satisfaction", "代表委员满意率", "100"),
        ),
    ),
)

SHEETS_BY_NAME = {s.name: s for s in INDICATOR_SHEETS}
SHEETS_BY_KEY = {s.key: s for s in INDICATOR_SHEETS}


@dataclass(frozen=True)
class SumRule:
    """Parts that must add up to a stated total (an error when they don't)."""

    sheet: str
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class PartRule:
    """A part that cannot be larger than its whole (an error), or should not be (a warning)."""

    sheet: str
    part: str
    whole: str
    warning: str = ""  # when set, a breach is only a warning, with this explanation


RULES: tuple[SumRule | PartRule, ...] = (
    SumRule("petitions", "total", ("letters", "visits", "calls", "online")),
    SumRule("disclosure", "requests", ("granted", "partial", "denied", "nonexistent", "other_outcome")),
    SumRule("proposals", "npc_total", ("npc_lead", "npc_assist")),
    SumRule("proposals", "cppcc_total", ("cppcc_lead", "cppcc_assist")),
    PartRule("permits", "instant", "completed"),
    PartRule("permits", "completed", "accepted", warning="上年结转的事项可能在本年办结，请核对"),
    PartRule("review", "normative_changed", "normative_cleaned"),
    PartRule(
        "review", "normative_reviewed", "normative_made", warning="审核件数多于制定件数，请核对是否含未出台的文件"
    ),
    PartRule("disputes", "reconsideration_corrected", "reconsideration"),
    PartRule("disputes", "litigation_lost", "litigation"),
    PartRule("enforcement", "light_exempt", "penalty_cases", warning="不予处罚件数多于处罚案件数，请核对"),
)

AMOUNT_UNITS = ("元", "万元")


# -- narrative sheets ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Subsection:
    key: str
    short: str  # what the clerk picks in the 所属分项 dropdown
    title: str  # the default 二级 heading (the 报告结构 sheet, an agency profile or template may change it)


SUBSECTIONS: tuple[Subsection, ...] = (
    Subsection("leadership", "党的领导", "加强党的领导，压实法治建设责任"),
    Subsection("study", "学法用法", "强化学法用法，提升依法行政能力"),
    Subsection("review", "依法决策", "坚持依法科学民主决策，严格合法性审查"),
    Subsection("permits", "政务服务", "深化“放管服”改革，优化政务服务"),
    Subsection("enforcement", "行政执法", "严格规范公正文明执法"),
    Subsection("disputes", "化解矛盾", "依法化解矛盾纠纷，维护群众合法权益"),
    Subsection("oversight", "监督公开", "强化权力制约监督，全面推进政务公开"),
    Subsection("publicity", "普法宣传", "深入开展普法宣传，营造浓厚法治氛围"),
)
SUBSECTIONS_BY_SHORT = {s.short: s for s in SUBSECTIONS}


@dataclass(frozen=True)
class NarrativeSheet:
    name: str
    key: str
    item: int  # the official content item it feeds (1–5)
    columns: tuple[str, ...]
    required: bool  # the item must have content
    help: str
    example: str


MEASURES = NarrativeSheet(
    "主要举措",
    "measures",
    1,
    ("所属分项", "小标题", "内容"),
    True,
    "每行一项举措，写入报告第一部分“主要举措和成效”。所属分项可从下拉列表选择，也可填写新的分项名称；"
    "小标题不要编号，程序会自动编号。",
    "示例：所属分项“行政执法”，小标题“严格落实行政执法三项制度”，内容“全面落实行政执法公示……”",
)
SHORTCOMINGS = NarrativeSheet(
    "不足和原因",
    "shortcomings",
    2,
    ("类别", "内容"),
    True,
    "每行一条，类别选“不足”或“原因”，写入报告第二部分。程序会自动加“一是、二是……”。",
    "示例：类别“不足”，内容“运用法治思维和法治方式解决问题的能力还需进一步提高”",
)
DUTIES = NarrativeSheet(
    "第一责任人",
    "duties",
    3,
    ("小标题", "内容"),
    True,
    "党政主要负责人履行推进法治建设第一责任人职责的情况，每行一项，写入报告第三部分。",
    "示例：小标题“带头学法用法”，内容“主要负责人带头参加集体学法……”",
)
PLANS = NarrativeSheet(
    "下年安排",
    "plans",
    4,
    ("小标题", "内容"),
    True,
    "下一年度推进法治政府建设的主要安排，每行一项，写入报告第四部分。",
    "示例：小标题“深化行政执法规范化建设”，内容“……”",
)
OTHERS = NarrativeSheet(
    "其他事项",
    "others",
    5,
    ("小标题", "内容"),
    False,
    "其他需要报告的情况，没有可不填；不填时报告不出现第五部分。",
    "示例：小标题“配合开展法治督察”，内容“……”",
)
NARRATIVE_SHEETS: tuple[NarrativeSheet, ...] = (MEASURES, SHORTCOMINGS, DUTIES, PLANS, OTHERS)
SHORTCOMING_KINDS = ("不足", "原因")

SPECIAL_SHEET = "特色指标"
SPECIAL_COLUMNS = ("编码", "指标", "本年", "上年", "单位", "所属分项")
# The blank's example row on 特色指标 (label, unit, 所属分项) and the 本年 its banner suggests: left with
# no figures, it is the example, not a figure, and is passed over without a word
SPECIAL_EXAMPLE = ("医疗机构依法执业检查", "家次", "行政执法", 320)
INFO_SHEET = "基本信息"
DISPATCH_SHEET = "发文要素"
README_SHEET = "说明"
# sheets ``import`` adds in front of the rest (generator/imports/sheets.py): read by the clerk, not the report
UNPLACED_SHEET = "未能归类的段落"
LAST_PLANS_SHEET = "去年的安排"
REFERENCE_SHEETS = (UNPLACED_SHEET, LAST_PLANS_SHEET)
INDICATOR_COLUMNS = ("编码", "指标", "本年", "上年", "单位", "说明")

# -- the report's own structure and words (#14 item 4) ---------------------------------------------
STRUCTURE_SHEET = "报告结构"
STRUCTURE_COLUMNS = ("分项", "二级标题", "引语")
WORDING_SHEET = "报告用语"
WORDING_COLUMNS = ("用语", "内容", "说明")


# 〔name〕 in a 报告用语 or 引语 cell → the 基本信息 label whose value it stands for (〔下年〕: the year after)
PLACEHOLDERS: dict[str, str] = {
    "年度": "报告年度",
    "下年": "报告年度",
    "机关名称": "机关名称",
    "机关自称": "机关自称",
    "领导机关": "领导机关",
    "法治建设议事协调机构": "法治建设议事协调机构",
    "主送机关": "主送机关",
}


@dataclass(frozen=True)
class Wording:
    name: str  # the 用语 column, and the name the templates' wording() asks for
    default: str  # the built-in text, as the default template writes it: a cell still equal to it is not set
    help: str


WORDINGS: tuple[Wording, ...] = (
    Wording("标题", "〔机关名称〕〔年度〕年法治政府建设年度报告", "报告的标题；太长时在机关名称后换行"),
    Wording(
        "开头段落",
        "〔年度〕年，在〔领导机关〕的正确领导下和〔法治建设议事协调机构〕的指导下，"
        "〔机关自称〕坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        "认真落实法治政府建设各项部署，压实法治建设第一责任人职责，推进法治政府建设取得新成效。"
        "现将〔年度〕年法治政府建设工作情况报告如下。",
        "主送机关下面、第一部分前面的段落",
    ),
    Wording("第一部分引语", "", "第一部分标题下、各分项前面的一段话，可不填"),
    Wording(
        "不足引语",
        "对照法治政府建设的目标要求，〔机关自称〕的工作还存在一些不足：",
        "第二部分中“一是……二是……”前面的话",
    ),
    Wording("原因引语", "分析原因，主要是：", "第二部分中各条原因前面的话"),
    Wording("第三部分引语", "", "第三部分标题下、各项前面的一段话，可不填"),
    Wording(
        "第四部分引语",
        "〔下年〕年，〔机关自称〕将坚持以习近平法治思想为指导，持续推进法治政府建设，重点抓好以下工作。",
        "第四部分开头、各项安排前面的一段话",
    ),
)
WORDINGS_BY_NAME = {w.name: w for w in WORDINGS}
