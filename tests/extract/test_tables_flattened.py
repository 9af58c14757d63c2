"""Flattened tables rebuilt by layout rules: a family of synthetic tables, one rule per test.

Bar tables are written from a grid by :func:`bars`, the convention of the seed's Annex 2: each
real cell is a line ``TEXT |``; a row with ``k`` covered cells is closed by a line of ``k`` bars;
the last row has no closing line. Expected grids are filled here by copying the cell above
into every covered position, independently of the library.
"""

from __future__ import annotations

import json

import pytest

from policyparse.errors import UsageError
from policyparse.extract.tables import TableSettings, find_tables, leader_view
from policyparse.normalize import fold
from policyparse.pipeline import parse_text
from policyparse.serialize.csv import table_to_csv

from conftest import bars, filled, only_table


def spans_of(table) -> dict[tuple[int, int], tuple[int, str | None]]:
    return {(c.row, c.col): (c.row_span, c.span_rule) for c in table.cells if c.row_span > 1}


THREE = [
    ["地区", "项目", "负责人"],
    ["东区", "道路", "张三"],
    [None, "桥梁", "李四"],
    [None, "隧道", "王五"],
    ["西区", "公园", "赵六"],
    [None, "广场", "钱七"],
]


def test_it_infers_the_column_count_from_bar_lines():
    table = only_table(bars(THREE))
    assert (table.n_cols, table.n_rows, table.n_header_rows) == (3, 6, 1)
    assert table.header == ["地区", "项目", "负责人"]
    assert table.source == "text-bars"


def test_covered_left_grouping_fills_the_leftmost_columns():
    table = only_table(bars(THREE))
    assert table.rows == filled(THREE)[1:]
    assert spans_of(table) == {
        (1, 0): (3, "covered_left_grouping"),
        (4, 0): (2, "covered_left_grouping+last_row_closing_inferred"),
    }


def test_last_row_closing_inferred_from_the_column_count():
    text = bars(THREE)
    assert not text.rstrip().endswith("|\n|")  # the table ends without its closing line
    table = only_table(text)
    last = next(c for c in table.cells if (c.row, c.col) == (4, 0))
    assert last.row_span == 2 and "last_row_closing_inferred" in last.span_rule
    assert table.warnings == []


FOUR = [
    ["类型", "产业", "集群", "联系领导"],
    ["甲类", "机械", "工程机械", "张三"],
    [None, "装备", "轨道装备", "李四"],
    ["乙类", "电子", "显示器件", "王五"],
    [None, None, "信息创新", None],
    [None, "材料", "陶瓷材料", "赵六"],
    [None, None, "有色金属", "钱七"],
    [None, None, "钢铁材料", "孙八"],
    [None, None, "碳基材料", None],
    [None, "能源", "储能电池", "周九"],
]


def test_single_cell_key_column_puts_a_lone_cell_in_the_column_whose_values_never_repeat():
    table = only_table(bars(FOUR))
    assert table.rows == filled(FOUR)[1:]
    spans = spans_of(table)
    assert spans[(3, 1)] == (2, "single_cell_key_column")
    assert spans[(3, 3)] == (2, "single_cell_key_column")
    assert spans[(7, 3)] == (2, "single_cell_key_column")
    assert spans[(5, 1)] == (4, "covered_left_grouping+single_cell_key_column")
    assert spans[(3, 0)] == (7, "single_cell_key_column+covered_left_grouping+last_row_closing_inferred")


def test_single_cell_key_column_prefers_the_rightmost_column_when_no_values_repeat():
    grid = [
        ["组别", "成员", "任务"],
        ["一组", "张三", "调研"],
        [None, "李四", "起草"],
        [None, None, "审核"],
        [None, "王五", "汇总"],
    ]
    table = only_table(bars(grid))
    assert table.rows == filled(grid)[1:]
    assert spans_of(table)[(2, 1)] == (2, "single_cell_key_column")


def test_single_cell_key_column_weighs_shared_characters_before_length():
    grid = [row[:] for row in FOUR]
    grid[8] = [None, None, "碳材", None]  # as short as a name, but 材 is a character of the item column
    table = only_table(bars(grid))
    assert table.rows[7] == ["乙类", "材料", "碳材", "孙八"]


SIX = [
    ["序号", "领域", "类别", "事项", "牵头单位", "时限"],
    ["1", "交通", "道路", "拓宽主干道", "交通局", "2024年"],
    ["2", None, None, "修缮支路", "住建局", "2024年"],
    ["3", None, "桥梁", "加固旧桥", "交通局", "2025年"],
    ["4", "环境", "水体", "治理河道", "水务局", "2025年"],
    ["5", None, "大气", "监测站点", "环保局", "长期"],
    ["6", None, None, "扬尘整治", "城管局", "长期"],
]


def test_six_columns_with_spans_in_two_grouping_columns_that_are_not_the_first():
    grid = [[row[1], row[2], *row[3:]] for row in SIX]  # 5 columns: 领域 类别 事项 牵头单位 时限
    table = only_table(bars(grid))
    assert table.n_cols == 5
    assert table.rows == filled(grid)[1:]
    spans = spans_of(table)
    assert spans[(1, 0)][0] == 3 and spans[(1, 1)][0] == 2 and spans[(4, 0)][0] == 3 and spans[(5, 1)][0] == 2


def test_six_column_table_without_merges_needs_no_rule():
    grid = [["序号", "领域", "类别", "事项", "牵头单位", "时限"]] + [
        [str(i), f"领域{i}", f"类别{i}", f"事项{i}", f"单位{i}", f"{2020 + i}年"] for i in range(1, 5)
    ]
    text = fold("\n".join(f"{c} |" for row in grid for c in row) + "\n")  # no bar line at all
    table = only_table(text)
    assert table.n_cols == 6 and table.rows == [row for row in grid[1:]]
    assert all(c.span_rule is None for c in table.cells)


def test_a_malformed_row_is_kept_with_a_warning_not_guessed():
    text = bars(THREE).replace("桥梁 |\n李四 |\n", "桥梁 |\n李四 |\n多余 |\n", 1)
    table = only_table(text)
    assert table.n_cols == 3
    assert any("not explained" in w for w in table.warnings)
    texts = {c.text for c in table.cells}
    assert {"多余", "王五", "钱七"} <= texts  # every cell is kept


def test_a_doubled_bar_line_is_reported_and_changes_no_cell():
    text = bars(THREE).replace("李四 |\n|\n", "李四 |\n|\n|\n", 1)
    table = only_table(text)
    assert table.rows == filled(THREE)[1:]
    assert len(table.warnings) == 1 and "bar line after another" in table.warnings[0]


def test_a_covered_cell_in_the_first_data_row_is_left_empty_with_a_warning():
    grid = [["地区", "项目", "负责人"], [None, "道路", "张三"], ["西区", "公园", "赵六"]]
    table = only_table(bars(grid))
    assert table.rows[0] == ["", "道路", "张三"]
    assert any("covered from above" in w for w in table.warnings)


def test_cells_carry_spans_into_the_text_and_normalized_names():
    grid = [["类 型", "负 责 人"], ["甲 类", "陈 飞"], ["乙类", "王\u3000成"]]
    text = bars(grid, title="")
    table = only_table(text)
    for cell in table.cells:
        assert text[cell.span.start : cell.span.end] == cell.raw
        assert "|" not in cell.raw
    assert table.header == ["类型", "负责人"]
    assert table.rows == [["甲类", "陈飞"], ["乙类", "王成"]]


def test_offsets_stay_absolute_when_a_region_is_given():
    text = "正文第一段。\n" + bars(THREE) + "附件3\n其他内容。\n"
    start = text.index("附件2")
    end = text.index("附件3")
    tables, notes = find_tables(text, start, end)
    assert len(tables) == 1 and notes == []
    cell = tables[0].cells[0]
    assert text[cell.span.start : cell.span.end] == "地区"
    assert find_tables(text, 0, start) == ([], [])


# --- one cell per line -----------------------------------------------------------------------


def lines(*cells: str) -> str:
    return fold("\n".join(cells) + "\n")


def test_anchored_rows_start_at_sequence_numbers_and_section_headings_span_the_row():
    text = lines(
        "附件", "推广清单", "序号", "改革举措", "主要内容", "推广范围",
        "一、第一方面（共2项）",
        "1", "举措甲", "内容甲很长，需要一句话说明。", "全国",
        "2", "举措乙", "内容乙。", "全国",
        "二、第二方面（共1项）",
        "3", "举措丙", "内容丙。", "试验区",
    )
    table = only_table(text)
    assert table.source == "text-lines" and table.header == ["序号", "改革举措", "主要内容", "推广范围"]
    assert len(table.rows) == 5
    section = next(c for c in table.cells if c.text.startswith("二、"))
    assert (section.col_span, section.span_rule) == (4, "section_row_full_width")
    assert table.rows[4] == ["3", "举措丙", "内容丙。", "试验区"]


def test_anchored_rows_with_sub_rows_cover_their_grouping_columns():
    text = lines(
        "序号", "工作事项", "主要内容", "牵头单位", "配合单位",
        "1", "事项一。", "内容一甲，说明很长的一句话。", "市局", "区政府",
        "内容一乙，另一句说明很长的话。", "区政府", "/",
        "2", "事项二。", "内容二，说明很长的一句话。", "市局", "/",
    )
    table = only_table(text)
    assert table.rows == [
        ["1", "事项一。", "内容一甲，说明很长的一句话。", "市局", "区政府"],
        ["1", "事项一。", "内容一乙，另一句说明很长的话。", "区政府", "/"],
        ["2", "事项二。", "内容二，说明很长的一句话。", "市局", "/"],
    ]
    assert spans_of(table)[(1, 1)] == (2, "covered_left_grouping")
    assert table.warnings == []


def test_numbers_in_cells_are_not_taken_for_row_numbers():
    text = lines("序号", "地区", "人数", "1", "甲市", "2", "2", "乙市", "3", "3", "丙市", "4")
    table = only_table(text)
    assert table.rows == [["1", "甲市", "2"], ["2", "乙市", "3"], ["3", "丙市", "4"]]
    assert table.warnings == []


def test_a_note_or_indented_paragraph_after_the_last_row_ends_the_table():
    body = lines("序号", "事项", "责任单位", "1", "事项甲", "市局", "2", "事项乙", "区政府")
    text = body + fold("注：本表由市局负责解释。\n\u3000\u3000各单位要抓好落实。\n")
    table = only_table(text)
    assert table.rows[-1] == ["2", "事项乙", "区政府"]
    assert table.span.end == text.index("区政府") + 3


def test_a_paragraph_after_a_table_of_one_line_cells_is_not_glued_to_its_last_row():
    body = lines("序号", "事项", "责任单位", "1", "事项甲", "市局", "2", "事项乙", "区政府")
    text = body + fold("本表自印发之日起执行，由市局负责解释。\n")
    table = only_table(text)
    assert table.rows[-1] == ["2", "事项乙", "区政府"] and table.warnings == []


