"""``report-draft import`` (#16): how last year's text is read — its structure in the many ways
reports are written, what is and is not a figure, which figures go into catalogue rows.  The cases
come from the genre's habits and from two reviewers' reports of other departments; none is a copy of
a published report."""

from __future__ import annotations

import pytest

from generator.imports.assemble import assemble
from generator.imports.figures import find_figures
from generator.imports.outline import read_outline
from tests.import_inputs import blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("依据〔2022〕4号文件和《法治政府建设实施纲要（2021-2025年）》，于2023年1月17日召开第3次会议", []),
        ("咨询电话0730-8888666，手机13812345678，12345热线全天接听", []),
        ("共办理案件超过100件，接待群众近50人次，罚没款1.2亿元、9427万元", ["超过100", "近50", "1.2亿", "9427万"]),
        ("满意率95%以上，服务群众100万余人次，培训执法人员30余名", ["95%以上", "100万余", "30余"]),
        ("医师注册变更，法定12天，3天办结", ["3"]),
    ],
)
def test_what_is_and_is_not_a_figure(text: str, expected: list[str]) -> None:
    assert [f.typed for f in find_figures(text)] == expected


def _outline(lines: list[str]):
    return read_outline(blocks(lines))


BODY = "全年办理案件12件。"


def test_parts_out_of_order_folded_misnumbered_and_mixed_parentheses() -> None:
    outline = _outline(
        [
            "某县司法局2023年法治政府建设年度报告",
            "2023年，我局坚持以习近平法治思想为指导，现将情况报告如下。",
            "一、2023年推进法治政府建设的主要举措和成效",
            "(一)严格规范执法",
            "1.推行三项制度。" + BODY,
            "2.开展专项整治。全年开展专项整治3次。",
            "（二)党政主要负责人履行推进法治建设第一责任人职责情况",
            "1.带头学法。主要负责人带头学法。",
            "四、2024年工作安排",  # the plans before the shortcomings: read by their words
            "1.深化执法改革。持续推进。",
            "十、存在的不足和原因",  # numbered wrongly
            "一是学法不够深入；二是执法力量薄弱。原因主要是重视不够。",
            "八、其他需要报告的情况",
            "1.配合法治督察。已完成整改。",
            "某县司法局",
            "2024年1月20日",
        ]
    )
    assert set(outline.parts) == {1, 2, 3, 4, 5}
    assert [s.title for s in outline.sections] == ["严格规范执法"]
    assert [i.title for i in outline.sections[0].items] == ["推行三项制度", "开展专项整治"]
    assert [i.title for i in outline.items[3]] == ["带头学法"]  # folded into part 一, read as part 三
    assert [i.title for i in outline.items[4]] == ["深化执法改革"]
    assert [i.title for i in outline.items[5]] == ["配合法治督察"]
    assert outline.shortcomings == ["一是学法不够深入；二是执法力量薄弱。原因主要是重视不够。"]
    assert (outline.signature, outline.date) == ("某县司法局", "2024年1月20日")
    assert outline.unplaced == []


def test_level_one_theme_headings_are_分项_of_part_one() -> None:
    outline = _outline(
        [
            "某县卫生健康局2023年度法治政府建设工作报告",
            "一、加强组织领导",
            "成立法治建设领导小组。",
            "二、严格规范执法",
            "（一）落实三项制度。全面公示执法信息。",
            "三、存在的问题",
            "执法力量不足。",
            "四、下一步工作打算",
            "（一）加强培训。开展全员培训。",
        ]
    )
    assert [s.title for s in outline.sections] == ["加强组织领导", "严格规范执法"]
    assert outline.sections[0].lead == ["成立法治建设领导小组。"]
    assert set(outline.parts) == {1, 2, 4}


