"""How the sentence builder says each built-in indicator: its clause with a verb, and its ties.

Pure data beside :mod:`generator.read.catalogue`, read by :mod:`generator.render.sentences`.  A clause is a
pattern in which ``{}`` is the figure with its unit ("办理行政处罚案件{}" → 办理行政处罚案件168起).
The rules the builder follows with these are written down in the README (developer section, "How
the data sentences are written").
"""

from __future__ import annotations

from dataclasses import dataclass

DUTIES = "duties"  # item 三 (第一责任人): the figures its lead sentence gives


@dataclass(frozen=True)
class Clause:
    say: str  # the clause on its own, verb first: "受理群众来信{}"
    group: str  # clauses of one group in one sheet make one sentence, in the catalogue's order
    part_of: str = ""  # the key of the total it is a part of: said after "其中" in the total's clause
    part: str = ""  # the clause after "其中" (or after a sibling in a series): "来信{}"
    zero: str = ""  # what is said when the figure is 0 ("未发生行政复议案件"); "" leaves it out
    stock: bool = False  # a figure at the year's end (staff, equipment): no "全年" before it
    yoy: bool = False  # followed by "同比增长×%" when last year's figure is known
    section: str = ""  # the subsection it is said in, when not its sheet's
    series: str = ""  # right after a clause of the same series it is said ``short``, tied with "、"
    short: str = ""  # "省信访局交办件{}" after "办理国家信访局交办件10件"


def _part(say: str, part: str, of: str, group: str, zero: str = "") -> Clause:
    return Clause(say, group, part_of=of, part=part, zero=zero)


# the subsection each sheet's figures are said in (the keys of catalogue.SUBSECTIONS)
SHEET_SECTIONS: dict[str, str] = {
    "enforcement": "enforcement",
    "permits": "permits",
    "petitions": "disputes",
    "study": "study",
    "review": "review",
    "disputes": "disputes",
    "publicity": "publicity",
    "disclosure": "oversight",
    "proposals": "oversight",
}