def test_the_last_row_keeps_its_sub_rows_and_a_lone_data_row_is_a_table():
    text = lines(
        "序号", "工作事项", "主要内容", "牵头单位",
        "1", "事项一。", "内容一甲，说明很长的一句话。", "市局",
        "内容一乙，另一句说明很长的话。", "区政府",
        "内容一丙，第三句说明很长的话。", "区政府",
    )
    table = only_table(text)
    assert [row[2][:4] for row in table.rows] == ["内容一甲", "内容一乙", "内容一丙"]
    assert spans_of(table)[(1, 0)] == (3, "covered_left_grouping")


def test_numbering_that_restarts_opens_a_group_written_vertically():
    text = lines(
        "类 别", "序 号", "指 标", "分值", "备 注",
        "基", "础", "1", "住所", "1. 有住所（10分）。", "2. 租赁住所（5分）。", "可选一项。",
        "2", "就业", "每满1年计2分。", "按年计算。",
        "加", "分", "1", "学历", "本科（30分）。", "只取最高分。",
    )
    table = only_table(text)
    assert table.header == ["类别", "序号", "指标", "分值", "备注"]
    assert [r[0] for r in table.rows] == ["基础", "基础", "加分"]
    assert table.rows[0][3] == "1. 有住所（10分）。2. 租赁住所（5分）。"
    first = next(c for c in table.cells if c.text == "基础")
    assert first.row_span == 2 and first.span_rule == "covered_left_grouping"


def test_a_row_with_too_few_lines_keeps_its_cells_left_to_right_and_warns():
    text = lines(
        "序号", "事项", "内容", "备注",
        "1", "甲", "内容甲。", "无",
        "2", "乙", "内容乙。",
        "3", "丙", "内容丙。", "无",
    )
    table = only_table(text)
    assert table.rows[1] == ["2", "乙", "内容乙。", ""]
    assert len(table.warnings) == 1 and "line 9" in table.warnings[0]


def test_periodic_rows_and_a_two_row_header_with_one_group():
    text = lines(
        "单位：人", "地区", "基数", "分年度任务", "2021年", "2022年",
        "总计", "30", "40", "50",
        "甲市", "10", "15", "20",
        "乙市", "20", "25", "30",
    )
    table = only_table(text)
    assert (table.n_cols, table.n_header_rows) == (4, 2)
    assert table.header == ["地区", "基数", "分年度任务/2021年", "分年度任务/2022年"]
    assert table.rows[0] == ["总计", "30", "40", "50"]
    group = next(c for c in table.cells if c.text == "分年度任务")
    assert (group.col_span, group.span_rule) == (2, "header_group_colspan")
    assert next(c for c in table.cells if c.text == "地区").span_rule == "header_label_rowspan"


def test_labels_that_continue_into_the_rows_are_a_form_not_a_table():
    text = lines("单位名称", "联系人", "联系电话", "单位地址", "岗位名称", "岗位职责", "见习时间", "备注")
    tables, notes = find_tables(text)
    assert tables == [] and len(notes) == 1


def test_prose_is_not_a_table():
    text = fold("关于印发某方案的通知\n各区人民政府:\n现将方案印发给你们,请认真贯彻执行。\n一、总体要求\n(一)目标。到2025年完成。\n")
    assert find_tables(text) == ([], [])


# --- views, export, settings ---------------------------------------------------------------


def test_leader_view_groups_items_by_person_with_their_context():
    table = only_table(bars(FOUR))
    view = leader_view(table)
    assert list(view)[:2] == ["张三", "李四"]
    assert [e["item"] for e in view["王五"]] == ["显示器件", "信息创新"]
    assert view["王五"][1]["context"] == {"类型": "乙类", "产业": "电子"}


def test_leader_view_splits_unit_lists_and_skips_empty_cells():
    text = lines("序号", "工作事项", "牵头单位", "配合单位", "1", "事项一", "市局、区政府", "/", "2", "事项二", "区政府", "市局")
    table = only_table(text)
    view = leader_view(table)
    assert {k: [e["item"] for e in v] for k, v in view.items()} == {"市局": ["事项一"], "区政府": ["事项一", "事项二"]}
    by_partner = leader_view(table, person_column="配合单位", item_column=1)
    assert list(by_partner) == ["市局"]
    with pytest.raises(UsageError):
        leader_view(table, person_column="不存在的列")


def test_table_to_csv_writes_the_filled_grid_with_its_header():
    table = only_table(bars(THREE))
    assert table_to_csv(table) == (
        "地区,项目,负责人\n东区,道路,张三\n东区,桥梁,李四\n东区,隧道,王五\n西区,公园,赵六\n西区,广场,钱七\n"
    )


def test_output_is_deterministic():
    a = [t.model_dump_json() for t in find_tables(bars(FOUR))[0]]
    b = [t.model_dump_json() for t in find_tables(bars(FOUR))[0]]
    assert a == b and json.loads(a[0])["n_cols"] == 4


def test_settings_resolve_from_none_dict_or_instance_and_reject_unknown_keys():
    assert TableSettings.resolve(None) == TableSettings()
    assert TableSettings.resolve({"max_cols": 8}).max_cols == 8
    with pytest.raises(UsageError):
        TableSettings.resolve({"colour": "red"})
    with pytest.raises(UsageError):
        find_tables("abc", 2, 10)


# --- one row a line, cells separated by blanks (text-rows) -------------------------------------------

ROWS = ("2016年量化指标任务分工\n\n序号 工 作 任 务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n"
        "2 城镇新增就业1000万人以上 人力资源社会保障部\n3 安排财政赤字2.18万亿元, 赤字率提高到3% 财政部\n\n以上任务请抓紧落实。\n")


def test_a_table_printed_one_row_a_line_is_read_with_its_spaced_out_header_label_joined():
    table = only_table(ROWS)
    assert table.source == "text-rows"
    assert table.header == ["序号", "工作任务", "牵头负责部门"]
    assert table.rows == [["1", "居民消费价格涨幅3%左右", "发展改革委"],
                          ["2", "城镇新增就业1000万人以上", "人力资源社会保障部"],
                          ["3", "安排财政赤字2.18万亿元， 赤字率提高到3%", "财政部"]]  # blanks inside a cell stay in it
    cell = next(c for c in table.cells if c.text == "财政部")
    assert ROWS[cell.span.start : cell.span.end] == "财政部"


def test_rows_that_do_not_number_one_after_the_other_end_the_table():
    text = "序号 工作任务 责任单位\n1 甲任务 省财政厅\n2 乙任务 省教育厅\n5 丙任务 省科技厅\n"
    assert only_table(text).rows == [["1", "甲任务", "省财政厅"], ["2", "乙任务", "省教育厅"]]


def test_a_numbered_paragraph_list_under_no_sequence_header_is_no_row_table():
    text = "一、任务\n1 加快建设数据中心 省发展改革委\n2 推进数据共享 省政务服务办\n"
    assert find_tables(text).tables == []


def test_a_row_a_line_that_leaves_a_merged_cell_out_takes_it_from_the_row_above_in_the_column_its_cells_leave():
    text = ("序号  重点任务  牵头单位  配合单位  完成时限\n1  建设正极材料产业集群  市工业和信息化局  市发展改革委  2027年12月底前\n"
            "2  引进电解液配套项目  市商务局、湘潭高新区管委会  2026年6月底前\n3  建设回收利用体系  市生态环境局  市商务局  2026年12月底前\n"
            "4  实施关键技术攻关  市科技局  2027年12月底前\n")
    table = only_table(text)
    assert table.rows == [["1", "建设正极材料产业集群", "市工业和信息化局", "市发展改革委", "2027年12月底前"],
                          ["2", "引进电解液配套项目", "市工业和信息化局", "市商务局、湘潭高新区管委会", "2026年6月底前"],
                          ["3", "建设回收利用体系", "市生态环境局", "市商务局", "2026年12月底前"],
                          ["4", "实施关键技术攻关", "市生态环境局", "市科技局", "2027年12月底前"]]
    assert any("fit 牵头单位 or 配合单位 equally" in w for w in table.warnings)  # a unit cell fits both: said, not silent


def test_the_first_row_of_a_row_a_line_table_short_of_a_cell_is_no_row():
    text = "序号  重点任务  牵头单位  配合单位  完成时限\n1  建设产业集群  2027年12月底前\n"
    assert find_tables(text).tables == []


def test_a_row_a_line_with_bars_between_the_cells_is_read_cell_by_cell():
    text = "序号 | 实事项目 | 责任单位 |\n1 | 新建中小学 7 所。 | 区教育局 |\n2 | 新建托育驿站。 | 区卫生健康局 |\n"
    table = only_table(text)
    assert (table.source, table.header) == ("text-rows", ["序号", "实事项目", "责任单位"])
    assert table.rows == [["1", "新建中小学 7 所。", "区教育局"], ["2", "新建托育驿站。", "区卫生健康局"]]


def test_a_bar_table_without_a_number_column_is_read_by_its_bars():
    # 新余's yearly targets per county (corpora/genre/heldout94/p02): labels, no 序号, numbers only
    text = "县（区）|2025年|2026年|合计\n渝水区|3.1|3.3|6.4\n分宜县|2.2|2.4|4.6\n合计|5.3|5.7|11.0\n抄送：市委各部门。\n"
    table = only_table(text)
    assert (table.source, table.header) == ("text-rows", ["县（区）", "2025年", "2026年", "合计"])
    assert table.rows == [["渝水区", "3.1", "3.3", "6.4"], ["分宜县", "2.2", "2.4", "4.6"], ["合计", "5.3", "5.7", "11.0"]]
    # two lines with bars are no table; nor a header of numbers
    assert find_tables("甲|乙|丙\n1|2|3\n").tables == []
    assert find_tables("1|2|3\n4|5|6\n7|8|9\n").tables == []


def test_a_row_printed_from_the_left_with_its_merged_leading_cell_left_out_takes_its_columns_by_fit():
    # 江门's 政务公开 task list (corpora/roles/heldout19/02): the category cell merged over rows 2-3
    text = ("工作任务 | 具体要求 | 责任部门 |\n一、做好财政信息公开。 | 1.推进预算公开。 | 财务科 |\n"
            "二、做好网站信息公开。 | 2.及时更新概况信息。 | 办公室 |\n3.及时反馈网民意见。 | 各科室 | |\n")
    rows = only_table(text).grid()
    assert [[c.text if c is not None else None for c in row] for row in rows[1:]] == [
        ["一、做好财政信息公开。", "1.推进预算公开。", "财务科"],
        ["二、做好网站信息公开。", "2.及时更新概况信息。", "办公室"],
        ["二、做好网站信息公开。", "3.及时反馈网民意见。", "各科室"]]


def test_an_empty_cell_between_bars_of_a_row_a_line_stays_empty():
    text = "序号 | 重点任务 | 牵头单位 | 配合单位 |\n1 | 建设示范工厂 | 市工业和信息化局 |  |\n2 | 建设公共平台 | 市科技局 | 市财政局 |\n"
    assert only_table(text).rows == [["1", "建设示范工厂", "市工业和信息化局", ""], ["2", "建设公共平台", "市科技局", "市财政局"]]