def test_a_web_pages_own_lines_are_set_aside_and_part_one_may_start_without_its_heading() -> None:
    outline = _outline(
        [
            "首页 > 政务公开 > 法治政府建设",
            "某县市场监督管理局",
            "2023年度法治政府建设工作情况的报告",
            "发布时间：2024-01-25 10:30 来源：某县市场监督管理局 浏览次数：128",
            "县委、县政府：",
            "2023年，我局在县委、县政府的坚强领导下，扎实推进法治政府建设。现将有关情况报告如下。",
            "（一）加强组织领导。局党组专题研究法治建设工作4次。",
            "（二）严格规范执法。全年办理行政处罚案件86件。",
            "二、存在的问题",
            "（一）存在的不足",
            "1.执法人员专业素养有待提高。",
            "（二）原因分析",
            "1.培训不够系统。",
            "三、2024年工作安排",
            "1.加强执法培训。组织全员轮训。",
            "某县市场监督管理局",
            "2024年1月20日",
            "【打印本页】【关闭窗口】",
        ]
    )
    assert outline.title == "某县市场监督管理局2023年度法治政府建设工作情况的报告"
    assert outline.addressee == "县委、县政府" and len(outline.opening) == 1
    assert [s.title for s in outline.sections] == ["加强组织领导", "严格规范执法"]
    assert outline.sections[1].lead == ["全年办理行政处罚案件86件。"]
    assert (outline.signature, outline.date) == ("某县市场监督管理局", "2024年1月20日")
    assert [why[:7] for _, _, why in outline.unplaced] == ["落款后面的文字", "标题前面的文字", "网页的发布信息"]
    imported = assemble(outline)
    assert imported.shortcomings[0][0] == "不足" and imported.shortcomings[-1] == ("原因", "培训不够系统")
    assert imported.info["机关名称"] == "某县市场监督管理局" and imported.info["报告年度"] == 2024


def test_a_government_web_page_with_its_header_lines_and_a_year_in_a_titles_range() -> None:
    from generator.imports.assemble import replace_year

    outline = _outline(
        [
            "今天是：2021年3月30日 星期二",
            "工作报告",
            "您所在的位置：政务公开 > 工作报告",
            "2020年某区法治政府建设情况报告",
            "文章来源：司法局 更新时间：2021/03/29 11:30:01",
            "2020年某区法治政府建设情况报告",
            "2020年，某区按照《法治政府建设实施纲要（2015-2020年）》推进法治政府建设。",
            "一、2020年推进法治政府建设的主要举措和成效",
            "（一）依法全面履行政府职能",
            "1.深化审批改革。我区保留政务服务事项515项，公共服务等其他事项297项。",
            "二、存在的不足",
            "法治意识还需提高。",
        ]
    )
    assert outline.title == "2020年某区法治政府建设情况报告"
    assert [t for _, t, _ in outline.unplaced] == [
        "今天是：2021年3月30日 星期二",
        "工作报告",
        "您所在的位置：政务公开 > 工作报告",
        "文章来源：司法局 更新时间：2021/03/29 11:30:01",
    ]
    imported = assemble(outline)
    opening = "〔年度〕年，某区按照《法治政府建设实施纲要（2015-2020年）》推进法治政府建设。"
    assert imported.wordings["开头段落"] == opening
    assert [f.label for f in imported.figures] == ["我区保留政务服务事项", "公共服务等其他事项"]
    assert imported.info["机关自称"] == "我区"
    assert replace_year("2021-2022年，2022年底", 2022, "2023") == "2021-2022年，2023年底"


@pytest.mark.parametrize(
    ("label", "unit", "row"),
    [
        ("12345热线工单", "条", "petitions.calls"),
        ("受理群众来信", "件", "petitions.letters"),
        ("办理卫生行政处罚案件", "起", "enforcement.penalty_cases"),
        ("罚款金额", "元", "enforcement.fines"),
        ("举办法治讲座", "场", "publicity.lectures"),
        ("优秀率", "%", "study.exam_excellent"),
        ("开通服务热线", "条", None),  # a line, not a petition
        ("处理群众来信来访", "件", None),  # two rows fit: neither is clear
        ("开展执法检查", "次", None),  # 次 is no 户次
        ("持证上岗率", "件", None),  # a rate's words with a count's unit
    ],
)
def test_a_figure_goes_into_a_catalogue_row_only_when_it_clearly_is_that_row(label: str, unit: str, row) -> None:
    from generator.imports.mapping import match

    found = match(label, unit)
    assert (f"{found.sheet.key}.{found.indicator.key}" if found else None) == row


# -- found by a reviewer on five reports of other departments (issue #16) ---------------------------