CLAUSES: dict[str, dict[str, Clause]] = {
    "enforcement": {
        "officers": Clause("现有持证执法人员{}", "staff", stock=True),
        "equipment": Clause("配备执法记录仪等执法装备{}", "staff", stock=True),
        "inspections": Clause("开展监督检查{}", "checks", yoy=True),
        "random_objects": Clause("开展“双随机、一公开”抽查{}", "checks"),
        "random_rate": Clause("抽查任务完成率达到{}", "checks"),
        "penalty_cases": Clause("办理行政处罚案件{}", "cases", yoy=True),
        "fines": Clause("收缴罚没款{}", "cases"),
        "light_exempt": Clause("对轻微违法行为依法不予处罚{}", "cases"),
        "major_review": Clause("开展重大执法决定法制审核{}", "cases"),
        "to_police": Clause("向公安机关移送涉嫌犯罪案件{}", "cases"),
        "court_enforcement": Clause("申请人民法院强制执行{}", "cases"),
        "case_reviews": Clause("评查行政执法案卷{}", "cases"),
    },
    "permits": {
        "accepted": Clause("受理行政许可事项{}", "permits", yoy=True, series="permits"),
        "completed": Clause("办结行政许可事项{}", "permits", series="permits", short="办结{}"),
        "instant": _part("办结即办件{}", "即办件{}", "completed", "permits"),
        "on_time_rate": Clause("按时办结率达到{}", "permits"),
        "online_rate": Clause("行政许可事项全程网办率达到{}", "online"),
        "time_cut": Clause("承诺办理时限比法定时限压缩{}", "online"),
    },
    "petitions": {
        "total": Clause("受理信访事项{}", "petitions", yoy=True),
        "letters": _part("受理群众来信{}", "来信{}", "total", "petitions"),
        "visits": _part("接待群众来访{}", "来访{}", "total", "petitions"),
        "calls": _part("办理来电及12345热线工单{}", "来电及12345热线工单{}", "total", "petitions"),
        "online": _part("受理网上信访{}", "网上信访{}", "total", "petitions"),
        "assigned_national": Clause("办理国家信访局交办件{}", "assigned", series="assigned"),
        "assigned_provincial": Clause("办理省信访局交办件{}", "assigned", series="assigned", short="省信访局交办件{}"),
        "assigned_city": Clause("办理市信访局交办件{}", "assigned", series="assigned", short="市信访局交办件{}"),
        "assigned_county": Clause(
            "办理县（区）信访局交办件{}", "assigned", series="assigned", short="县（区）信访局交办件{}"
        ),
        "on_time_rate": Clause("信访事项按期办结率达到{}", "rates"),
        "revisit_rate": Clause("回访率达到{}", "rates"),
        "satisfaction": Clause("群众满意度达到{}", "rates"),
    },
    "study": {
        "leader_meetings": Clause("召开党委（党组）会议研究法治建设工作{}", "duties", section=DUTIES),
        "group_sessions": Clause("组织党委（党组）理论学习中心组集体学法{}", "duties", section=DUTIES),
        "pre_meeting": Clause("开展会前学法{}", "study"),
        "lectures": Clause("举办法治专题讲座{}", "study"),
        "training_hours": Clause("干部职工人均参加法治培训{}", "study"),
        "exam_participation": Clause("法律知识考试参考率达到{}", "exam", series="exam"),
        "exam_excellent": Clause("法律知识考试优秀率达到{}", "exam", series="exam", short="优秀率达到{}"),
        "laws": Clause("重点学习了{}等法律法规", "laws", stock=True),
    },
    "review": {
        "normative_made": Clause("制定行政规范性文件{}", "normative"),
        "normative_reviewed": Clause("对行政规范性文件开展合法性审核{}", "normative"),
        "normative_cleaned": Clause("清理行政规范性文件{}", "cleaned"),
        "normative_changed": _part("清理后修改或废止行政规范性文件{}", "修改或废止{}", "normative_cleaned", "cleaned"),
        "contracts_reviewed": Clause("审查合同{}", "reviewed"),
        "decisions_reviewed": Clause("对{}重大行政决策进行合法性审查", "reviewed"),
        "counsels": Clause("聘请法律顾问和公职律师{}", "counsel", stock=True),
        "counsel_matters": Clause("法律顾问参与办理重大决策、执法案件、合同审核和信访等法律事务{}", "counsel"),
    },
    "disputes": {
        "reconsideration": Clause("发生行政复议案件{}", "reconsideration", zero="未发生行政复议案件"),
        "reconsideration_corrected": _part(
            "行政复议被纠错{}", "被纠错{}", "reconsideration", "reconsideration", zero="无被纠错案件"
        ),
        "litigation": Clause("发生行政诉讼案件{}", "litigation", zero="未发生行政诉讼案件"),
        "litigation_lost": _part("行政诉讼败诉{}", "败诉{}", "litigation", "litigation", zero="无败诉案件"),
        "leader_appearance": Clause("负责人出庭应诉{}", "litigation", series="appearance"),
        "appearance_rate": Clause(
            "负责人出庭应诉率达到{}", "litigation", series="appearance", short="出庭应诉率达到{}"
        ),
    },
    "publicity": {
        "events": Clause("开展普法宣传活动{}", "publicity"),
        "lectures": Clause("举办法治讲座{}", "publicity"),
        "materials": Clause("发放宣传资料{}", "publicity"),
        "media_posts": Clause("通过新媒体推送普法信息{}", "publicity"),
        "audience": Clause("受教育群众达{}", "publicity"),
    },
    "disclosure": {
        "proactive": Clause("主动公开政府信息{}", "proactive"),
        "requests": Clause("收到政府信息公开申请{}", "requests"),
        "granted": _part("对政府信息公开申请予以公开{}", "予以公开{}", "requests", "requests"),
        "partial": _part("对政府信息公开申请部分公开{}", "部分公开{}", "requests", "requests"),
        "denied": _part("对政府信息公开申请不予公开{}", "不予公开{}", "requests", "requests"),
        "nonexistent": _part("答复本机关不掌握相关信息{}", "答复本机关不掌握相关信息{}", "requests", "requests"),
        "other_outcome": _part("对政府信息公开申请作其他处理{}", "作其他处理{}", "requests", "requests"),
    },
    "proposals": {
        "npc_total": Clause("承办人大代表建议{}", "npc", series="proposals"),
        "npc_lead": _part("主办人大代表建议{}", "主办{}", "npc_total", "npc"),
        "npc_assist": _part("协办人大代表建议{}", "协办{}", "npc_total", "npc"),
        "cppcc_total": Clause("承办政协提案{}", "npc", series="proposals", short="政协提案{}"),
        "cppcc_lead": _part("主办政协提案{}", "主办{}", "cppcc_total", "npc"),
        "cppcc_assist": _part("协办政协提案{}", "协办{}", "cppcc_total", "npc"),
        "completion_rate": Clause("建议提案按期办结率达到{}", "proposal_rates"),
        "satisfaction": Clause("代表委员满意率达到{}", "proposal_rates"),
    },
}

# the words a clause on a department's own figure may begin with and still have its verb
# (its label is then said as it is: "查处违法行为156起"); any other label is said "label为…"
VERBS: tuple[str, ...] = tuple(
    "开展 办理 查处 受理 举办 组织 发放 配备 聘请 审查 审核 清理 制定 出台 推送 培训 检查 抽查 处理 化解 "
    "调解 接待 回复 答复 完成 落实 建成 建立 签订 召开 印发 下达 张挂 张贴 悬挂 办结 参与 提供 移送 移交 申请 "
    "评查 发布 公开 收到 承办 创建 录入 公示 上报 报送 督办 整改 排查 摸排 整治 立案 作出 实施 开通 新增 压缩 "
    "成功 取消 下放 设立 指导 走访 宣讲 印制 制作 投入 解答 接听 收集 转办 督察 考核 培养 开设 播放 举行 参加 "
    "服务 追回 挽回 查办 侦办 救治 接种 筛查 监测 覆盖 惠及 减免 降低 提高 提升 增加 新建 改造 实现 推广 推动 "
    "推进 引导 督促 约谈 警告 责令 吊销 注销 处置 回收 销毁 收治 检测 抽检 抽样 登记 备案 注册 颁发 核发 换发 "
    "审批 批准 许可 核查 核实 巡查 暗访 检验 评估 评审 论证 听证 征求 整理 编制 修订 修改 废止 起草 汇编 宣传 "
    "普及 讲授 答疑 咨询 接收 聘任 任命 选派 派驻 走进 深入 入户 进入 上门 兑现 拨付 发放 支付 划拨 安排 "
    "对 向 为 在 通过 与 帮助".split()
)
LEADS_DROPPED = ("全年共", "全年", "共", "累计")  # said once by the builder, not in each label