def test_a_bar_row_table_without_outer_bars_reads_empty_cells_as_merged_where_a_task_cannot_leave_them_empty():
    text = ("序号|重点任务|责任单位|配合单位|完成时间\n1|建设云平台|市科技局|市数据资源局|2026年9月底前\n"
            "2|推进城域网扩容|市数据资源局|市经信局|\n|开展应用试点|市委金融办||\n3|招引重点项目|||2026年12月底前\n")
    table = only_table(text)
    assert table.rows == [["1", "建设云平台", "市科技局", "市数据资源局", "2026年9月底前"],
                          ["2", "推进城域网扩容", "市数据资源局", "市经信局", "2026年9月底前"],
                          ["2", "开展应用试点", "市委金融办", "市经信局", "2026年9月底前"],  # a continuation row
                          ["3", "招引重点项目", "市委金融办", "", "2026年12月底前"]]
    assert {c.span_rule for c in table.cells if c.row_span > 1} == {"empty_cell_of_a_filled_column"}


def test_every_empty_cell_of_a_row_that_continues_the_item_above_is_merged():
    text = ("序号 | 重点任务 | 具体举措 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 产业链协同 | 编制产业链图谱。 | 市发展改革局 | 顺德区人民政府 | 2025年12月底前\n"
            "| | 引进核心零部件项目。 | | | 2027年12月底前\n"
            "2 | 市场拓展 | 组织企业参展。 | 市商务局 |  | 每年12月底前\n")
    assert only_table(text).rows == [
        ["1", "产业链协同", "编制产业链图谱。", "市发展改革局", "顺德区人民政府", "2025年12月底前"],
        ["1", "产业链协同", "引进核心零部件项目。", "市发展改革局", "顺德区人民政府", "2027年12月底前"],
        ["2", "市场拓展", "组织企业参展。", "市商务局", "", "每年12月底前"]]


def test_an_empty_cell_of_a_column_of_no_role_is_merged_in_a_row_that_shares_a_filled_cell_above():
    # 兑现方式 is no role's column: its empty cell is merged where the row's 兑现时间 is too, blank beside a 备注
    text = ("序号 | 政策条款 | 兑现方式 | 责任单位 | 兑现时间 | 备注\n"
            "1 | 第一条 营收突破奖励 | 免申即享 | 市工信局、市财政局 | 每年6月底前 | 限规上企业\n"
            "2 | 第二条 上规入统奖励 | | 市工信局、市统计局 | |\n")
    assert only_table(text).rows[1] == ["2", "第二条上规入统奖励", "免申即享", "市工信局、市统计局", "每年6月底前", ""]


def test_a_row_table_numbered_in_brackets_keeps_its_section_rows_as_full_width_headings():
    text = ("序号 | 目标与任务 | 牵头责任单位 | 责任单位 |\n"
            "一、主要预期目标 | |||\n"
            "(1) | 地区生产总值增长6%以上。 | 市发展改革委 | 各县市区政府 |\n"
            "(2) | 固定资产投资增长6%左右。 | 市发展改革委 | 各县市区政府 |\n"
            "二、重点做好以下方面工作 | |||\n"
            "1 | 大力提振消费。 | ||\n"
            "(3) | 实施提振消费专项行动。 | 市商务局 | 市财政局 |\n")
    table = only_table(text)
    data = [r for r in table.rows if r[0].startswith("（")]  # folded text: （1）
    assert [(r[0], r[2]) for r in data] == [("（1）", "市发展改革委"), ("（2）", "市发展改革委"), ("（3）", "市商务局")]
    sections = [c for c in table.cells if c.span_rule == "section_row_full_width"]
    assert [c.text for c in sections] == ["一、主要预期目标", "二、重点做好以下方面工作", "1大力提振消费。"]


def test_a_cell_printed_over_two_lines_in_a_bar_table_is_one_cell():
    # 苏州工业园区管委会、 / 市科技局 | : the cell's last line carries its bar
    text = ("序号 |\n工作任务 |\n责任单位 |\n完成时间 |\n"
            "1 |\n建设中试平台。 |\n苏州工业园区管委会、\n市科技局 |\n2026年12月底前 |\n"
            "2 |\n开展研发攻关。 |\n市科技局\n市工信局 |\n2027年12月底前 |\n")
    table = only_table(text)
    assert [r[2] for r in table.rows] == ["苏州工业园区管委会、 市科技局", "市科技局 市工信局"]  # lines joined by a blank
    assert [r[3] for r in table.rows] == ["2026年12月底前", "2027年12月底前"]


def test_a_group_heading_printed_without_the_bars_of_a_row_table_is_a_section_row():
    text = ("序号 | 平台名称 | 责任单位 | 完成时限\n一、贸易物流平台\n1 | 东盟特色商品集散中心 | 南宁海关、市商务局 | 2026年12月\n"
            "2 | 南宁国际铁路港 | 市交通运输局 | 2027年6月\n二、产业合作平台\n3 | 中国—东盟产业园 | 市工信局 | 2027年12月\n")
    table = only_table(text)
    assert [c.text for c in table.cells if c.span_rule == "section_row_full_width"] == ["一、贸易物流平台", "二、产业合作平台"]
    assert [r[0] for r in table.rows if r[0].isdigit()] == ["1", "2", "3"]


def test_a_header_over_two_bar_lines_names_each_column_by_its_lower_label():
    # 责任单位 spans 牵头单位 and 配合单位; 序号, 重点任务 and 完成时限 span both header lines; an empty cell of a
    # column every task fills is merged from above, a — is an empty cell
    text = ("序号|重点任务|责任单位||完成时限\n||牵头单位|配合单位|\n"
            "1|建成原丝项目|市发展改革委|吉林经开区管委会|2027年12月底前\n"
            "2|扩大碳丝生产|市工业和信息化局|市发展改革委|\n"
            "3|建设质检中心||—|2027年6月底前\n")
    table = only_table(text)
    assert table.n_header_rows == 2
    assert table.header == ["序号", "重点任务", "责任单位/牵头单位", "责任单位/配合单位", "完成时限"]
    assert table.rows == [["1", "建成原丝项目", "市发展改革委", "吉林经开区管委会", "2027年12月底前"],
                          ["2", "扩大碳丝生产", "市工业和信息化局", "市发展改革委", "2027年12月底前"],
                          ["3", "建设质检中心", "市工业和信息化局", "—", "2027年6月底前"]]


def test_a_bar_alone_in_the_first_row_under_the_header_is_an_empty_cell_in_its_place():
    # nothing stands above the first row to cover its cells: its bar line is the empty 备注, and the header's
    # column count comes from where row 1 begins (问题描述 is no header word of the rules)
    text = ("序号 |\n路段名称 |\n问题描述 |\n责任单位 |\n备注 |\n"
            "1 |\n湘北大道 |\n沿线车辆违停严重 |\n停车办 |\n|\n"
            "2 |\n赶山西路 |\n路面积水严重 |\n市政维护管理处 |\n")
    table = only_table(text)
    assert table.rows == [["1", "湘北大道", "沿线车辆违停严重", "停车办", ""],
                          ["2", "赶山西路", "路面积水严重", "市政维护管理处", ""]]


def test_a_bar_alone_in_place_continues_the_cell_above_in_a_column_every_task_fills():
    # 阿克苏's task table (corpora/genre/heldout141/p03): 牵头单位 and 完成时限 merged down, printed as a bar alone
    # in the merged cell's place; the table prints an empty 配合单位 as —
    text = ("序号 |\n重点任务 |\n牵头单位 |\n配合单位 |\n完成时限 |\n"
            "1 |\n建设示范基地 |\n市林业和草原局 |\n市市场监管局 |\n2026年12月底前 |\n"
            "2 |\n推行生产技术规程 |\n|\n市农业农村局 |\n2025年12月底前 |\n"
            "3 |\n发展电商直播 |\n市商务局 |\n市供销社 |\n|\n"
            "4 |\n组织企业参加展销 |\n市商务局 |\n— |\n|\n")
    table = only_table(text)
    assert table.rows == [["1", "建设示范基地", "市林业和草原局", "市市场监管局", "2026年12月底前"],
                          ["2", "推行生产技术规程", "市林业和草原局", "市农业农村局", "2025年12月底前"],
                          ["3", "发展电商直播", "市商务局", "市供销社", "2025年12月底前"],
                          ["4", "组织企业参加展销", "市商务局", "—", "2025年12月底前"]]
    assert {c.span_rule for c in table.cells if c.row_span > 1} == {"empty_cell_of_a_filled_column"}


def test_a_bar_alone_in_place_stays_empty_where_a_task_may_lack_the_cell():
    # 宜春's 民生实事 table (corpora/roles/heldout11/07): beside 牵头单位, the 责任单位 column names the other units,
    # which a project may lack, as a 配合单位 column does; 备注 is free text
    text = ("序号 |\n项目名称 |\n牵头单位 |\n责任单位 |\n备注 |\n"
            "1 |\n教育扩容工程 |\n区教体局 |\n区国投集团 |\n已完工 |\n"
            "2 |\n应急医疗中心 |\n慈化镇 |\n|\n|\n")
    assert only_table(text).rows == [["1", "教育扩容工程", "区教体局", "区国投集团", "已完工"],
                                     ["2", "应急医疗中心", "慈化镇", "", ""]]


def test_a_bar_table_header_over_two_rows_spans_its_group_label_over_the_labels_below():
    # 责任单位 | then a bar: it spans two columns; 牵头单位 | 配合单位 | then three bars: 序号, 重点任务 and
    # 完成时限 span both header rows
    text = ("序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n|\n牵头单位 |\n配合单位 |\n|||\n"
            "1 |\n举办产业对接活动 |\n市商务局 |\n市工信局、市台港澳办 |\n2028年底前 |\n"
            "2 |\n实施青年实习计划 |\n市人社局 |\n市台港澳办 |\n|\n"
            "3 |\n设立台胞服务站 |\n市民政局 |\n各区人民政府 |\n2027年底前 |\n")
    table = only_table(text)
    assert (table.n_cols, table.n_header_rows) == (5, 2)
    assert table.header == ["序号", "重点任务", "责任单位/牵头单位", "责任单位/配合单位", "完成时限"]
    assert table.rows == [["1", "举办产业对接活动", "市商务局", "市工信局、市台港澳办", "2028年底前"],
                          ["2", "实施青年实习计划", "市人社局", "市台港澳办", "2028年底前"],
                          ["3", "设立台胞服务站", "市民政局", "各区人民政府", "2027年底前"]]


def test_a_table_whose_cells_a_tab_separates_keeps_its_empty_cells_in_place():
    # folding turns tabs into blanks; the source's tabs say where the cells are, so an empty cell (merged from
    # above in a column every task fills) is not lost
    from policyparse.extract.tables import find_tables
    from policyparse.normalize import fold

    source = ("序号\t重点任务\t责任单位\t完成时限\n1\t建设生产基地\t县经信局、县发改局\t2028年12月底前\n"
              "2\t引进材料项目\t\t2027年12月底前\n3\t建设检测平台\t县市场监管局\t\n")
    [table] = find_tables(fold(source), source=source).tables
    assert table.rows == [["1", "建设生产基地", "县经信局、县发改局", "2028年12月底前"],
                          ["2", "引进材料项目", "县经信局、县发改局", "2027年12月底前"],
                          ["3", "建设检测平台", "县市场监管局", "2027年12月底前"]]


