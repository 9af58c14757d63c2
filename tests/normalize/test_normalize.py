"""Normalization: width folding keeps length; values lose padding; numerals, dates and document numbers."""

from __future__ import annotations

import pytest

from policyparse.normalize import cn_to_int, find_doc_numbers, fold, parse_date, parse_doc_number, squeeze


def test_fold_is_length_preserving_and_maps_half_width_punctuation_to_full_width():
    s = "(省工业和信息化厅,省发展改革委负责:1,000项;12:30)"
    out = fold(s)
    assert len(out) == len(s)
    assert out == "（省工业和信息化厅，省发展改革委负责：1,000项；12:30）"


@pytest.mark.parametrize("text, folded", [
    ("项目开工.(市商务局)", "项目开工。（市商务局）"), ("加大金融支持.市财政局要", "加大金融支持。市财政局要"), ("完成。”.", "完成。”。"),
    ("1.支持整车企业", "1.支持整车企业"), ("增长3.5%", "增长3.5%"), ("见附件.docx", "见附件.docx"), ("U.S.市场", "U.S.市场"),
])
def test_fold_turns_a_half_width_full_stop_that_ends_a_chinese_sentence_into_a_full_width_one(text, folded):
    assert fold(text) == folded and len(fold(text)) == len(text)


def test_fold_turns_full_width_digits_and_ideographic_space_into_ascii():
    assert fold("２０２１年\u3000８月") == "2021年 8月"


@pytest.mark.parametrize("text", [
    "第一条\u3000为了规范（２０２１）年度工作(试行),制定本办法:\n" * 200,  # long CJK text: a few runs of foldable characters
    "(a),(b):２０２１;?!" * 200,  # long text that is mostly foldable characters
    "(短),２",  # short text
])
def test_fold_maps_every_character_of_long_and_short_text_by_the_width_table(text):
    from policyparse.normalize.chars import _TABLE_ALL

    assert fold(text) == "".join(_TABLE_ALL.get(ord(ch), ch) for ch in text)  # no digit separators here


@pytest.mark.parametrize("raw,clean", [("陈 飞", "陈飞"), ("产 业", "产业"), ("世界级\u3000产业集群", "世界级产业集群"), ("5G 应用", "5G 应用")])
def test_squeeze_removes_padding_between_cjk_characters_only(raw, clean):
    assert squeeze(raw) == clean


@pytest.mark.parametrize("s,n", [("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("一百零五", 105), ("二〇二一", 2021), ("两千", 2000), ("12", 12)])
def test_cn_to_int_reads_chinese_numerals(s, n):
    assert cn_to_int(s) == n


@pytest.mark.parametrize("s,iso", [("2021年8月17日", "2021-08-17"), ("一九九六年七月十七日", "1996-07-17"),
                                    ("二〇二三年十二月一日", "2023-12-01"), ("2021-8-7", "2021-08-07")])
def test_parse_date_gives_iso_8601(s, iso):
    assert parse_date(s) == iso


def test_parse_date_refuses_impossible_dates():
    assert parse_date("2021年13月1日") is None and parse_date("2021年2月30日") is None


@pytest.mark.parametrize("raw", ["湘办发〔2020〕7号", "湘办发[2020]7号", "湘办发［2020］7号", "湘办发(2020)7号", "湘办发【2020】7号", "湘办发 〔2020〕 7 号"])
def test_doc_numbers_parse_the_same_whatever_the_brackets(raw):
    dn = parse_doc_number(raw)
    assert (dn.issuer_code, dn.year, dn.serial, dn.normalized) == ("湘办发", 2020, 7, "湘办发〔2020〕7号")


def test_order_numbers_have_no_year():
    dn = parse_doc_number("国务院令第707号")
    assert (dn.issuer_code, dn.year, dn.serial) == ("国务院令", None, 707)


def test_running_text_before_a_number_is_not_part_of_its_code():
    assert parse_doc_number("经市政府同意印发的穗府办规〔2019〕13号").issuer_code == "穗府办规"
    assert parse_doc_number("中华人民共和国国务院令第337号").issuer_code == "中华人民共和国国务院令"


def test_a_mangled_number_is_not_a_number():
    assert parse_doc_number("湘政发〔20231") is None


def test_the_day_of_a_date_before_an_order_number_is_no_part_of_its_code():
    got = [d.normalized for d in find_doc_numbers("1997年6月28日江西省人民政府令第55号公布；日照市人民政府令第3号")]
    assert got == ["江西省人民政府令第55号", "日照市人民政府令第3号"]


def test_a_header_line_of_a_number_without_its_organs_code_is_a_number_and_nothing_else_is():
    from policyparse.normalize import bare_doc_number

    dn = bare_doc_number("〔2025〕7号", 40)
    assert (dn.normalized, dn.issuer_code, dn.year, dn.serial, dn.span.start, dn.span.end) == ("〔2025〕7号", "", 2025, 7, 40, 48)
    assert bare_doc_number("[2025]第12号").serial == 12
    # a code before it, words around it, or a year that is none: not this reader's
    assert [bare_doc_number(s) for s in ("清府纪〔2025〕7号", "〔2025〕7号文件", "〔12〕7号")] == [None, None, None]


def test_kangxi_radicals_and_compatibility_ideographs_fold_to_the_common_ideographs_one_for_one():
    # 静乐 (corpora/genre/heldout344/p01): a PDF's text layer printing ⼀、 ⼯业和信息化局 ⼈ ⽂ 年 理
    src = "⼀、县⼯业和信息化局牵头，县⼈⼒资源和社会保障局配合（年理）"
    assert fold(src) == "一、县工业和信息化局牵头，县人力资源和社会保障局配合（年理）" and len(fold(src)) == len(src)
