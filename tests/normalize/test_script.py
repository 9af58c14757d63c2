"""Traditional-character copies of documents are read through their simplified form, one character for one."""

from __future__ import annotations

from policyparse import parse_text
from policyparse.normalize.script import to_simplified

TRADITIONAL = """懷化市人民政府辦公室關於印發《懷化市2023年經濟增長行動方案》的通知
懷政辦發〔2023〕9號
各縣市區人民政府，市直機關各單位，中央、省在懷各單位：
現將《懷化市2023年經濟增長行動方案》印發給你們，請認真組織實施。
懷化市人民政府辦公室
2023年3月10日
"""


def test_a_traditional_text_becomes_simplified_with_its_length_kept():
    out, changed = to_simplified(TRADITIONAL)
    assert len(out) == len(TRADITIONAL) and changed > 20
    assert out.splitlines()[1] == "怀政办发〔2023〕9号"


def test_a_simplified_text_is_left_as_it_is_even_where_t2s_would_read_an_old_form():
    # 坏 is also an old form of 坯 in traditional texts: a simplified law about 破坏 keeps it
    text = "最高人民法院关于审理破坏土地资源刑事案件具体应用法律若干问题的解释\n第一条 违反土地管理法规，非法占用耕地，造成耕地大量毁坏的。\n"
    assert to_simplified(text) == (text, 0)


def test_a_traditional_notice_is_parsed_with_simplified_values_and_a_warning():
    doc = parse_text(TRADITIONAL)
    assert doc.title == "怀化市人民政府办公室关于印发《怀化市2023年经济增长行动方案》的通知"
    assert doc.doc_number is not None and doc.doc_number.normalized == "怀政办发〔2023〕9号"
    assert [o.name for o in doc.recipients][:2] == ["各县市区人民政府", "市直机关各单位"]
    assert doc.date == "2023-03-10"
    assert any("traditional characters" in w for w in doc.warnings)
    span = doc.doc_number.span
    assert doc.text[span.start : span.end] == "懷政辦發〔2023〕9號"  # the evidence is the text as printed


def test_pinyin_glosses_a_copying_site_wrote_after_characters_are_blanked():
    from policyparse.normalize import fold
    from policyparse.normalize.script import blank_pinyin

    out, n = blank_pinyin(fold("沪府发(fā)〔2017〕92号 关(guān)于 (PPP)模式"))
    assert n == 2 and out == fold("沪府发    〔2017〕92号 关      于 (PPP)模式")  # a bracket of Latin letters stays
    doc = parse_text("上海市人民政府关于加强政务诚信建设的通知\n沪府发(fā)〔2017〕92号\n各区人民政府：\n现将有关事项通知如下。\n上海市人民政府\n2017年12月20日\n")
    assert doc.doc_number is not None and doc.doc_number.normalized == "沪府发〔2017〕92号"