def test_a_row_table_may_number_its_rows_in_a_column_after_its_category():
    text = ("类别 | 序号 | 重点任务 | 责任单位 | 完成时限\n"
            "勘探开发 | 1 | 新增探明储量500亿立方米 | 市能源局、市规划和自然资源局 | 2028年12月底前\n"
            "| 2 | 改造低产低效井1000口 | 华新燃气集团有限公司 | 2027年12月底前\n"
            "储运调峰 | 3 | 新建输气管道300公里 | 市能源局 | 2028年12月底前\n")
    table = only_table(text)
    assert [r[:2] for r in table.rows] == [["勘探开发", "1"], ["勘探开发", "2"], ["储运调峰", "3"]]


def test_an_empty_mark_takes_a_column_a_task_may_leave_empty_when_placements_tie():
    # row 2 has two covered cells; 县财政局 and — fit 牵头单位 / 配合单位 or 配合单位 / 完成时限 as well, and a task may have
    # no 配合单位 but not no deadline: the leader and the deadline are the ones covered (the tie is still reported)
    text = ("序号 |\n重点任务 |\n牵头县领导 |\n牵头单位 |\n配合单位 |\n完成时限 |\n"
            "1 |\n建设科技平台 |\n林国栋 |\n县科技局 |\n县茶业发展中心 |\n2026年12月底前 |\n"
            "2 |\n推广金融产品 |\n县财政局 |\n— |\n||\n"
            "3 |\n培训技能人才 |\n苏建明 |\n县人社局 |\n县教育局 |\n2026年9月底前 |\n")
    table = only_table(text)
    assert table.rows[1] == ["2", "推广金融产品", "林国栋", "县财政局", "—", "2026年12月底前"]
    assert any(w.startswith("ambiguous placement") for w in table.warnings)


def test_a_row_table_may_separate_its_cells_with_full_width_bars():
    text = ("序号｜重点项目｜责任单位｜完成时限\n1｜大数据产业园三期建设｜永川高新区管委会、区大数据发展局｜2026年12月底前\n"
            "2｜自动驾驶测试基地扩容｜区经济信息委｜2027年6月底前\n")
    assert [r[2] for r in only_table(text).rows] == ["永川高新区管委会、区大数据发展局", "区经济信息委"]


def test_a_tab_row_that_opens_with_a_tab_continues_the_numbered_row_above():
    from policyparse.extract.tables import find_tables
    from policyparse.normalize import fold

    source = ("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n一、提升产业能级\n"
              "5\t建设共性技术研发中心\t松山湖高新区管委会\t市科技局\t2027年6月底前\n"
              "\t开展关键技术攻关\t市科技局\t松山湖高新区管委会\t2028年12月底前\n")
    [table] = find_tables(fold(source), source=source).tables
    assert [(r[0], r[1]) for r in table.rows] == [("一、提升产业能级", "一、提升产业能级"),  # a section row, full width
                                                  ("5", "建设共性技术研发中心"), ("5", "开展关键技术攻关")]


def test_a_blank_cell_of_a_table_that_marks_its_empty_cells_is_merged_from_above():
    # the table prints its empty cells as / or —: a cell left blank is one a cell above covers (配合单位 too)
    text = ("序号|重点任务|牵头单位|配合单位|完成时限\n1|建设苗木基地|县农业农村局|县自然资源和规划局|2028年12月底前\n"
            "2|建成良种繁育中心|县花木中心|县科学技术局、县财政局|2027年6月底前\n3|新增设施花卉种植|县农业农村局||2028年12月底前\n"
            "4|培育电商企业|县商务局|/|2028年12月底前\n")
    rows = only_table(text).rows
    assert [r[3] for r in rows] == ["县自然资源和规划局", "县科学技术局、县财政局", "县科学技术局、县财政局", "/"]
    unmarked = text.replace("|/|", "||")  # no mark anywhere: a blank 配合单位 is an empty cell
    assert [r[3] for r in only_table(unmarked).rows] == ["县自然资源和规划局", "县科学技术局、县财政局", "", ""]


def test_an_indicator_tables_target_column_takes_numbers_and_its_unit_column_short_labels():
    # 2026年目标 holds values (95, 45); 单位 holds units of measure (亿元, 家): a row with two covered cells puts its
    # indicator's name under 指标名称 and its number under the target, not the name under 单位
    text = ("序号 |\n指标名称 |\n单位 |\n2026年目标 |\n责任单位 |\n"
            "1 |\n规上工业产值 |\n亿元 |\n420 |\n市工信局、市统计局 |\n"
            "2 |\n规上工业增加值 |\n95 |\n||\n"
            "3 |\n新增规上工业企业 |\n家 |\n30 |\n市工信局 |\n")
    assert only_table(text).rows[1] == ["2", "规上工业增加值", "亿元", "95", "市工信局、市统计局"]


def test_a_bar_tables_header_ends_where_row_one_begins_whatever_words_it_holds():
    text = ("序号 |\n项目名称 |\n建设内容 |\n总投资（亿元） |\n责任单位 |\n建设年限 |\n"
            "1 |\n智能化生产线改造 |\n新建智能化生产线8条 |\n3.2 |\n区经济信息委 |\n2025—2026年 |\n"
            "2 |\n榨菜产业园 |\n建设标准化厂房15万平方米 |\n6.5 |\n2025—2027年 |\n|\n"
            "3 |\n废水集中处理 |\n建设处理设施6座 |\n1.8 |\n区生态环境局 |\n2026—2027年 |\n")
    table = only_table(text)
    assert table.n_cols == 6 and table.rows[1] == ["2", "榨菜产业园", "建设标准化厂房15万平方米", "6.5", "区经济信息委", "2025—2027年"]


def test_a_bar_table_continued_over_a_page_break_drops_the_continuation_mark_and_the_header_printed_again():
    text = ("序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n1 |\n建设利用基地 |\n市工业和信息化局 |\n2027年12月底前 |\n"
            "续表\n序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n2 |\n推广新型建材 |\n市住房和城乡建设局 |\n2027年12月底前 |\n")
    assert [r[0] for r in only_table(text).rows] == ["1", "2"]


def test_a_cell_printed_same_as_above_takes_the_value_of_the_cell_above():
    # genre batch 66: a row table prints 同上 where a cell repeats the one above (a merged cell in words)
    text = ("序号 | 项目名称 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 数字化车间项目 | 市工业和信息化局 | 醴陵经济开发区管委会 | 2026年12月\n"
            "2 | 智能工厂项目 | 同上 | 同上 | 2027年6月\n"
            "3 | 检测中心扩能 | 市市场监督管理局 | 市工业和信息化局 | 同上\n")
    table = only_table(text)
    assert [r[2:] for r in table.rows] == [
        ["市工业和信息化局", "醴陵经济开发区管委会", "2026年12月"], ["市工业和信息化局", "醴陵经济开发区管委会", "2027年6月"],
        ["市市场监督管理局", "市工业和信息化局", "2027年6月"]]
    assert "same_as_above_mark" in table.cells[next(i for i, c in enumerate(table.cells) if c.text == "2027年6月")].span_rule


def test_a_task_that_builds_a_station_or_holds_a_meeting_is_no_unit_list():
    # 建成市级低空飞行服务站 / 举办产业发展大会 end like organs; the work verb before them says they are tasks
    text = ("序号 |\n重点任务 |\n牵头单位 |\n配合单位 |\n完成时限 |\n"
            "1 |\n建设航空应急救援基地 |\n市应急管理局 |\n市卫健委、市公安局 |\n2027年12月底前 |\n"
            "2 |\n建成市级低空飞行服务站 |\n市交通运输局 |\n市气象局、市大数据局 |\n|\n"
            "3 |\n举办预制菜产业发展大会 |\n市商务局 |\n舞阳县人民政府 |\n|\n")
    assert [r[1] for r in only_table(text).rows] == ["建设航空应急救援基地", "建成市级低空飞行服务站", "举办预制菜产业发展大会"]


def test_a_task_longer_than_the_complete_rows_tasks_still_goes_to_the_task_column():
    # batch 68: the complete rows' tasks are short labels; row 3's task is a sentence, its category and unit covered
    text = ("序号 |\n任务类别 |\n工作任务 |\n责任单位 |\n完成时限 |\n"
            "1 |\n装备制造 |\n引进装备制造项目15个 |\n市工业和信息化局、酒泉经济技术开发区管委会 |\n2026年12月底前 |\n"
            "2 |\n建成标准厂房10万平方米 |\n2026年10月底前 |\n||\n"
            "3 |\n实施装备制造企业技术改造项目20个 |\n2026年12月底前 |\n||\n"
            "4 |\n新业态 |\n建成绿电制氢示范项目 |\n市发展改革委、玉门市人民政府 |\n2026年10月底前 |\n")
    table = only_table(text)
    assert [r[1:4] for r in table.rows] == [
        ["装备制造", "引进装备制造项目15个", "市工业和信息化局、酒泉经济技术开发区管委会"],
        ["装备制造", "建成标准厂房10万平方米", "市工业和信息化局、酒泉经济技术开发区管委会"],
        ["装备制造", "实施装备制造企业技术改造项目20个", "市工业和信息化局、酒泉经济技术开发区管委会"],
        ["新业态", "建成绿电制氢示范项目", "市发展改革委、玉门市人民政府"]]


def test_a_row_table_whose_category_comes_before_the_number_and_is_printed_on_its_first_row_only():
    # roles batch 28: a portal's 民生实事 progress table, the category merged down and not printed again
    from policyparse.pipeline import parse_text

    text = ("大类 | 序号 | 工作任务 | 分管 市领导 | 牵头单位及 主要负责人 | 落实进展情况 |\n"
            "一、提高民生保障水平 | 1 | 将低保补差水平提高。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n"
            "2 | 提高特困人员供养标准。 | 陈宣群 | 市民政局 伍泽国 | 已完成。 |\n")
    doc = parse_text(text)
    [table] = [t for d in doc.walk() for t in d.tables]
    assert table.header[:2] == ["大类", "序号"] and [r[0] for r in table.rows] == ["一、提高民生保障水平"] * 2
    assert [([u.name for u in t.units], t.lead_units) for d in doc.walk() for t in d.tasks] == [
        (["市民政局"], ["市民政局"]), (["市民政局"], ["市民政局"])]  # 伍泽国, the organ's head, is no unit