def test_short_numbered_sentences_in_parts_two_and_four_are_kept_and_nothing_is_lost_silently() -> None:
    from generator.imports.api import _nothing_lost

    lines = [
        "测试县司法局2024年法治政府建设年度报告",
        "一、2024年推进法治政府建设的主要举措和成效",
        "（一）加强党的领导",
        "1.健全机制。召开党组会议研究法治建设工作6次。",
        "二、存在的不足和原因",
        "对照上级要求，我局工作还存在一些不足：",
        "（一）部分行政机关运用法治思维推动工作的意识还不强，重大行政决策程序执行不够严格。",
        "（二）行政执法监督的力度和手段有待加强。",
        "四、2025年推进法治政府建设的主要安排",
        "（一）全面完成“一规划两纲要”各项任务，迎接第3次督察。",
        "（二）加强法治工作队伍建设。",
        "特此报告。",
    ]
    imported = assemble(read_outline(blocks(lines)))
    assert [t for _, t in imported.shortcomings] == [
        "部分行政机关运用法治思维推动工作的意识还不强，重大行政决策程序执行不够严格",
        "行政执法监督的力度和手段有待加强",
    ]
    assert imported.wordings["不足引语"] == "对照上级要求，〔机关自称〕工作还存在一些不足："
    assert len(imported.last_plans) == 2
    assert [why[:5] for _, _, why in imported.outline.unplaced] == ["报告的结束"]
    _nothing_lost(blocks(lines), imported)
    assert len(imported.outline.unplaced) == 1  # every other paragraph is in a cell
    imported.measures.clear()  # were a paragraph lost by the reading, the check would put it in 未能归类
    _nothing_lost(blocks(lines), imported)
    assert imported.outline.unplaced[-1][1] == "1.健全机制。召开党组会议研究法治建设工作6次。"


def test_a_theme_report_folds_the_leaders_item_and_keeps_sub_items_with_their_item() -> None:
    outline = _outline(
        [
            "云溪县教育局",
            "2024年法治政府建设年度报告",
            "一、加强组织领导，压实法治建设责任",
            "（一）健全工作机制。调整领导小组。",
            "（二）主要负责人切实履行第一责任人职责。局长带头述法。",
            "①严格落实“第一议题”制度。",
            "（三）强化考核评价。纳入年度考核。",
            "二、规范行政执法，维护教育秩序",
            "（一）加强校外培训监管。",
            "①开展联合执法检查。",
            "②办理行政处罚案件6件。",
            "三、存在的问题",
            "执法力量不足。",
        ]
    )
    assert [s.title for s in outline.sections] == ["加强组织领导，压实法治建设责任", "规范行政执法，维护教育秩序"]
    assert [i.title for i in outline.sections[0].items] == ["健全工作机制", "强化考核评价"]
    assert [(i.title, i.text) for i in outline.items[3]] == [
        ("主要负责人切实履行第一责任人职责", "局长带头述法。\n①严格落实“第一议题”制度。")
    ]
    assert [(i.title, i.text) for i in outline.sections[1].items] == [
        ("加强校外培训监管", "①开展联合执法检查。\n②办理行政处罚案件6件。")
    ]


def test_totals_win_their_row_over_parts_and_sums_the_validation_refuses_stay_特色指标() -> None:
    imported = assemble(
        _outline(
            [
                "某市市场监督管理局2024年法治政府建设年度报告",
                "一、主要举措和成效",
                "（一）严格执法",
                "1.查办案件。商标侵权案件罚没款180万元，全年罚没款2860.5万元，办理行政许可事项1.8万件。",
                "2.化解矛盾。受理信访事项2860件，12345热线受理群众诉求15.2万件。",
                "二、存在的问题",
                "执法力量不足6人。",
            ]
        )
    )
    rows = {f.printed: (f.sheet, f.key) for f in imported.figures}
    assert rows["2860.5万元"] == ("enforcement", "fines") and rows["180万元"] == ("", "")
    assert rows["1.8万件"] == ("permits", "accepted")
    assert rows["15.2万件"] == ("", "") and rows["2860件"] == ("petitions", "total")
    assert next(f for f in imported.figures if f.printed == "不足6人").typed == "不足6"


