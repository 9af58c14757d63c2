"""The outline: numbering families nest by rank, dates and quantities never open sections."""

from __future__ import annotations

from policyparse.pipeline import parse_text


def _tree(doc):
    def walk(nodes):
        return [(n.marker, n.title, walk(n.children)) for n in nodes]

    return walk(doc.outline)


def test_it_nests_han_paren_under_han_dun_and_arabic_under_paren():
    doc = parse_text("一、总体要求\n（一）基本原则。坚持…\n1.第一点。内容\n（1）细节\n二、重点任务\n")
    assert _tree(doc) == [
        ("一、", "总体要求", [("（一）", "基本原则", [("1.", "第一点", [("（1）", "细节", [])])])]),
        ("二、", "重点任务", []),
    ]


def test_a_skipped_level_nests_under_the_nearest_outer_heading():
    doc = parse_text("一、总体要求\n1.第一点\n2.第二点\n二、保障措施\n")
    assert [(m, [c[0] for c in ch]) for m, _, ch in _tree(doc)] == [("一、", ["1.", "2."]), ("二、", [])]


def test_a_date_or_a_quantity_at_line_start_opens_no_section():
    doc = parse_text("一、总体要求\n2021年8月17日起施行。\n1000项产品要完成。\n二、任务\n")
    assert [m for m, _, _ in _tree(doc)] == ["一、", "二、"]
    assert _tree(doc)[0][2] == []


def test_the_title_runs_to_the_first_full_stop():
    doc = parse_text("（一）实施产业链优质企业培育行动。建立优质企业梯队培育机制。\n")
    assert doc.outline[0].title == "实施产业链优质企业培育行动"
    assert doc.outline[0].text.startswith("（一）实施产业链")


def test_articles_nest_under_chapters_and_items_under_articles():
    doc = parse_text("第一章 总则\n第一条 为了规范工作，制定本办法。\n第二条 下列情形：\n（一）甲；\n（二）乙。\n第二章 附则\n第三条 本办法自发布之日起施行。\n")
    t = _tree(doc)
    assert [(m, title) for m, title, _ in t] == [("第一章", "总则"), ("第二章", "附则")]
    assert [m for m, _, _ in t[0][2]] == ["第一条", "第二条"]
    assert [m for m, _, _ in t[0][2][1][2]] == ["（一）", "（二）"]


def test_an_out_of_sequence_numeral_is_text_not_a_heading():
    doc = parse_text("一、总体要求\n五、这是正文中的列举而非标题\n二、重点任务\n")
    assert [m for m, _, _ in _tree(doc)] == ["一、", "二、"]


def test_numbering_restarts_in_a_new_document_part():
    doc = parse_text("关于印发《甲方案》的通知\n各单位：\n现将《甲方案》印发给你们。\n某某局\n2021年1月1日\n甲方案\n一、目标\n二、任务\n")
    assert [n.marker for n in doc.enclosed[0].outline] == ["一、", "二、"]


def test_a_line_of_a_table_printed_with_bars_is_never_a_heading():
    from policyparse.pipeline import parse_text

    text = ("大类 | 序号 | 工作任务 | 牵头单位 |\n一、提高民生保障水平 | 1 | 提高城乡低保标准。 | 市民政局 |\n"
            "2 | 提高特困人员供养标准。 | 市民政局 |\n")
    assert parse_text(text).outline == []


def test_a_page_that_opens_with_a_later_part_and_its_first_items_nests_them_under_it():
    from policyparse.pipeline import parse_text

    text = "\n四、主要任务\n（一）加强领导，统筹协调。市发改委负责节能工作。\n（二）明确分工，责任到人。市经贸委负责工业节能。\n"
    [part] = parse_text(text).outline
    assert (part.marker, [c.marker for c in part.children]) == ("四、", ["（一）", "（二）"])
    prose = "\n四、是加强领导，在市政府的领导下统筹协调全市能源和节能工作并逐项抓好落实的各项任务。\n（二）明确分工。\n"
    assert [n.marker for n in parse_text(prose).outline] != ["四、"]  # no first item after it: a sentence, not a part


def test_parts_numbered_yi_that_hold_articles_rank_above_them_and_an_articles_path_is_its_number():
    # 北仑 (corpora/genre/heldout218/p03): a 若干政策措施 of 一、支持企业落户 / 第一条… / 二、支持技术创新 / 第三条… / 三、附则
    doc = parse_text("某区若干政策措施\n为加快发展，制定如下措施。\n一、支持企业落户\n第一条　支持重点企业落户。给予奖励。（区投资促进局）\n"
                     "第二条　支持重大项目建设。给予补助。（区发改局）\n二、支持技术创新\n第三条　支持首轮流片。给予补助。（区科技局）\n"
                     "三、附则\n第四条　本措施自印发之日起施行。\n")
    assert [n.title for n in doc.outline] == ["支持企业落户", "支持技术创新", "附则"]
    assert [len(n.children) for n in doc.outline] == [2, 1, 1]
    assert [t.path for t in doc.tasks] == ["第一条", "第二条", "第三条"]