def test_a_row_table_numbered_1_1_under_group_rows_numbered_1_keeps_every_row_and_marks_the_groups():
    from policyparse.pipeline import parse_text

    text = ("关于印发行动方案的通知\n一、任务\n见附件。\n附件\n重点任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 种源保障提升行动 |  |  | \n1.1 | 建成核心育种场3个。 | 市农牧局 | 市财政局 | 2026年12月底前\n"
            "1.2 | 冷配改良能繁母牛100万头。 |  | 各旗县区人民政府 | 每年12月底前\n2 | 养殖规模提升行动 |  |  | \n"
            "2.1 | 新建标准化规模养殖场200个。 | 市农牧局 | 市自然资源局 | 2027年12月底前\n")
    doc = parse_text(text)
    rows = [t for d in doc.walk() for t in d.tasks if t.form == "table"]
    assert [(t.path, t.lead_units) for t in rows] == [("附件/1.1", ["市农牧局"]), ("附件/1.2", ["市农牧局"]), ("附件/2.1", ["市农牧局"])]


def test_a_project_named_like_an_organ_stays_in_the_task_column_when_complete_rows_hold_such_names_there():
    # batch 73: 花椒冷链仓储中心 is row 4's project; the row prints it alone, its 责任单位 and 完成时限 covered from row 3
    text = ("序号 |\n重点任务 |\n责任单位 |\n完成时限 |\n"
            "1 |\n花椒精深加工园区基础设施 |\n区经济信息委、江津综合保税区管委会 |\n2027年6月 |\n"
            "2 |\n花椒冷链仓储中心 |\n||\n"
            "3 |\n花椒产业技术研究中心 |\n区科技局、区农业农村委 |\n2026年6月 |\n")
    table = only_table(text)
    assert [r[1:3] for r in table.rows] == [
        ["花椒精深加工园区基础设施", "区经济信息委、江津综合保税区管委会"],
        ["花椒冷链仓储中心", "区经济信息委、江津综合保税区管委会"],
        ["花椒产业技术研究中心", "区科技局、区农业农村委"]]


def test_a_lead_cell_naming_its_leader_in_brackets_gives_the_unit_alone():
    from policyparse.pipeline import parse_text

    text = ("关于印发行动方案的通知\n一、任务\n见附件。\n附件\n任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 建设产业园 | 市工业和信息化局（李某某） | 市发展改革局 | 2026年12月底前\n"
            "2 | 引进龙头企业 | 市商务局（王某） | 市工业和信息化局 | 2027年6月底前\n")
    rows = [t for d in parse_text(text).walk() for t in d.tasks if t.form == "table"]
    assert [([(u.name, u.role) for u in t.units]) for t in rows] == [
        [("市工业和信息化局", "lead"), ("市发展改革局", "participant")], [("市商务局", "lead"), ("市工业和信息化局", "participant")]]


def test_a_row_table_with_group_rows_between_its_numbered_rows_and_a_lead_left_out_of_a_line_is_read_whole():
    # 南平's 重点项目分工表 (corpora/genre/heldout96/p02): ideographic spaces between cells, 一、… group rows, and a
    # 牵头单位 printed only on the first of the rows it leads
    text = ("序号　项目名称　牵头单位　配合单位　完成时限\n一、生态茶园建设\n1　生态茶园改造项目　市农业农村局　市林业局　2026年12月底前\n"
            "2　生态茶园示范基地　建瓯市人民政府　2026年12月底前\n二、加工与园区建设\n3　茶产业园区提升工程　武夷山市人民政府　市科技局　2027年6月底前\n")
    table = only_table(fold(text))
    assert table.source == "text-rows"
    assert table.rows == [
        ["一、生态茶园建设"] * 5,
        ["1", "生态茶园改造项目", "市农业农村局", "市林业局", "2026年12月底前"],
        ["2", "生态茶园示范基地", "市农业农村局", "建瓯市人民政府", "2026年12月底前"],
        ["二、加工与园区建设"] * 5,
        ["3", "茶产业园区提升工程", "武夷山市人民政府", "市科技局", "2027年6月底前"]]


# 序号 and 行动 merge over an action's rows, and so does its 牵头单位: the complete rows name one lead and two partners
ACTION = [
    ["序号", "行动", "重点任务", "牵头单位", "配合单位", "完成时限"],
    ["1", "智能制造行动", "建设智能工厂5家", "市工业和信息化局", "市发展和改革局、市科技局", "2026年12月底前"],
    [None, None, "建设数字化车间20个", None, "市财政局、各镇人民政府", "2027年6月底前"],
    [None, None, "推广工业互联网标识解析应用", None, "市数据管理局", "2027年12月底前"],
    ["2", "电商拓展行动", "培育跨境电商品牌30个", "市商务局", "市市场监督管理局、市海关", "2027年12月底前"],
]


def test_a_row_with_as_many_covered_cells_as_the_row_above_continues_its_merges():
    # row 3's one unit (市数据管理局) fits 牵头单位 by its size (the complete rows name one lead, two partners) and 配合单位
    # by its kind; the row above covers 序号, 行动 and 牵头单位, so row 3 continues those merges, with a warning
    table = only_table(bars(ACTION))
    assert table.rows == filled(ACTION)[1:]
    assert spans_of(table)[(1, 3)][0] == 3  # 市工业和信息化局 leads the three rows of its action
    assert any("the merges of the row above going on" in w for w in table.warnings), table.warnings


def test_an_empty_mark_printed_without_its_bar_is_a_cell_of_its_own():
    # 阳春 (corpora/genre/heldout174/p03): ``—`` on its line with no bar after it; an empty mark never opens a longer cell
    grid = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "建设冷链物流和产地仓", "市商务局", "—", "2026年6月底"],
            ["2", "开展品牌推介", "市农业农村局", "市融媒体中心", "长期坚持"]]
    text = bars(grid).replace("— |", "—")
    assert "\n—\n" in text
    table = only_table(text)
    assert table.rows == filled(grid)[1:]  # the mark stays as printed in its own column


def test_rows_numbered_from_1_again_under_each_category_row_of_a_tab_table_stay_one_table():
    # 句容 (corpora/genre/heldout185/p01): a Word table pasted with tabs, a category line between groups of rows
    text = ("附件\n重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n一、基地建设\n"
            "1\t新建生态茶园1000亩\t市农业农村局\t市财政局\t2026年12月底\n2\t改造低产茶园500亩\t市农业农村局\t各镇人民政府\t2027年6月底\n"
            "二、品牌培育\n1\t统一使用区域公用品牌\t市农业农村局\t市市场监督管理局\t2025年12月底\n"
            "2\t举办茶文化节\t市文体广电和旅游局\t市农业农村局\t每年\n")
    table = only_table(text)
    assert [r[0] for r in table.rows] == ["一、基地建设", "1", "2", "二、品牌培育", "1", "2"]


def test_a_bar_line_for_each_covered_cell_closes_one_row_as_one_line_of_bars_does():
    # 张家港 (corpora/genre/heldout188/p01): a row whose 序号 and 重点任务 the row above covers prints ``|`` twice, a line
    # per covered cell, where the seed prints ``||``
    grid = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "关键材料攻关", "市科学技术局", "市工业和信息化局", "2027年12月底前"],
            ["2", "装备项目建设", "张家港保税区（金港街道）", "市商务局", "2026年12月底前"],
            [None, None, "冶金工业园（锦丰镇）", "市发展和改革委员会、市商务局", "2027年12月底前"],
            ["3", "加氢站网络建设", "市发展和改革委员会", "市住房和城乡建设局", "2027年6月底前"]]
    text = bars(grid)
    assert "\n||\n" in text
    one_a_line = text.replace("\n||\n", "\n|\n|\n")
    for printed in (text, one_a_line):
        table = only_table(printed)
        assert table.rows == filled(grid)[1:]


def test_a_category_printed_as_a_cell_of_its_own_before_a_rows_number_is_a_row_spanning_the_table():
    # 浮梁 (corpora/genre/heldout275/p03): 一、茶园基础 | right after the header and between rows, one cell a line
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "完成时间", "一、茶园基础",
             "1", "新建生态茶园", "县农业农村局", "县林业局", "2026年11月底前",
             "2", "改造低产茶园", "县农业农村局", "县财政局", "2026年11月底前",
             "二、加工与品牌", "3", "新增加工生产线", "县工业和信息化局", "县财政局", "2026年9月底前"]
    table = only_table("附件2\n分工表\n" + "".join(f"{c} |\n" for c in cells))
    assert table.header == ["序号", "工作任务", "牵头单位", "配合单位", "完成时间"]
    assert [r[0] for r in table.rows] == ["一、茶园基础", "1", "2", "二、加工与品牌", "3"]
    assert [c.text for c in table.cells if c.span_rule == "section_row_full_width"] == ["一、茶园基础", "二、加工与品牌"]
    assert table.rows[2] == ["2", "改造低产茶园", "县农业农村局", "县财政局", "2026年11月底前"]


def _laid_out(lines: list[list[str]], starts=(0, 6, 21, 33, 50)) -> str:
    """Each line's cells written from their column's first character on (a PDF's text layer, one character a column)."""
    out = []
    for cells in lines:
        line = ""
        for start, cell in zip(starts, cells, strict=False):
            if cell:
                line = line.ljust(start if not line else max(start, len(line) + 2)) + cell
        out.append(line)
    return "附件\n某市重点任务清单\n\n" + "\n".join(out) + "\n"


LAID_OUT = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
            ["1", "粮食播种面积稳定在58万亩", "市农业农村局", "各镇（街道）", "2025年10月底"],
            ["", "以上"],
            ["2", "建设单产提升整建制推进示范", "", "市财政局、各镇（街道）"],
            ["", "片5万亩"],
            ["3", "排查耕地“非农化”“非粮", "市规划和自然资源局", "市农业农村局、", "2025年6月底"],
            ["", "化”问题", "", "各镇（街道）"],
            ["", "完成问题图斑整改并组织验收", "市农业农村局", "市规划和自然资源局", "2025年11月底"],
            ["4", "新建绿色低温储备仓容2万吨", "市发展和改革局", "—"]]


def test_a_table_laid_out_in_columns_by_blanks_rebuilds_wrapped_cells_and_blank_positions():
    # 崇州 (corpora/genre/heldout197/p03): a table copied out of a PDF's text layer, each cell under its column's label,
    # long cells wrapped under their own column, merged cells printed in their first row only
    text = _laid_out(LAID_OUT)
    assert "\n      以上\n" in text  # a wrapped cell's line opens under its column
    table = only_table(text)
    assert table.source == "text-layout"
    assert table.header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows == [
        ["1", "粮食播种面积稳定在58万亩以上", "市农业农村局", "各镇（街道）", "2025年10月底"],
        ["2", "建设单产提升整建制推进示范片5万亩", "市农业农村局", "市财政局、各镇（街道）", "2025年10月底"],
        ["3", "排查耕地“非农化”“非粮化”问题", "市规划和自然资源局", "市农业农村局、各镇（街道）", "2025年6月底"],
        ["3", "完成问题图斑整改并组织验收", "市农业农村局", "市规划和自然资源局", "2025年11月底"],  # one item, two rows
        ["4", "新建绿色低温储备仓容2万吨", "市发展和改革局", "—", "2025年11月底"]]