def test_dates_stay_and_the_agency_names_itself_as_its_name_says() -> None:
    imported = assemble(
        _outline(
            [
                "桃源镇人民政府2024年法治政府建设工作报告",
                "一、主要举措和成效",
                "（一）依法决策",
                "1.学习新法。《行政复议法》于2024年1月1日施行后，组织学习2次；截至2024年底，2024年全年未发生败诉。",
                "二、存在的问题",
                "法治意识不强。",
            ]
        )
    )
    text = imported.measures[0][2]
    assert "于2024年1月1日施行" in text and "截至2025年底" in text and "2025年全年" in text
    assert imported.info["机关自称"] == "我镇"


def test_paragraphs_without_numbers_are_the_rows_of_their_分项_and_of_part_three() -> None:
    imported = assemble(
        _outline(
            [
                "某县人民政府2025年法治政府建设情况的报告",
                "一、2025年推进法治政府建设的主要举措和成效",
                "（一）坚持党的全面领导，统筹推进法治政府建设",
                "县政府召开常务会议专题研究法治政府建设工作4次。",
                "制定年度工作要点，明确重点任务32项。",
                "二、存在的不足和原因",
                "一是执法能力不足；二是宣传不够。",
                "三、党政主要负责人履行推进法治建设第一责任人职责情况",
                "县政府主要负责同志认真履行第一责任人职责，带头出庭应诉1次。",
                "五、其他需要报告的情况",
                "2025年，我县未发生重大行政违法案件。",
            ]
        )
    )
    assert imported.structure == [("党的领导", "坚持党的全面领导，统筹推进法治政府建设", "")]
    assert [(s, t) for s, t, _ in imported.measures] == [("党的领导", ""), ("党的领导", "")]
    assert [t for t, _ in imported.duties] == [""] and "第三部分引语" not in imported.wordings
    assert imported.others == [("", "2026年，我县未发生重大行政违法案件。")]


def test_a_short_common_name_of_another_分项_and_a_number_left_as_written() -> None:
    imported = assemble(
        _outline(
            [
                "某县卫生健康委员会2025年法治政府建设年度报告",
                "一、2025年推进法治政府建设的主要举措和成效",
                "（一）依法化解矛盾纠纷",
                "1.办理信访。受理信访事项120件，按期办结率100%。",
                "（二）自觉接受监督",
                "2.办理建议提案。承办县人大代表建议12件，按期办结率100%。",
                "3.优化服务。办理业务32万余笔，服务对象反映良好。",
                "二、存在的问题",
                "执法力量不足。",
            ]
        )
    )
    rates = [(f.label, f.sheet, f.key) for f in imported.figures if f.unit == "%"]
    assert rates == [("按期办结率", "petitions", "on_time_rate"), ("按期办结率（2）", "", "")]  # two figures, not one
    assert imported.uncited == [] and any(f.typed == "32万余" and f.unit == "笔" for f in imported.figures)
    from generator.imports.citing import uncited_numbers

    assert uncited_numbers(["其中12家医院开展义诊，拨打12345热线，于2024年1月1日施行，第3次会议"]) == ["其中12家医院"]


def test_a_tables_figure_the_text_states_already_is_one_row_and_two_equal_cells_two() -> None:
    from generator.imports.citing import FigureRows
    from generator.imports.tables import TableFigure

    rows = FigureRows()
    rows.cite("全年立案查处住建领域违法案件96起。", "第3段")
    kept = [
        rows.add_table(
            TableFigure(label, "186" if "许可" in label else "96", "件" if "许可" in label else "起", "", "表格1", "")
        )
        for label in ("行政处罚案件", "建筑工程施工许可受理", "建筑工程施工许可办结")
    ]
    assert kept == [False, True, True]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("县司法局全年审查县政府规范性文件6件、政府合同87份", ["审查县政府规范性文件", "审查政府合同"]),
        ("全年受理行政许可事项458件，办结455件", ["受理行政许可事项", "办结行政许可事项"]),
        ("审批时限由20个工作日压缩至7个工作日", ["审批时限（原）", "审批时限（现）"]),
        ("为1260名农民工追回工资2180万元", ["追回工资的农民工", "追回工资"]),
        ("对委机关签订的26份合同进行审查", ["委机关签订的合同"]),
        ("市场主体突破18.6万户，同比增长7.2%", ["市场主体", "同比增长"]),
    ],
)
def test_labels_read_from_their_clause(text: str, labels: list[str]) -> None:
    assert [f.label for f in find_figures(text)] == labels


