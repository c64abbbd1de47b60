"""Which catalogue indicator a figure of last year's report is, when one clearly fits.

A figure goes into a built-in row only when (1) its label names the indicator — it contains the
indicator's label, or one of the words reports use for it (``WORDS``: 上访 for 来访, 执法证 for
持证执法人员) — (2) its unit is of the indicator's kind (a rate for a rate; 件/起/份 for a count of
matters, 人/名 for people, 次/场 for occasions …), and (3) no other indicator fits as well, or the
figure stands in the 分项 whose sheet holds the indicator.  Each indicator takes one figure, the
first the report gives; the rest stay in 特色指标.  Anything less clear stays in 特色指标 too: a
wrong built-in row would put a figure in the county's sums under the wrong name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.read import catalogue as cat

# the words a report uses for each indicator, beside its catalogue label (regular expressions)
WORDS: dict[tuple[str, str], str] = {
    ("enforcement", "inspections"): r"监督检查|执法检查|日常检查|检查",  # in 户次/家次 only (its unit)
    ("enforcement", "random_objects"): r"双随机.*抽查|随机抽查|随机抽取",
    ("enforcement", "random_rate"): r"(双随机|抽查).*完成率",
    ("enforcement", "penalty_cases"): r"行政处罚案件|处罚案件|查处.*(违法|案件)",
    ("enforcement", "fines"): r"罚没款|罚没金额|罚款",
    ("enforcement", "light_exempt"): r"不予处罚|免罚",
    ("enforcement", "to_police"): r"(移送|移交).*(公安|犯罪)|公安.*(移送|移交)|涉嫌犯罪",
    ("enforcement", "court_enforcement"): r"强制执行",
    ("enforcement", "major_review"): r"(法制|法治).{0,4}审核",
    ("enforcement", "case_reviews"): r"案卷评查|评查.*案卷",
    ("enforcement", "officers"): r"执法证|持证",
    ("enforcement", "equipment"): r"执法记录仪|执法仪|执法装备",
    ("permits", "accepted"): r"(受理|办理).*(行政许可|审批事项)",
    ("permits", "completed"): r"办结.*(行政许可|审批事项)",
    ("permits", "instant"): r"即办件",
    ("permits", "on_time_rate"): r"(许可|审批).*(按时|按期)办结率",
    ("permits", "online_rate"): r"网办率|网上办理率|全程网办",
    ("permits", "time_cut"): r"(压缩|缩减|缩短).*(时限|时间)|(时限|时间).*(压缩|缩减|缩短)",
    ("petitions", "total"): r"^(受理|办理|处理)?(群众)?信访(事项|件|案件)",
    ("petitions", "letters"): r"来信",
    ("petitions", "visits"): r"来访|上访",
    ("petitions", "calls"): r"来电|12345|热线工单",
    ("petitions", "online"): r"网上信访",
    ("petitions", "assigned_national"): r"国家信访局",
    ("petitions", "assigned_provincial"): r"省信访局",
    ("petitions", "assigned_city"): r"市信访局",
    ("petitions", "assigned_county"): r"[县区]信访局",
    ("petitions", "on_time_rate"): r"信访.*(按期|按时|及时)办结率",
    ("petitions", "revisit_rate"): r"回访率",
    ("petitions", "satisfaction"): r"信访.{0,8}满意(度|率)",
    ("study", "leader_meetings"): r"(党委|党组|局务会|班子).*研究.*法治|专题研究法治",
    ("study", "group_sessions"): r"中心组.*学|集体学法",
    ("study", "pre_meeting"): r"会前学法",
    ("study", "training_hours"): r"人均.*(学时|培训)",
    ("study", "exam_participation"): r"(考试|学法).{0,6}参考率|^参考率$",
    ("study", "exam_excellent"): r"(考试|测试|学法).{0,6}优秀率|^优秀率$",
    ("review", "normative_made"): r"(制定|出台|印发).*规范性文件",
    ("review", "normative_reviewed"): r"(审核|审查).*规范性文件|规范性文件.*(审核|审查)",
    ("review", "normative_cleaned"): r"清理.*规范性文件|规范性文件.*清理|清理.{0,4}文件",
    ("review", "normative_changed"): r"修改或废止|修订或废止|修改、废止",
    ("review", "contracts_reviewed"): r"合同.*(审|把关)|审.*合同",
    ("review", "decisions_reviewed"): r"重大行政决策.*(审|论证)",
    ("review", "counsels"): r"法律顾问|公职律师",
    ("review", "counsel_matters"): r"法律顾问.*(参与|办理|出具)",
    ("disputes", "reconsideration"): r"行政复议(案件)?$|发生.*复议|办理.*复议",
    ("disputes", "reconsideration_corrected"): r"复议.*纠错|被纠错",
    ("disputes", "litigation"): r"行政诉讼(案件)?$|应诉案件",
    ("disputes", "litigation_lost"): r"败诉",
    ("disputes", "leader_appearance"): r"出庭应诉(?!率)",
    ("disputes", "appearance_rate"): r"出庭.*率",
    ("publicity", "events"): r"普法.*活动|宣传活动",
    ("publicity", "lectures"): r"普法.{0,6}讲座|法治讲座",
    ("publicity", "materials"): r"宣传资料|宣传册|宣传单",
    ("publicity", "audience"): r"受教育|受众",
    ("publicity", "media_posts"): r"普法.{0,6}(推送|信息)|推送.{0,6}普法|新媒体.{0,4}普法",
    ("disclosure", "proactive"): r"主动公开",
    ("disclosure", "requests"): r"公开申请|依申请公开",
    ("disclosure", "granted"): r"^予以公开",
    ("disclosure", "partial"): r"部分公开",
    ("disclosure", "denied"): r"不予公开",
    ("disclosure", "nonexistent"): r"不掌握",
    ("proposals", "npc_total"): r"人大代表建议|代表建议",
    ("proposals", "npc_lead"): r"主办.*建议|建议.*主办",
    ("proposals", "npc_assist"): r"协办.*建议|建议.*协办",
    ("proposals", "cppcc_total"): r"政协提案|委员提案",
    ("proposals", "cppcc_lead"): r"主办.*提案|提案.*主办",
    ("proposals", "cppcc_assist"): r"协办.*提案|提案.*协办",
    ("proposals", "completion_rate"): r"(建议|提案).*办结率",
    ("proposals", "satisfaction"): r"(代表|委员).*满意",
}

# units a row takes besides those of its own unit's kind (工单 are counted in 条 as often as in 件)
EXTRA_UNITS: dict[tuple[str, str], frozenset[str]] = {
    ("petitions", "calls"): frozenset({"条", "个"}),
    ("petitions", "online"): frozenset({"条"}),
    ("disclosure", "requests"): frozenset({"条"}),
}

# units of one kind: a figure may only go into a row whose unit is of the same kind
_UNIT_KINDS = (
    {"件", "份", "项", "起", "宗", "例"},  # matters; 个, 条, 类, 篇 … only for a row in that very unit
    {"人", "名", "位"},
    {"人次"},
    {"次", "场", "期", "轮", "场次", "批次"},
    {"家", "户", "所", "处"},
    {"户次", "家次"},
    {"台", "套", "台（套）", "台(套)", "部", "辆"},
    {"%"},
    {"元", "万元"},
    {"天", "个工作日", "小时", "学时", "课时"},
)


def _kind_of(unit: str) -> int:
    return next((i for i, units in enumerate(_UNIT_KINDS) if unit in units), -1)


def _same_kind(unit: str, row_unit: str) -> bool:
    return unit == row_unit or (_kind_of(unit) >= 0 and _kind_of(unit) == _kind_of(row_unit))


@dataclass(frozen=True)
class Match:
    sheet: cat.IndicatorSheet
    indicator: cat.Indicator


def _fits(
    label: str, unit: str, sheet: cat.IndicatorSheet, ind: cat.Indicator, sheets_here: tuple[str, ...] = ()
) -> bool:
    if ind.kind is cat.Kind.TEXT:
        return False
    if (unit == "%") != (ind.kind is cat.Kind.RATE):
        return False
    extra = EXTRA_UNITS.get((sheet.key, ind.key), frozenset())
    if unit != "%" and ("率" in label or not (_same_kind(unit, ind.unit) or unit in extra)):
        return False
    words = WORDS.get((sheet.key, ind.key), "")
    core = re.sub(r"[“”\"（）()]", "", ind.label)
    plain = re.sub(r"[“”\"（）()]", "", label)
    if len(core) <= 5 and sheets_here and sheet.key not in sheets_here and not (words and re.search(words, plain)):
        return False  # a short, common name (按期办结率, 来信) of another 分项's sheet: not clearly this row
    return bool((len(core) >= 3 and core in plain) or (words and re.search(words, plain)))


def match(
    label: str, unit: str, sheets_here: tuple[str, ...] = (), taken: frozenset[str] = frozenset()
) -> Match | None:
    """The indicator the figure clearly is, or None.  ``sheets_here``: the keys of the sheets whose
    figures the 分项 it stands in reports (a tie is decided for them); ``taken``: "sheet.key" of the
    indicators already given a figure."""
    found = [
        Match(sheet, ind)
        for sheet in cat.INDICATOR_SHEETS
        for ind in sheet.indicators
        if f"{sheet.key}.{ind.key}" not in taken and _fits(label, unit, sheet, ind, sheets_here)
    ]
    if len(found) > 1:
        found = [m for m in found if m.sheet.key in sheets_here] or found
    return found[0] if len(found) == 1 else None