def test_a_laid_out_column_wrapped_at_its_own_width_goes_on_below_and_so_does_the_last_column():
    # 衢江 / 射阳 (corpora/genre/heldout261/p01, heldout269/p01): the task column wrapped at seven characters, well short
    # of the next column's start, and the deadline column at its own width (2026年12月 / 底)
    lines = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
             ["1", "整机生产线智能", "县工信局", "射阳港经济开发区管委会、", "2025年12月"],
             ["", "化改造", "", "县发改委", "底前"],
             ["2", "光伏储能整机项", "县商务局", "射阳经济开发区管委会", "2025年12月"],
             ["", "目招引", "", "", "底前"],
             ["3", "技能人才定向培", "县人社局", "—", "每年12月底"],
             ["", "养", "", "", "前"]]
    assert only_table(_laid_out(lines)).rows == [
        ["1", "整机生产线智能化改造", "县工信局", "射阳港经济开发区管委会、县发改委", "2025年12月底前"],
        ["2", "光伏储能整机项目招引", "县商务局", "射阳经济开发区管委会", "2025年12月底前"],
        ["3", "技能人才定向培养", "县人社局", "—", "每年12月底前"]]


def test_a_laid_out_cell_wrapped_shorter_than_its_columns_widest_goes_on_when_the_line_below_ends_its_word():
    # 泸西 (corpora/genre/heldout301/p01): cells wrapped one character short of the widest (设施蔬菜提档 / 升级), a unit
    # name broken inside (县工业商务和 / 信息化局、) and a deadline broken before what only ends a date (2026年6月 / 底前)
    lines = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
             ["1", "建设高标准蔬菜", "县农业农村局", "县自然资源局、", "每年12月底前"],
             ["", "基地", "", "县水务局"],
             ["2", "设施蔬菜提档", "县农业农村局", "县财政局", "2027年12月"],
             ["", "升级", "", "", "底前"],
             ["3", "建设产地冷链", "县发展和改革局", "县工业商务和", "2026年6月"],
             ["", "设施", "", "信息化局、", "底前"],
             ["", "", "", "县交通运输局"]]
    assert only_table(_laid_out(lines)).rows == [
        ["1", "建设高标准蔬菜基地", "县农业农村局", "县自然资源局、县水务局", "每年12月底前"],
        ["2", "设施蔬菜提档升级", "县农业农村局", "县财政局", "2027年12月底前"],
        ["3", "建设产地冷链设施", "县发展和改革局", "县工业商务和信息化局、县交通运输局", "2026年6月底前"]]


def test_a_laid_out_row_whose_first_cells_are_wrapped_short_goes_on_where_a_piece_below_only_ends_its_cell():
    # 阜平 (corpora/genre/heldout325/p01): the first rows, before any column's width is known, wrap a deadline after its
    # year (2025年 / 12月底前, 每年 / 11月底前) and an organ before its ending (阜平经济开发区 / 管委会): such a piece ends
    # its cell, so the line goes on with the row above, its other pieces too (建设标准化菌棒 / 生产基地)
    lines = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
             ["1", "优化菌棚布局，推动", "县农业农村局", "县自然资源和规划局、", "2025年"],
             ["", "集中连片发展", "", "各乡镇人民政府", "12月底前"],
             ["2", "老旧棚室改造提升", "县农业农村局", "县财政局", "每年"],
             ["", "", "", "", "11月底前"],
             ["3", "建设标准化菌棒", "阜平经济开发区", "县工业和信息化局、", "2026年"],
             ["", "生产基地", "管委会", "县农业农村局", "6月底前"]]
    assert only_table(_laid_out(lines)).rows == [
        ["1", "优化菌棚布局，推动集中连片发展", "县农业农村局", "县自然资源和规划局、各乡镇人民政府", "2025年12月底前"],
        ["2", "老旧棚室改造提升", "县农业农村局", "县财政局", "每年11月底前"],
        ["3", "建设标准化菌棒生产基地", "阜平经济开发区管委会", "县工业和信息化局、县农业农村局", "2026年6月底前"]]


def test_rows_whose_cells_stand_under_no_labels_are_left_to_the_one_row_a_line_reader():
    # 滁州 (corpora/genre/heldout75/p03): cells two blanks apart, not under their labels
    text = ("序号  重点任务  责任单位  完成时限\n1  龙头企业扩能奖补  市经济和信息化局；市财政局  2025年12月底前\n"
            "2  新增规上光伏企业奖励  市经济和信息化局、市统计局  每年12月底前\n")
    table = only_table(text)
    assert table.source == "text-rows"
    assert table.rows[0] == ["1", "龙头企业扩能奖补", "市经济和信息化局；市财政局", "2025年12月底前"]


def test_an_item_over_two_rows_of_a_bar_row_table_prints_its_number_on_both():
    # 龙口 / 江油 (corpora/genre/heldout191/p03, heldout198/p01): 3|…|… then 3|…|… again, one item's two projects
    text = ("附件\n重点项目清单\n序号|项目名称|建设内容|责任单位|完成时限\n1|粉丝产业园|建设标准化厂房|市工业和信息化局|2026年10月底\n"
            "2|浆水资源化利用示范|建设蛋白提取生产线1条|市工业和信息化局|2026年6月底\n"
            "2|浆水资源化利用示范|配套建设浆水预处理站|市生态环境局龙口分局|2026年6月底\n"
            "3|质量追溯平台|覆盖规模以上企业|市市场监督管理局|2025年12月底\n")
    table = only_table(text)
    assert [r[0] for r in table.rows] == ["1", "2", "2", "3"]
    assert table.rows[2] == ["2", "浆水资源化利用示范", "配套建设浆水预处理站", "市生态环境局龙口分局", "2026年6月底"]


def test_a_blank_note_cell_is_merged_from_above_only_where_the_column_prints_its_empty_cells_with_a_mark():
    # 清镇 (corpora/genre/heldout199/p01): 备注 prints / where it has nothing, so its one blank cell is the note above it
    # merged down; a 备注 that prints nothing where it has nothing leaves its blanks empty
    rows = ["序号\t重点任务\t责任单位\t完成时限\t备注", "1\t节能改造\t市工业和信息化局\t2026年12月底\t/",
            "2\t灰渣处置\t市发展和改革局\t2026年6月底\t纳入市级重点项目调度", "3\t超低排放改造\t市生态环境局\t2025年12月底\t",
            "4\t技能人才培养\t市人力资源和社会保障局\t持续推进\t/"]
    def notes(lines: list[str]) -> list[str]:
        doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n附件\n重点任务表\n" + "\n".join(lines) + "\n")
        [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
        return [r[4] for r in table.rows]

    assert notes(rows) == ["/", "纳入市级重点项目调度", "纳入市级重点项目调度", "/"]
    assert notes([r.removesuffix("/") for r in rows]) == ["", "纳入市级重点项目调度", "", ""]


def test_a_table_laid_out_by_display_columns_a_chinese_character_two_wide_is_read_the_same():
    # 延吉 (corpora/genre/heldout208/p01): the text layer spaces each Chinese character two columns wide
    import unicodedata

    def width(t: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in t)

    def row(cells: list[str], starts=(0, 6, 26, 50, 74)) -> str:
        line = ""
        for start, cell in zip(starts, cells, strict=False):
            if cell:
                line += " " * max(2 if line else 0, start - width(line)) + cell
        return line

    lines = [["序号", "项目名称", "牵头单位", "配合单位", "完成时限"], ["1", "延边大学周边特色", "市商务局", "市住房和城乡建设局、", "2025年12月底前"],
             ["", "街区业态提升", "", "各街道办事处"], ["2", "冰雪嘉年华", "", "市商务局、市公安局", "2025年12月底前"],
             ["3", "旅游公交专线开通", "市交通运输局", "市公安局", "2025年7月底前"]]
    table = only_table("附件\n重点项目表\n" + "\n".join(row(r) for r in lines) + "\n")
    assert table.source == "text-layout"
    assert table.rows == [["1", "延边大学周边特色街区业态提升", "市商务局", "市住房和城乡建设局、各街道办事处", "2025年12月底前"],
                          ["2", "冰雪嘉年华", "市商务局", "市商务局、市公安局", "2025年12月底前"],
                          ["3", "旅游公交专线开通", "市交通运输局", "市公安局", "2025年7月底前"]]


def test_a_laid_out_table_keeps_its_category_lines_as_rows_spanning_it():
    # 邹平 (corpora/genre/heldout214/p02): 一、汽车轻量化 between numbered rows, a unit list wrapped under its column
    text = _laid_out([["序号", "项目名称", "建设内容", "责任单位", "建设期限"], ["一、汽车轻量化"],
                      ["1", "电池托盘项目", "年产托盘50万套", "开发区管委会、", "2025年"], ["", "", "", "市工业和信息化局"],
                      ["2", "轮毂扩产项目", "新增产能200万只", "市工业和信息化局", "2025年"], ["二、绿色低碳"],
                      ["3", "再生铝项目", "年处理废铝30万吨", "市商务局"]], starts=(0, 6, 22, 40, 60))
    table = only_table(text)
    assert table.source == "text-layout"
    assert [r[0] for r in table.rows] == ["一、汽车轻量化", "1", "2", "二、绿色低碳", "3"]
    assert table.rows[1][3] == "开发区管委会、市工业和信息化局"


def test_bars_alone_on_their_lines_are_read_in_place_only_where_every_cell_then_fits_its_column():
    # 费县 / 禹城 (corpora/genre/heldout213/p03, heldout186): 3 | … | 县财政局、… | 2026年6月底前 | then | : in place the deadline
    # would stand under 配合单位, so the bar is the covered 牵头单位 printed after the row's cells (the seed's convention)
    text = ("附件2\n重点任务分工表\n序号 |\n工作任务 |\n牵头单位 |\n配合单位 |\n时间节点 |\n"
            "1 |\n建设绿色板材产业园 |\n县开发区管委会 |\n探沂镇人民政府、县自然资源和规划局 |\n2026年12月底前 |\n"
            "2 |\n开展亩产效益综合评价 |\n县工业和信息化局 |\n县统计局、县财政局 |\n2025年12月底前 |\n"
            "3 |\n推动企业兼并重组 |\n县财政局、县税务局 |\n2026年6月底前 |\n|\n"
            "4 |\n推广无醛胶黏剂应用 |\n县科学技术局 |\n县市场监督管理局 |\n2026年6月底前 |\n"
            "5 |\n培育区域公用品牌 |\n县市场监督管理局、县商务局 |\n|\n|\n"
            "6 |\n建设物流园区 |\n县交通运输局 |\n县商务局、县发展和改革局 |\n2026年9月底前 |\n")
    assert "\n|\n|\n" in text  # two bars alone, one inside the row of 5: what the in-place reading looks for
    table = only_table(text)
    assert table.rows[2] == ["3", "推动企业兼并重组", "县工业和信息化局", "县财政局、县税务局", "2026年6月底前"]
    assert table.rows[4] == ["5", "培育区域公用品牌", "县科学技术局", "县市场监督管理局、县商务局", "2026年6月底前"]


def test_bars_alone_that_all_end_their_rows_are_covered_cells_not_empty_cells_in_place():
    # 廉江 (corpora/genre/heldout251/p02): 8 | … | 市公安局 | then | and |: the row covers 配合单位 and 完成时限 (a one-unit cell
    # is a 牵头单位 here); no bar stands before a cell of its row, so nothing says the bars are empty cells in place
    grid = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["7", "规范标志使用", "市市场监督管理局", "市农业农村局、各镇（街道）", "持续推进"],
            ["8", "打击假冒行为", "市公安局", None, None],
            ["9", "打造采摘线路", "市文化广电旅游体育局", "市农业农村局、石颈镇人民政府", "2026年10月底前"]]
    text = "附件2\n分工表\n" + "".join(f"{c} |\n" for c in grid[0]) + "".join(
        f"{c} |\n" if c is not None else "|\n" for r in grid[1:] for c in r)
    assert "市公安局 |\n|\n|\n9 |" in text
    assert only_table(text).rows[1] == ["8", "打击假冒行为", "市公安局", "市农业农村局、各镇（街道）", "持续推进"]


