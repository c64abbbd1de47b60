"""The 基本信息 and 发文要素 sheets' fields: label, whether required, help, example, dropdown.

Pure data, part of the catalogue (:mod:`generator.read.catalogue` re-exports every name here).
"""

from __future__ import annotations

from dataclasses import dataclass


# -- 基本信息 -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class InfoField:
    key: str
    label: str
    required: bool
    help: str
    example: str
    choices: tuple[str, ...] = ()  # a dropdown in the blank workbook; anything else is an error


INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("agency", "机关名称", True, "报告单位的全称，用于标题", "示例县卫生健康局"),
    InfoField("self_name", "机关自称", False, "正文中的自称，不填默认为“我局”", "我局"),
    InfoField("year", "报告年度", True, "四位数字的年份", "2025"),
    InfoField("addressee", "主送机关", False, "报告报送的机关，末尾不加冒号；向社会公开的文本可不填", "县委、县政府"),
    InfoField(
        "leadership",
        "领导机关",
        False,
        "开头“在……的正确领导下”中的机关，不填则用主送机关；主送机关不填时必须填写",
        "县委、县政府",
    ),
    InfoField(
        "coordinator",
        "法治建设议事协调机构",
        False,
        "开头“在……的指导下”中的机构，可不填",
        "县委全面依法治县委员会办公室",
    ),
    InfoField("signature", "署名", False, "落款机关，不填默认为机关名称", "示例县卫生健康局"),
    InfoField("date", "成文日期", True, "报告年度的次年，部门应在3月1日前报送", "2026-01-20"),
    InfoField(
        "template",
        "报告模板",
        False,
        "本机关专用模板的名称（templates/agencies 下的文件夹名），不填用默认模板",
        "某县市场监管局",
    ),
)
INFO_BY_LABEL = {f.label: f for f in INFO_FIELDS}

# -- 发文要素: the parts of a document sent upward (GB/T 9704-2012 7.2, 7.3.4, 7.3.6, 7.4) -----------
# All off by default; a workbook without this sheet makes a plain draft.
YES_NO = ("是", "否")
DISPATCH_FIELDS: tuple[InfoField, ...] = (
    InfoField(
        "masthead", "使用版头", False, "是否排版头（发文机关标志、发文字号、签发人等），上报时选“是”", "否", YES_NO
    ),
    InfoField("copy_no", "份号", False, "涉密公文的份号，6位数字，可不填", "000001"),
    InfoField("secrecy", "密级", False, "涉密时选择，不涉密不填", "秘密", ("秘密", "机密", "绝密")),
    InfoField("secrecy_term", "保密期限", False, "有密级时可填，例如 1年", "1年"),
    InfoField("urgency", "紧急程度", False, "紧急公文选择，不紧急不填", "加急", ("特急", "加急")),
    InfoField(
        "issuer_mark", "发文机关标志", False, "版头中的红色机关标志，不填则为“机关名称+文件”", "示例县卫生健康局文件"
    ),
    InfoField("doc_number", "发文字号", False, "机关代字、年份、发文顺序号，年份用六角括号〔〕", "示卫发〔2026〕5号"),
    InfoField("signers", "签发人", False, "上行文必须标注签发人，多人用顿号“、”分隔", "张三"),
    InfoField("contact", "联系人", False, "附注中的联系人，可不填", "李四"),
    InfoField("phone", "联系电话", False, "附注中的联系电话", "0000-1234567"),
    InfoField("figures_table", "附主要数据表", False, "是否把本年主要数据表作为附件附在报告后", "否", YES_NO),
    InfoField("imprint", "使用版记", False, "是否在末页排版记（抄送、印发机关和印发日期）", "否", YES_NO),
    InfoField("cc", "抄送机关", False, "版记中的抄送机关，多个用逗号“，”分隔", "县委依法治县办"),
    InfoField("printer", "印发机关", False, "版记中的印发机关，一般是机关的办公室", "示例县卫生健康局办公室"),
    InfoField("print_date", "印发日期", False, "版记中的印发日期", "2026-01-20"),
)
DISPATCH_BY_LABEL = {f.label: f for f in DISPATCH_FIELDS}
