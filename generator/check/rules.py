"""The rules ``check`` judges a document by, each with its clause, and the finding it reports.

The rule ids (``font.body``, ``page.margins`` …) are the stable names of ``check --json``; the
checks themselves are in :mod:`generator.check.audit`.
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD = "GB/T 9704-2012"


@dataclass(frozen=True)
class Rule:
    id: str
    clause: str
    title: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("page.size", f"{STANDARD} 5.1", "纸张为 A4"),
        Rule("page.margins", f"{STANDARD} 5.2.1", "页边距与版心尺寸"),
        Rule("grid.lines", f"{STANDARD} 5.2.3", "每页22行"),
        Rule("grid.chars", f"{STANDARD} 5.2.3", "每行28字"),
        Rule("font.title", f"{STANDARD} 7.3.1", "标题用2号小标宋体字，居中"),
        Rule("font.addressee", f"{STANDARD} 7.3.2", "主送机关用3号仿宋体字，顶格"),
        Rule("font.body", f"{STANDARD} 5.2.2、7.3.3", "正文用3号仿宋体字"),
        Rule("font.heading", f"{STANDARD} 7.3.3", "各级标题字体：一级黑体、二级楷体、三四级仿宋"),
        Rule("font.signature", f"{STANDARD} 7.3.5", "署名和成文日期用3号仿宋体字"),
        Rule("indent.body", f"{STANDARD} 7.3.3", "正文每个自然段左空二字"),
        Rule("numbering.form", f"{STANDARD} 7.3.3", "结构层次序数为“一、”“（一）”“1.”“（1）”"),
        Rule("numbering.sequence", f"{STANDARD} 7.3.3", "同一层级的序数连续"),
        Rule("items.order", "《法治政府建设与责任落实督察工作规定》", "年度报告的规定内容及顺序"),
        Rule("punct.fullwidth", "GB/T 15834-2011", "中文文字中使用全角标点"),
        Rule("date.form", f"{STANDARD} 7.3.5.4", "成文日期用阿拉伯数字，年份写全，月、日不编虚位"),
        Rule("pagenum.present", f"{STANDARD} 7.5", "公文有页码"),
        Rule("masthead.mark", f"{STANDARD} 7.2.4", "发文机关标志用红色小标宋体字"),
        Rule("masthead.number", f"{STANDARD} 7.2.5", "发文字号的年份用六角括号〔〕，序号不编虚位、不加“第”"),
        Rule("masthead.signer", f"{STANDARD} 7.2.6、《党政机关公文处理工作条例》第九条", "上行文标注签发人"),
        Rule("pagenum.form", f"{STANDARD} 7.5", "页码用4号半角宋体阿拉伯数字，两边各放一条一字线"),
        Rule("pagenum.sides", f"{STANDARD} 7.5", "单页码居右空一字，双页码居左空一字"),
    )
}


@dataclass(frozen=True)
class Finding:
    rule: str
    clause: str
    paragraph: int  # 0 when the finding is about the whole document
    excerpt: str
    expected: str
    found: str

    def __str__(self) -> str:
        where = f"第{self.paragraph}段“{self.excerpt}”" if self.paragraph else "全文"
        return f"{where}：〔{self.rule}｜{self.clause}〕应为{self.expected}；实为{self.found}。"