def test_no_同比_citation_of_an_approximate_figure() -> None:
    from generator.imports.citing import FigureRows

    rows = FigureRows()
    text = rows.cite("全市市场主体突破18.6万户，同比增长7.2%。", "第3段")
    assert "｜同比" not in text
    assert [r.label for r in rows.rows] == ["全市市场主体", "全市市场主体同比增长"]


def test_parts_taken_out_of_their_row_keep_a_name_of_their_own_and_the_text_follows() -> None:
    imported = assemble(
        read_outline(
            blocks(
                [
                    "某县信访局2024年法治政府建设年度报告",
                    "一、主要举措和成效",
                    "（一）化解矛盾",
                    "1.办理信访。受理信访事项100件，其中来信86件、来访214件。",  # parts past the total
                    "二、存在的问题",
                    "力量不足。",
                ]
            )
        )
    )
    rows = {f.label: f.sheet for f in imported.figures}
    assert rows == {"受理信访事项": "petitions", "来信（件）": "", "来访（件）": ""}
    assert "其中来信〔来信（件）〕、来访〔来访（件）〕" in imported.measures[0][2]


def test_parts_numbered_1_2_3_a_document_number_a_long_heading_and_plans_as_paragraphs() -> None:
    imported = assemble(
        read_outline(
            blocks(
                [
                    "梧桐县人力资源和社会保障局关于报送2024年度法治政府建设情况的报告",
                    "梧人社发〔2025〕3号",
                    "县委、县政府：",
                    "2024年，我局优良服务率达到89.6%，现将情况报告如下。",
                    "1.2024年推进法治政府建设的主要举措和成效",
                    "（一）坚持依法履职与源头治理相结合，持续深化人社领域“放管服”改革，着力打造服务高质量发展的一流营商环境",
                    "1.优化服务。配备自助终端设备12台（套）。",
                    "2.存在的不足和原因",
                    "一是服务能力不足；二是宣传不够。",
                    "对于上述问题，我局将高度重视，认真整改。",
                    "3.2025年推进法治政府建设的主要安排",
                    "深化执法规范化建设，开展案卷质量提升行动。",
                    "加强执法队伍建设，组织全员轮训。",
                ]
            )
        )
    )
    outline = imported.outline
    assert sorted(outline.parts) == [1, 2, 4] and outline.addressee == "县委、县政府"
    assert imported.info["机关名称"] == "梧桐县人力资源和社会保障局"
    assert [why[:5] for _, _, why in outline.unplaced] == ["发文字号："]
    assert len(outline.sections) == 1 and outline.sections[0].title.startswith("坚持依法履职与源头治理相结合")
    assert "〔优良服务率〕" in imported.wordings["开头段落"]  # its figure cited, not left as last year's
    assert next(f for f in imported.figures if f.label.endswith("自助终端设备")).unit == "台（套）"
    assert imported.shortcomings[-1] == ("不足", "宣传不够。对于上述问题，我局将高度重视，认真整改")
    assert "第四部分引语" not in imported.wordings  # last year's plans are not this year's
    assert [t for _, t in imported.last_plans] == [
        "深化执法规范化建设，开展案卷质量提升行动。",
        "加强执法队伍建设，组织全员轮训。",
    ]


def test_unnumbered_items_set_off_by_bold_titles_are_items() -> None:
    from generator.imports.document import Block

    outline = read_outline(
        [
            Block("某市交通运输局2024年法治政府建设年度报告", "第1段"),
            Block("2024年推进法治政府建设的主要举措和成效", "第2段", level=1),
            Block("严格规范执法", "第3段", level=2),
            Block("深化执法规范化建设。开展案卷质量提升行动。", "第4段", run_in="深化执法规范化建设。"),
            Block("强化执法监督。开展执法评议。", "第5段", run_in="强化执法监督。"),
            Block("存在的不足和原因", "第6段", level=1),
            Block("执法力量不足。", "第7段"),
        ]
    )
    assert [(i.title, i.text) for i in outline.sections[0].items] == [
        ("深化执法规范化建设", "开展案卷质量提升行动。"),
        ("强化执法监督", "开展执法评议。"),
    ]
