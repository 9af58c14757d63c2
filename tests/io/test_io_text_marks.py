"""A copy's marks around a plain text's words (io/marks.py): line numbers, Markdown, a table saved as CSV.

Each is taken out line for line, every line keeping its length, and said in a warning; a text without them is
read as it is (examples from corpora/genre/heldout336).
"""

from __future__ import annotations

from policyparse.io.marks import unmark
from policyparse.io.text import read_text
from policyparse.pipeline import parse_text

NOTICE = ["青县人民政府办公室", "关于印发某工作要点的通知", "各乡镇人民政府：", "现将《某工作要点》印发给你们，请认真贯彻落实。",
          "青县人民政府办公室", "2026年2月26日"]


def _lengths(text: str) -> list[int]:
    return [len(line) for line in text.split("\n")]


def test_a_number_before_every_line_is_read_as_blanks():
    text = "\n".join(f"{k:03d} {line}" for k, line in enumerate(NOTICE, start=1))
    out, warnings = unmark(text)
    assert [line.strip() for line in out.split("\n")] == NOTICE
    assert _lengths(out) == _lengths(text) and warnings == ["every line began with its number (001 …): the numbers were read as blanks"]
    doc = parse_text(text)
    assert doc.title == "青县人民政府办公室关于印发某工作要点的通知" and [r.name for r in doc.recipients] == ["各乡镇人民政府"]


def test_a_tables_serial_numbers_are_no_line_numbers():
    # a tab table's rows open with their serials, 1 2 3, and the lines around them do not: nothing is taken out
    text = "\n".join(NOTICE + ["附件", "序号\t重点任务\t责任单位", "1\t建设平台\t县商务局", "2\t培育主体\t县农业农村局"])
    assert unmark(text) == (text, [])


def test_markdown_marks_are_read_as_blanks_and_bold_marks_move_to_the_lines_end():
    text = ("# 某县行动计划\n## 一、重点任务\n（一）建设基地。由**县农业农村局**牵头，县财政局配合。\n## 附件\n"
            "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 建设基地 | 县农业农村局 |\n")
    out, warnings = unmark(text)
    assert out.split("\n")[:4] == ["  某县行动计划", "   一、重点任务", "（一）建设基地。由县农业农村局牵头，县财政局配合。    ", "   附件"]
    assert out.split("\n")[5].strip() == "" and _lengths(out) == _lengths(text) and len(warnings) == 1
    doc = parse_text("某县人民政府办公室关于印发某县行动计划的通知\n各乡镇：\n现印发给你们。\n" + text)
    [task] = [t for d in doc.walk() for t in d.tasks if t.form == "running_text"]
    assert task.lead_units == ["县农业农村局"]


def test_a_single_hash_heading_is_no_markdown_text():
    # one line opening with # (a list item, a tag) says nothing about the text
    text = "\n".join(NOTICE + ["#重点任务 县商务局"])
    assert unmark(text) == (text, [])


def test_a_table_saved_as_csv_is_read_as_bar_rows_of_the_same_length():
    rows = ["序号,重点任务,牵头单位,配合单位,完成时限", "1,5G网络全覆盖,县工业和信息化局,尚村镇人民政府,2025年12月底",
            '2,"建设直播电商基地,培育本土主播500名",县商务局,"尚村镇人民政府、县市场监督管理局",2026年6月底',
            "3,跨境电商海外仓,县商务局,县市场监督管理局,2026年12月底"]
    text = "\n".join(NOTICE + ["附件", "重点任务分工表"] + rows)
    out, warnings = unmark(text)
    assert out.split("\n")[-2] == "2| 建设直播电商基地,培育本土主播500名 |县商务局| 尚村镇人民政府、县市场监督管理局 |2026年6月底"
    assert _lengths(out) == _lengths(text) and warnings == ["4 lines of a table saved as comma-separated values were read as its rows"]
    tables = [t for d in parse_text(text).walk() for a in d.annexes for t in a.tables]
    assert [r[2] for r in tables[0].rows] == ["县工业和信息化局", "县商务局", "县商务局"]


def test_prose_with_half_width_commas_is_no_csv_table():
    # a copy whose punctuation went half-width: commas in every sentence, but no 序号 line opens a run of like rows
    text = "一、总体要求\n坚持市场主导,政府引导,推动产业升级。\n到2026年,产值达到10亿元,带动就业5000人。\n二、重点任务\n"
    assert unmark(text) == (text, [])


def test_the_reader_warns_of_what_it_took_out():
    src = read_text("\n".join(f"{k:03d} {line}" for k, line in enumerate(NOTICE, start=1)).encode())
    assert any("numbers were read as blanks" in w for w in src.warnings)


def test_a_text_whose_every_line_is_letter_spaced_is_read_without_the_blanks():
    # 繁峙 (corpora/genre/heldout344/p02): 繁 峙 县 人 民 政 府 / 关 于 印 发 … 的 通 知, as a justified PDF line comes out
    text = "\n".join(" ".join(line) for line in NOTICE)
    out, warnings = unmark(text)
    assert [line.rstrip() for line in out.split("\n")] == NOTICE and _lengths(out) == _lengths(text) and len(warnings) == 1
    assert parse_text(text).title == "青县人民政府办公室关于印发某工作要点的通知"


def test_one_letter_spaced_title_in_a_text_is_left_to_the_title_reader():
    text = "\n".join(["国 家 粮 食 应 急 预 案"] + NOTICE[2:])
    assert unmark(text) == (text, [])