def test_a_unit_list_of_the_partners_size_under_the_leads_column_in_place_says_the_bars_are_covered_cells():
    # 博白 (corpora/genre/heldout299/p03): 4 | … | 县财政局、县商务局 | then | and | closing the table's last row too: in place
    # the two units would lead where every complete row names one lead and two partners, so the row covers 牵头单位
    grid = [["序号", "任务名称", "牵头单位", "配合单位", "时间节点"],
            ["3", "建设研发中心", "县工业和信息化局", "县文化广电体育和旅游局、县财政局", "2026年6月底前"],
            ["4", "推进智能化改造", None, "县财政局、县商务局", None],
            ["5", "开展技能培训", "县人力资源和社会保障局", "县妇联、县农业农村局", "每年12月底前"],
            ["6", "打造区域公用品牌", "县市场监督管理局", None, None]]
    rows = [[c for c in r if c is not None] + [None] * sum(c is None for c in r) for r in grid[1:]]
    text = "附件2\n分工表\n" + "".join(f"{c} |\n" for c in grid[0]) + "".join(
        f"{c} |\n" if c is not None else "|\n" for r in rows for c in r)
    assert "县财政局、县商务局 |\n|\n|\n5 |" in text and text.endswith("县市场监督管理局 |\n|\n|\n")
    assert only_table(text).rows[1:] == [["4", "推进智能化改造", "县工业和信息化局", "县财政局、县商务局", "2026年6月底前"],
                                         ["5", "开展技能培训", "县人力资源和社会保障局", "县妇联、县农业农村局", "每年12月底前"],
                                         ["6", "打造区域公用品牌", "县市场监督管理局", "县妇联、县农业农村局", "每年12月底前"]]


def test_a_category_cell_followed_by_a_bar_for_each_column_it_spans_is_a_row_spanning_the_table():
    # 陆川 (corpora/genre/heldout299/p02): （二）推动产品迭代升级 | then four lines of | before the next row's number
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "（一）提升铸造工艺", "", "", "", "",
             "1", "推广先进工艺", "县工业和信息化局", "县财政局、县市场监督管理局", "2026年12月底前",
             "（二）推动产品升级", "", "", "", "", "2", "开发新产品", "县工业和信息化局", "县市场监督管理局、县发展和改革局",
             "2026年12月底前"]
    table = only_table("附件2\n分工表\n" + "".join(f"{c} |\n" if c else "|\n" for c in cells))
    assert [r[0] for r in table.rows] == ["（一）提升铸造工艺", "1", "（二）推动产品升级", "2"]
    assert [c.text for c in table.cells if c.span_rule == "section_row_full_width"] == ["（一）提升铸造工艺", "（二）推动产品升级"]
    assert table.rows[3] == ["2", "开发新产品", "县工业和信息化局", "县市场监督管理局、县发展和改革局", "2026年12月底前"]


