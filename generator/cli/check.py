"""``report-draft check``: any DOCX judged against GB/T 9704-2012 and the official order.

Registered on the ``report-draft`` group by :mod:`generator.cli.app`; the work is :mod:`generator.check.audit`'s.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from generator.cli.app import _HELP, _PathArg, _run, main

if TYPE_CHECKING:
    from pathlib import Path


@main.command(context_settings=_HELP)
@click.argument("docx", type=_PathArg())
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果（供其他程序读取）。")
def check(docx: Path, as_json: bool) -> None:
    """按 GB/T 9704-2012 和年度报告的规定顺序检查任意 Word 文档（.docx），列出不符合之处。

    有问题时退出码为 1。可检查本程序生成的初稿、手工修改过的稿子或往年的报告。

    \b
    示例：report-draft check 报告初稿.docx
          report-draft check 去年的报告.docx --json
    """
    import json

    from generator.check.audit import RULES, audit, findings_as_json

    findings = _run(audit, docx)
    if as_json:
        click.echo(json.dumps(findings_as_json(findings), ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(str(f))
        if findings:
            rules = sorted({f.rule for f in findings})
            click.echo(
                f"共 {len(findings)} 处不符合（{len(rules)} 条规则："
                + "，".join(RULES[r].title for r in rules)
                + "）。"
            )
        else:
            click.echo(f"{docx}：未发现不符合 GB/T 9704-2012 和规定顺序之处。")
    sys.exit(1 if findings else 0)
