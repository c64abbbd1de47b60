"""Regenerate the bundled sample workbook of a fictional county health commission.

    python data_inputs/make_sample.py

The figures and text below are invented for a fictional county; they follow the genre of the
published reports (see ../shared/reference) without copying any of them.  tests/test_sample.py
checks that the committed workbook still holds exactly these values.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.read import catalogue as cat  # noqa: E402
from generator.workbook.blank import blank_workbook, save_workbook  # noqa: E402

SAMPLE_PATH = ROOT / "data_inputs" / "示例县卫生健康局 2025年度数据.xlsx"

INFO: dict[str, Any] = {
    "机关名称": "示例县卫生健康局",
    "机关自称": "我局",
    "报告年度": 2025,
    "主送机关": "县委、县政府",
    "领导机关": "县委、县政府",
    "法治建设议事协调机构": "县委全面依法治县委员会办公室",
    "署名": "示例县卫生健康局",
    "成文日期": dt.date(2026, 1, 20),
}

# 发文要素: filled in but not switched on (empty means off unless an agency profile switches it on);
# tests switch 版头, 附件 and 版记 on and add a 附注.
DISPATCH: dict[str, Any] = {
    "发文机关标志": "示例县卫生健康局文件",
    "发文字号": "示卫发〔2026〕3号",
    "签发人": "王某某",
    "抄送机关": "县委全面依法治县委员会办公室，市卫生健康委员会",
    "印发机关": "示例县卫生健康局办公室",
    "印发日期": dt.date(2026, 1, 20),
}

# sheet name -> key -> (this year, last year[, unit])
FIGURES: dict[str, dict[str, tuple[Any, ...]]] = {
    "行政执法": {
        "inspections": (1926, 1784),
        "random_objects": (248, 230),
        "random_rate": (100, 100),
        "penalty_cases": (168, 156),
        "fines": (356800, 321500, "元"),
        "light_exempt": (14, 9),
        "to_police": (3, 3),
        "court_enforcement": (2, 2),
        "major_review": (15, 13),
        "case_reviews": (64, 60),
        "officers": (42, 40),
        "equipment": (16, 12),
    },
    "行政许可": {
        "accepted": (7182, 6688),
        "completed": (7150, 6650),
        "instant": (4236, 4120),
        "on_time_rate": (100, 100),
        "online_rate": (88.6, 82.1),
        "time_cut": (72, 70),
    },
    "信访": {
        "total": (4068, 4251),
        "letters": (286, 313),
        "visits": (41, 49),
        "calls": (3659, 3889),
        "online": (82, None),
        "assigned_national": (8, 10),
        "assigned_provincial": (17, 21),
        "assigned_city": (5, 4),
        "assigned_county": (12, None),
        "on_time_rate": (100, 100),
        "revisit_rate": (100, 100),
        "satisfaction": (97.3, 96.2),
    },
    "学法": {
        "leader_meetings": (5, 4),
        "group_sessions": (6, 4),
        "pre_meeting": (14, 12),
        "lectures": (3, 2),
        "training_hours": (42, 40),
        "exam_participation": (100, 100),
        "exam_excellent": (96.5, 95),
        "laws": (
            "《中华人民共和国医师法》《中华人民共和国基本医疗卫生与健康促进法》《医疗保障基金使用监督管理条例》",
            None,
        ),
    },
    "合法性审查": {
        "normative_made": (2, 1),
        "normative_reviewed": (2, 1),
        "normative_cleaned": (38, 35),
        "normative_changed": (5, 4),
        "contracts_reviewed": (21, 18),
        "decisions_reviewed": (4, 3),
        "counsels": (3, 3),
        "counsel_matters": (172, 164),
    },
    "复议诉讼": {
        "reconsideration": (2, 3),
        "reconsideration_corrected": (0, 0),
        "litigation": (1, 2),
        "litigation_lost": (0, 0),
        "leader_appearance": (1, 2),
        "appearance_rate": (100, 100),
    },
    "普法": {
        "events": (42, 36),
        "lectures": (9, 8),
        "materials": (13500, 12000),
        "audience": (9200, 8600),
        "media_posts": (136, 120),
    },
    "政务公开": {
        "proactive": (438, 412),
        "requests": (7, 9),
        "granted": (4, 5),
        "partial": (1, 1),
        "denied": (0, 1),
        "nonexistent": (2, 2),
        "other_outcome": (0, 0),
    },
    "建议提案": {
        "npc_total": (11, 12),
        "npc_lead": (7, 8),
        "npc_assist": (4, 4),
        "cppcc_total": (16, 15),
        "cppcc_lead": (11, 10),
        "cppcc_assist": (5, 5),
        "completion_rate": (100, 100),
        "satisfaction": (100, 100),
    },
}

SPECIAL = [
    ("hospital_checks", "开展医疗机构依法执业专项检查", 326, 298, "家次", "行政执法"),
    ("family_doctor_disputes", "成功调解医疗纠纷", 37, 33, "件", "化解矛盾"),
]

MEASURES = [
    (
        "党的领导",
        "健全法治建设领导机制",
        "局党委将法治政府建设纳入年度重点工作，与卫生健康事业发展同部署、同推进、同考核。调整充实法治建设领导小组，"
        "印发年度法治建设工作要点，明确责任股室和完成时限，形成主要负责人亲自抓、分管负责人具体抓、各股室和局属单位共同推进的工作格局。",
    ),
    (
        "党的领导",
        "压实法治建设工作责任",
        "将法治建设情况纳入局属单位年度目标考核和领导班子述职内容，每半年督查一次责任落实情况，对发现的问题建立台账、限期整改。",
    ),
    (
        "学法用法",
        "坚持领导干部带头学法",
        "制定年度学法计划，把习近平法治思想作为理论学习中心组学习的重要内容，落实局务会会前学法制度，"
        "邀请县法院法官、执业律师围绕行政诉讼和医疗纠纷处理开展专题辅导。",
    ),
    (
        "学法用法",
        "抓实执法人员法律培训",
        "结合新修订的法律法规，分批组织执法人员开展业务培训和案卷制作实训，组织全员参加行政执法资格考试和年度法律知识考试。",
    ),
    (
        "依法决策",
        "严格重大行政决策程序",
        "对涉及群众切身利益的重大事项，严格履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序，"
        "全年未发生因决策违法引发的行政争议。",
    ),
    (
        "依法决策",
        "发挥法律顾问作用",
        "聘请专业律师事务所担任常年法律顾问，局属单位全部落实法律顾问制度，重大合同、重大执法决定和涉法信访事项均听取法律顾问意见。",
    ),
    (
        "政务服务",
        "推进审批服务提速增效",
        "全面推行告知承诺制和“一件事一次办”，医师、护士执业注册等高频事项实现全程网办，"
        "医疗机构校验、公共场所卫生许可实行容缺受理，群众办事材料平均减少三分之一。",
    ),
    (
        "政务服务",
        "加强事中事后监管",
        "对新办证医疗机构和公共场所开展首次检查，实行“一件事一回访”，主动听取办事群众和企业的意见建议。",
    ),
    (
        "行政执法",
        "严格落实行政执法三项制度",
        "在县政府门户网站全面公示执法主体、权责清单和执法结果，执法全程使用执法记录仪记录，"
        "重大执法决定一律经法制审核后作出，行政执法案卷评查合格率保持较高水平。",
    ),
    (
        "行政执法",
        "开展重点领域专项整治",
        "聚焦医疗美容、口腔诊疗、医疗废物处置和生活饮用水安全，组织开展打击非法行医、规范医疗机构执业行为等专项行动，"
        "对发现的问题依法立案查处，形成有力震慑。",
    ),
    (
        "行政执法",
        "推行包容审慎监管",
        "制定卫生健康领域轻微违法行为不予处罚清单，对首次轻微违法并及时改正的经营者依法不予处罚，同步开展普法教育，做到宽严相济、法理相融。",
    ),
    (
        "化解矛盾",
        "畅通群众诉求表达渠道",
        "落实领导干部接访下访制度，局班子成员轮流接待来访群众，12345热线工单实行专人分办、限时办结、逐件回访，"
        "全年办理来电及热线工单〔来电及12345热线工单〕件。",
    ),
    (
        "化解矛盾",
        "依法处理行政复议和诉讼",
        "认真做好行政复议答复和行政应诉工作，落实行政机关负责人出庭应诉制度，严格履行复议决定和法院生效裁判。",
    ),
    (
        "监督公开",
        "自觉接受各方面监督",
        "认真办理人大代表建议和政协提案，主动向县人大常委会报告有关工作，坚持以公开为常态、不公开为例外，依法办理政府信息公开申请。",
    ),
    (
        "普法宣传",
        "落实“谁执法谁普法”责任制",
        "制定年度普法责任清单，利用“宪法宣传周”“世界卫生日”等时间节点开展主题宣传，组织执法人员深入医疗机构、学校和公共场所以案释法。",
    ),
    (
        "健康领域法治保障",
        "推进卫生健康信用体系建设",
        "归集医疗机构和从业人员的行政许可、行政处罚信息并依法公示，对严重失信主体实施联合惩戒。",
    ),
]

SHORTCOMINGS = [
    ("不足", "部分干部运用法治思维和法治方式解决问题的能力还需进一步提高"),
    ("不足", "基层执法力量相对薄弱，执法人员专业结构与监管任务还不完全匹配"),
    ("不足", "普法宣传的针对性和覆盖面还有待提升，以案释法的效果不够明显"),
    ("原因", "对法治学习的系统性重视不够，学用结合还不够紧密"),
    ("原因", "执法队伍新进人员较多，业务培训和实战锻炼还不够充分"),
]

DUTIES = [
    (
        "带头谋划部署法治建设",
        "主要负责人主持召开党委会专题研究法治政府建设，审定年度工作要点，对重点任务亲自部署、重要问题亲自过问、重大事项亲自督办。",
    ),
    (
        "带头尊法学法守法用法",
        "主要负责人带头参加理论学习中心组集体学法和会前学法，带头讲法治课，年度述职同步报告履行法治建设职责情况。",
    ),
    ("带头依法决策", "对重大行政决策、重大资金使用和重要合同，坚持先审查后决策，未经合法性审查的不提交集体讨论。"),
    ("带头化解矛盾纠纷", "主要负责人带头接访和包案化解信访积案，带头出庭应诉，推动矛盾纠纷在法治轨道上解决。"),
]

PLANS = [
    (
        "深入学习贯彻习近平法治思想",
        "健全领导干部学法用法长效机制，将法治教育纳入干部教育培训总体规划，提高运用法治思维和法治方式推动工作的能力。",
    ),
    (
        "持续提升行政执法质量",
        "全面落实行政裁量权基准制度，加强执法人员培训和执法装备保障，常态化开展案卷评查，推进严格规范公正文明执法。",
    ),
    ("深化政务服务改革", "扩大告知承诺和全程网办事项范围，进一步压缩办理时限，持续优化法治化营商环境。"),
    ("增强普法宣传实效", "落实“谁执法谁普法”责任制，创新普法方式，推动普法与执法、服务深度融合。"),
]

OTHERS = [
    ("配合完成法治督察反馈问题整改", "对上级法治督察反馈的问题逐项制定整改措施，已全部完成整改并建立长效机制。"),
]


def fill(wb: Any) -> None:
    """Write the sample values into a blank workbook (by key, so the layout may change)."""
    for sheet, values in ((cat.INFO_SHEET, INFO), (cat.DISPATCH_SHEET, DISPATCH)):
        for row in wb[sheet].iter_rows(min_row=3):
            if row[0].value in values:
                row[1].value = values[row[0].value]
    for sheet, values in FIGURES.items():
        ws = wb[sheet]
        for row in ws.iter_rows(min_row=3):
            entry = values.get(row[0].value)
            if entry:
                row[2].value, row[3].value = entry[0], entry[1]
                if len(entry) > 2:
                    row[4].value = entry[2]
    ws = wb[cat.SPECIAL_SHEET]
    for i, values in enumerate(SPECIAL, start=3):
        for j, v in enumerate(values, start=1):
            ws.cell(row=i, column=j, value=v)
    for sheet, rows in (
        (cat.MEASURES.name, MEASURES),
        (cat.SHORTCOMINGS.name, SHORTCOMINGS),
        (cat.DUTIES.name, DUTIES),
        (cat.PLANS.name, PLANS),
        (cat.OTHERS.name, OTHERS),
    ):
        ws = wb[sheet]
        for i, values in enumerate(rows, start=3):
            for j, v in enumerate(values, start=1):
                ws.cell(row=i, column=j, value=v)


def sample_workbook() -> Any:
    wb = blank_workbook()
    fill(wb)
    return wb


if __name__ == "__main__":
    save_workbook(sample_workbook(), SAMPLE_PATH)
    print(f"已写出示例工作簿：{SAMPLE_PATH}")