def test_a_tab_line_of_two_cells_under_a_row_is_a_second_row_of_that_item():
    # 瓯海 (corpora/genre/heldout265/p02): 3 | 质量检测能力提升 | 建设…检验中心 | … then 开展…专项行动\t区市场监督管理局: the item's
    # second measure, 序号, 重点任务 and 完成时限 merged from above; a line that only ends a cell left open (…、) is no row
    doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n附件\n重点任务表\n序号\t重点任务\t具体措施\t责任单位\t完成时限\n"
                     "1\t关键技术攻关\t开展新材料攻关\t区科学技术局、区经济和信息化局\t2027年12月底\n"
                     "2\t质量检测能力提升\t建设省级检验中心\t区市场监督管理局、区科学技术局\t2026年12月底\n"
                     "开展质量提升专项行动\t区市场监督管理局\n"
                     "3\t区域品牌培育\t制定品牌标准\t区市场监督管理局、\n区商务局\t2025年12月底\n")
    [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
    assert table.rows[1:3] == [["2", "质量检测能力提升", "建设省级检验中心", "区市场监督管理局、区科学技术局", "2026年12月底"],
                               ["2", "质量检测能力提升", "开展质量提升专项行动", "区市场监督管理局", "2026年12月底"]]


def test_a_tab_row_that_leaves_its_merged_cells_out_puts_its_cells_in_the_columns_they_fit():
    # 闽侯 (corpora/genre/heldout222/p02): a portal copy of an HTML table prints a merged cell once and leaves it out of
    # the rows it covers, so a row is short of cells: 建立…采穗圃 under the number 2 above it, sharing its 完成时限;
    # 6's 完成时限 is 5's. The cells go where their kinds fit; — is printed in 配合单位, not in the deadline column
    text = ("附件\n重点任务清单\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
            "1\t建设橄榄标准化示范基地10个\t县农业农村局\t县林业局、县水利局\t2026年12月\n"
            "2\t低产园高接换种\t县农业农村局\t各乡镇人民政府\t每年12月\n"
            "建立良种采穗圃2个\t县林业局\t—\n"
            "3\t建设产地冷链集配中心2个\t县商务局\t县供销社\t2026年6月\n"
            "4\t规范地理标志证明商标使用\t县市场监督管理局\t县农业农村局\n")
    def table_of(text: str):
        doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n" + text)
        [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
        return table

    table = table_of(text)
    assert table.rows == [
        ["1", "建设橄榄标准化示范基地10个", "县农业农村局", "县林业局、县水利局", "2026年12月"],
        ["2", "低产园高接换种", "县农业农村局", "各乡镇人民政府", "每年12月"],
        ["2", "建立良种采穗圃2个", "县林业局", "—", "每年12月"],
        ["3", "建设产地冷链集配中心2个", "县商务局", "县供销社", "2026年6月"],
        ["4", "规范地理标志证明商标使用", "县市场监督管理局", "县农业农村局", "2026年6月"],
    ]
    spans = spans_of(table)
    assert spans[(2, 0)][0] == 2 and spans[(2, 4)][0] == 2 and spans[(4, 4)][0] == 2
    # a short row opening with a number that is not the next one ends the table where it stands
    assert table_of(text.replace("4\t规范", "9\t规范")).n_rows == 5


def test_a_table_that_runs_over_a_page_break_with_its_header_printed_again_is_one_table():
    # 织金 (corpora/genre/heldout229/p01): the page's number, then the header again at the top of the next page, in a
    # table laid out by blanks (whose blank positions need the layout) and in one whose rows are all complete
    header = LAID_OUT[0]
    page_two = [["5", "建设粮食烘干中心2个", "市发展和改革局", "市农业农村局", "2025年12月底"]]
    for rows in (LAID_OUT[1:], [["1", "粮食播种面积稳定", "市农业农村局", "各镇（街道）", "2025年10月底"],
                                ["2", "建设示范片5万亩", "市农业农村局", "市财政局", "2025年10月底"],
                                ["3", "排查耕地问题图斑", "市规划和自然资源局", "市农业农村局", "2025年6月底"],
                                ["4", "新建储备仓容2万吨", "市发展和改革局", "市商务局", "2025年11月底"]]):
        text = _laid_out([header, *rows, ["— 6 —"], header, *page_two])
        table = only_table(text)
        assert table.header == header
        assert [r[0] for r in table.rows][-2:] == ["4", "5"] and table.rows[-1] == page_two[0]
        assert header not in table.rows


def test_the_lines_of_the_printing_record_after_a_one_cell_a_line_table_are_no_row_of_it():
    # 孟州 (corpora/genre/heldout237/p01): the table's last row, then 抄送：… over two lines and the 印发 line
    rows = [["1", "污水处理厂提标改造", "市住房和城乡建设局", "2025年12月底前"], ["2", "设计研发中心建设", "市科学技术局", "2026年6月底前"],
            ["3", "皮毛企业培育", "市工业和信息化局", "2026年12月底前"]]
    text = ("附件\n重点项目清单\n序号\n项目名称\n责任单位\n完成时限\n" + "".join(c + "\n" for r in rows for c in r)
            + "\n抄送：市委各部门，市人大常委会办公室，市政协办公室，\n市法院，市检察院，市人武部。\n孟州市人民政府办公室　　　2025年6月13日印发\n")
    assert only_table(text).rows == rows


def test_a_row_table_whose_cells_stand_two_blanks_apart_keeps_a_cells_single_blanks_inside_it():
    # 五大连池 (corpora/genre/heldout248/p02): 划定矿泉水 水源地保护区, 2025年 10月底 — one cell each
    text = ("附件\n重点项目表\n序号   重点任务    牵头单位  配合单位   完成时限\n"
            "1    划定矿泉水 水源地保护区  市自然资源局   市水务局、 市生态环境分局  2025年 10月底\n"
            "2  水源地采矿权 清理规范   市自然资源局  —   2025年12月底\n"
            "3   企业扩能改造  市工业信息科技局    市发展和改革局  2026年 12月底\n")
    table = only_table(text)
    # (a cell's text drops the blanks between its Chinese characters, as every cell's does)
    assert table.rows == [["1", "划定矿泉水水源地保护区", "市自然资源局", "市水务局、市生态环境分局", "2025年 10月底"],
                          ["2", "水源地采矿权清理规范", "市自然资源局", "—", "2025年12月底"],
                          ["3", "企业扩能改造", "市工业信息科技局", "市发展和改革局", "2026年 12月底"]]


def test_a_bar_rows_last_cell_broken_onto_a_line_without_bars_is_one_cell():
    # a copy whose long cells broke at the page's width (corpora/genre/heldout256/p03): the rest of the last cell on a
    # line of its own, after a list cut open (、) or before the next row; a heading between rows stays a section row
    text = ("序号|重点任务|完成时限|牵头单位|配合单位\n1|新建酿酒葡萄基地|2027年12月底|区农业农村局|区财政局、刘家沟镇人民政府、\n"
            "大辛店镇人民政府\n2|建设种苗繁育中心|2026年10月底|区葡萄酒服务中心|区葡萄与葡萄酒产\n业发展服务中心\n"
            "二、品牌建设\n3|建立质量追溯体系|2026年6月底|区市场监管局|区公安分局、\n区商务局\n")
    table = only_table(text)
    assert [r for r in table.rows if r[0].isdigit()] == [
        ["1", "新建酿酒葡萄基地", "2027年12月底", "区农业农村局", "区财政局、刘家沟镇人民政府、大辛店镇人民政府"],
        ["2", "建设种苗繁育中心", "2026年10月底", "区葡萄酒服务中心", "区葡萄与葡萄酒产业发展服务中心"],
        ["3", "建立质量追溯体系", "2026年6月底", "区市场监管局", "区公安分局、区商务局"]]
    assert [c.text for c in table.cells if c.span_rule == "section_row_full_width"] == ["二、品牌建设"]
    # 诏安 (corpora/genre/heldout272/p03): a row broken right after its last bar: the line is that empty last cell
    broken = "序号|重点任务|牵头单位|配合单位|完成时限\n1|污水处理|县生态环境局|县工信局|\n2026年6月底前\n2|建园区|县发改局|县资源局|2026年12月底前\n"
    assert only_table(broken).rows[0] == ["1", "污水处理", "县生态环境局", "县工信局", "2026年6月底前"]
    # and its last row broken inside the deadline at the text's end (…|每年 / 12月底前): the month goes on with the cell
    last = "序号|重点任务|牵头单位|配合单位|完成时限\n1|质量抽检|县市场监管局|县农业农村局|每年\n10月底前\n2|技能培训|县人社局|县农业农村局|每年\n12月底前\n"
    assert [r[-1] for r in only_table(last).rows] == ["每年10月底前", "每年12月底前"]


def test_a_one_cell_a_line_table_joins_a_list_broken_after_its_dun_and_passes_over_a_page_number_between_rows():
    # 资溪 (corpora/genre/heldout288/p03): 县文广新旅局、县商务局、 / 县财政局, then - 4 - before the next row
    rows = [["1", "面包技能培训", "县人社局", "县教体局、县商务局", "每年12月底前"],
            ["2", "面包文化节", "县融媒体中心", "县文广新旅局、县商务局、县财政局", "每年10月底前"],
            ["3", "面包特色街区", "县文广新旅局", "县住建局、县自然资源局", "2026年6月底前"]]
    cells = [c for r in rows for c in r]
    printed = "\n".join(cells).replace("县商务局、县财政局", "县商务局、\n县财政局").replace("每年10月底前\n", "每年10月底前\n- 4 -\n")
    text = "附件\n重点任务清单\n序号\n重点任务\n牵头单位\n配合单位\n完成时限\n" + printed + "\n"
    assert "\n- 4 -\n" in text and "县商务局、\n县财政局" in text
    assert only_table(text).rows == rows


def test_a_tab_tables_group_label_with_its_sub_labels_on_a_line_of_their_own_gives_each_sub_column():
    # 苍梧 (corpora/genre/heldout297/p02): 时间节点 over 2025年 and 2026—2027年, the second header line holding the two
    # sub-labels only; rows of six cells, some leaving the merged 序号 and 责任领导 out
    doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n附件\n重点任务推进表\n"
                     "序号\t重点任务\t责任单位\t责任领导\t时间节点\n2025年\t2026—2027年\n"
                     "1\t改造生态茶园\t县农业农村局、县林业局\t莫振华\t新建改造5000亩\t累计1.5万亩\n"
                     "2\t建设良种繁育基地\t县农业农村局、六堡镇人民政府\t完成选址\t建成300亩\n"
                     "3\t实施产业路建设项目\t县交通运输局、县农业农村局\t覃立新\t新建改造30公里\t累计80公里\n"
                     "改造茶园灌溉设施\t县水利局、各镇人民政府\t新增灌溉面积2000亩\t累计5000亩\n")
    [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
    assert table.n_cols == 6 and table.n_header_rows == 2
    assert table.rows == [
        ["1", "改造生态茶园", "县农业农村局、县林业局", "莫振华", "新建改造5000亩", "累计1.5万亩"],
        ["2", "建设良种繁育基地", "县农业农村局、六堡镇人民政府", "莫振华", "完成选址", "建成300亩"],
        ["3", "实施产业路建设项目", "县交通运输局、县农业农村局", "覃立新", "新建改造30公里", "累计80公里"],
        ["3", "改造茶园灌溉设施", "县水利局、各镇人民政府", "覃立新", "新增灌溉面积2000亩", "累计5000亩"]]


def test_a_tab_row_short_of_its_number_and_leader_puts_a_longer_content_cell_under_the_content_column():
    # 华安 (corpora/genre/heldout273/p02): 园区污水处理配套工程 | 建设日处理2000吨污水处理设施 | … under 4 | 茶叶精制加工园区 |
    # 副县长陈某某 |: the 责任领导 column holds persons with their posts, the 建设内容 column long labels, so the 16-character
    # content is no leader and the row covers 序号 and 责任领导
    doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n附件\n重点项目推进表\n"
                     "序号\t项目名称\t建设内容\t责任领导\t责任单位\t完成时限\t备注\n"
                     "1\t生态茶园改造提升\t三年改造提升生态茶园1.5万亩\t副县长林某某\t县农业农村局、县林业局\t2027年12月底前\t/\n"
                     "2\t茶叶精制加工园区\t建设标准厂房3万平方米\t副县长陈某某\t华安经济开发区管委会、县工业信息化和商务局\t2026年12月底前\t/\n"
                     "园区污水处理配套工程\t建设日处理2000吨污水处理设施\t漳州市华安生态环境局、华安经济开发区管委会\t2026年6月底前\t/\n"
                     "3\t茶旅融合精品线路\t打造茶旅精品线路3条\t副县长黄某某\t县文体旅游局、仙都镇人民政府\t2027年6月底前\t/\n")
    [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
    assert table.rows[2] == ["2", "园区污水处理配套工程", "建设日处理2000吨污水处理设施", "副县长陈某某",
                             "漳州市华安生态环境局、华安经济开发区管委会", "2026年6月底前", "/"]


def test_a_bare_category_line_over_a_bar_tables_next_row_is_a_row_spanning_the_table_and_a_cells_rest_is_not():
    # 赞皇 (corpora/genre/heldout322/p01): 产业项目 right under the header and 基础设施及社会事业项目 between rows, no bars;
    # 海曙 (heldout264/p03): …|区市场监 / 督管理局 before the next row is the rest of the row's last cell
    text = ("附件\n重点项目清单\n序号|项目名称|牵头单位|完成时限|配合单位\n产业项目\n1|建材产业园|县工业和信息化局|2025年12月底|县商务局\n"
            "2|大枣加工园|县农业农村局|2026年6月底|县市场监\n督管理局\n基础设施及社会事业项目\n"
            "3|农村公路提升|县交通运输局|2025年11月底|各乡镇人民政府\n")
    table = only_table(text)
    assert [r[0] for r in table.rows] == ["产业项目", "1", "2", "基础设施及社会事业项目", "3"]
    assert [c.text for c in table.cells if c.span_rule == "section_row_full_width"] == ["产业项目", "基础设施及社会事业项目"]
    assert table.rows[2] == ["2", "大枣加工园", "县农业农村局", "2026年6月底", "县市场监督管理局"]


def test_a_task_table_left_in_its_html_markup_is_read_with_its_merged_cells_filled():
    # 沙河 (corpora/genre/heldout320/p03): <table> / <tr><td>…</td></tr> a row a line, a category row over the whole
    # table (colspan), a 牵头单位 merged over two rows (rowspan) and left out of the second row
    text = ("附件\n重点任务分工表\n<table>\n<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>\n"
            "<tr><td colspan=\"5\">一、延链补链</td></tr>\n"
            "<tr><td>1</td><td>深加工项目建设</td><td rowspan=\"2\">市工业和信息化局</td><td>沙河经济开发区管委会</td><td>2025年12月底前</td></tr>\n"
            "<tr><td>2</td><td>装备本地化配套</td><td>市科学技术局</td><td>2025年10月底前</td></tr>\n"
            "<tr><td>3</td><td>原料基地建设</td><td>市自然资源和规划局</td><td>市发展和改革局</td><td>2025年9月底前</td></tr>\n</table>\n")
    table = only_table(text)
    assert table.header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows == [["一、延链补链"] * 5,
                          ["1", "深加工项目建设", "市工业和信息化局", "沙河经济开发区管委会", "2025年12月底前"],
                          ["2", "装备本地化配套", "市工业和信息化局", "市科学技术局", "2025年10月底前"],
                          ["3", "原料基地建设", "市自然资源和规划局", "市发展和改革局", "2025年9月底前"]]
    cell = next(c for c in table.cells if c.text == "市科学技术局")
    assert text[cell.span.start : cell.span.end] == "市科学技术局"  # spans index the text as given


def test_a_tab_row_whose_cell_holds_a_line_break_goes_on_with_the_line_below():
    # 寻乌 (corpora/genre/heldout280/p03): 3\t…\t县财政局、县农业农村局、 / 各乡（镇）人民政府\t2026年12月底前
    doc = parse_text("关于某工作的方案\n一、重点任务\n做好工作。\n附件\n重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
                     "1\t优化种植布局\t县果业发展中心\t县农业农村局、县自然资源局\t2025年12月底前\n"
                     "2\t建设示范基地\t县果业发展中心\t县财政局、县农业农村局、\n各乡（镇）人民政府\t2026年12月底前\n"
                     "3\t开展绿色防控\t县农业农村局\t县果业发展中心\t持续推进\n")
    [table] = [t for d in doc.walk() for ax in d.annexes for t in ax.tables]
    assert table.rows[1] == ["2", "建设示范基地", "县果业发展中心", "县财政局、县农业农村局、各乡（镇）人民政府", "2026年12月底前"]
    assert len(table.rows) == 3


def test_a_laid_out_cell_that_fills_its_column_is_one_full_width_blank_from_the_next():
    # 怀仁 (corpora/genre/heldout341/p01): columns padded with full-width blanks, so a cell as wide as its column stands
    # one blank from the next column's cell (陶瓷园区天然气管网　市能源局), which starts at that column's first character
    text = ("附件\n某市重点项目推进表\n\n"
            "序号　　项目名称　　　　　　牵头单位　　　　　　　　　　　配合单位　　　　　　　　　　　完成时限\n"
            "1　　　窑炉节能改造工程　　市工业和信息化局　　　　　　　市能源局、　　　　　　　　　　2026年6月底\n"
            "　　　　　　　　　　　　　　　　　　　　　　　　　　　　　朔州市生态环境局怀仁分局　　　前\n"
            "2　　　陶瓷园区天然气管网　市能源局　　　　　　　　　　　市住房和城乡建设局　　　　　　2025年10月\n"
            "　　　　延伸工程　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　　底前\n")
    from policyparse.normalize import fold

    assert only_table(fold(text)).rows == [  # the parse reads the folded text: each full-width blank one blank
        ["1", "窑炉节能改造工程", "市工业和信息化局", "市能源局、朔州市生态环境局怀仁分局", "2026年6月底前"],
        ["2", "陶瓷园区天然气管网延伸工程", "市能源局", "市住房和城乡建设局", "2025年10月底前"]]
