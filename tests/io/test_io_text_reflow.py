"""Plain text broken at a fixed width (a copy out of a PDF): the reader joins each paragraph's lines again,
names the file's lines in each block's locator, and warns; text of one line per paragraph is left as it is.

The hard-wrapped notices are ``corpora/genre/heldout151`` (written for the project, lines of 30 characters,
page-number lines between pages) and ``corpora/roles/heldout42`` (a real district work paper as a document
site stores it, lines of about 33 characters).
"""

from __future__ import annotations

import pytest

from policyparse import parse, parse_text
from policyparse.io import read
from policyparse.io.reflow import reflow, wrap_width

from conftest import CORPORA

WRAPPED = sorted((CORPORA / "genre" / "heldout151").glob("p0*.txt"))


def _wrap(text: str, n: int) -> str:
    return "\n".join(text[k : k + n] for k in range(0, len(text), n))


BODY = ("　　（一）推进绿色转型。支持钢铁企业实施超低排放改造，推动短流程炼钢发展，到2027年完成改造项目10个。"
        "（市发展改革委、市工业和信息化局、市生态环境局）"
        "　　（二）建设智能工厂。支持企业建设5G全连接工厂和工业互联网平台，到2027年建成智能工厂3家、数字化车间10个。"
        "（市数据局、市住房和城乡建设局）"
        "　　（三）强化金融支持。引导金融机构用好碳减排支持工具，扩大绿色信贷规模，支持企业发行绿色债券。"
        "（市委金融办、中国人民银行安阳市分行）")


def test_a_text_broken_every_thirty_characters_is_read_with_its_paragraphs_joined():
    source = read(WRAPPED[0])
    assert any("were joined" in w for w in source.warnings)
    assert all("\n" not in b.text for b in source.blocks)
    # every value the gold names reads whole: units broken over two lines of the file are one name again
    doc = parse(WRAPPED[0])
    names = {u.name for d in doc.walk() for t in d.tasks for u in t.units}
    assert {"市工业和信息化局", "市发展改革委", "市生态环境局"} <= names
    assert all(len(t.units) > 0 for d in doc.walk() for t in d.tasks)


def test_each_joined_block_names_the_lines_of_the_file_it_joins():
    source = read(WRAPPED[0])
    lines = WRAPPED[0].read_text(encoding="utf-8").split("\n")
    joined = [b for b in source.blocks if (b.locator or "").startswith("lines ")]
    assert joined
    for b in joined:
        first, last = (int(x) for x in b.locator.removeprefix("lines ").split("-"))
        pieces = [ln.strip() for ln in lines[first - 1 : last] if ln.strip() and not ln.strip().startswith("—")]  # page numbers
        assert "".join(pieces) == b.text.strip()


@pytest.mark.parametrize("page", ["—2—", "- 2 -", "第2页", "第 2 页 共 5 页"])  # the PDF reader's page furniture
def test_a_page_number_is_left_out_and_its_paragraph_reads_on_across_the_page_break(page):
    text = _wrap("关于推进某项工作的通知\n" + BODY.replace("\n", ""), 30)
    lines = text.split("\n")
    lines.insert(3, page)  # the page turns inside the first paragraph
    got = reflow("\n".join(lines))
    assert got is not None and got.width == 60
    texts = [p.text for p in got.paragraphs]
    assert page not in texts and got.page_numbers == 1  # page furniture, as the PDF reader treats it; counted
    assert any("市发展改革委、市工业和信息化局" in t for t in texts)  # the paragraph read on across the page break


def test_a_unit_list_broken_over_two_lines_is_one_assignment():
    doc = parse_text("一、重点任务\n" + _wrap(BODY, 30) + "\n")
    got = [[u.name for u in t.units] for t in doc.tasks]
    assert got == [["市发展改革委", "市工业和信息化局", "市生态环境局"], ["市数据局", "市住房和城乡建设局"],
                   ["市委金融办", "中国人民银行安阳市分行"]]


def test_text_of_one_line_per_paragraph_is_left_as_it_is():
    seed = CORPORA / "seed"
    for path in sorted(seed.glob("*.txt")):
        source = read(path)
        assert not any("were joined" in w for w in source.warnings), path
        assert source.text == path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
    # long paragraphs of like length (articles of a law) are no wrap width: a page holds at most 50 characters a line
    articles = "\n".join(f"第{n}条 " + "县级以上地方人民政府应当依法履行职责，" * 8 for n in "一二三四五六七八九十")
    assert wrap_width(articles.split("\n")) is None
    # nor are articles of like length at a page's width, each ending its sentence (tests/diff's statutes)
    short = "某某管理条例\n" + "".join(f"第{n}条 有关部门应当依照本条例对第{n}类事项履行监督职责。\n" for n in "一二三四五六七八九十")
    assert reflow(short) is None


def test_table_lines_and_blank_lines_are_never_joined():
    rows = "\n".join("序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 | 备注说明文字" + "。" * 10 for _ in range(3))
    text = _wrap(BODY, 30) + "\n\n" + rows + "\n"
    got = reflow(text)
    assert got is not None
    assert [p.text for p in got.paragraphs if "|" in p.text] == rows.split("\n")
    assert "" in [p.text for p in got.paragraphs]  # the blank line stays a paragraph break


# the header and close of a notice copied out of a PDF at 24 characters a line (corpora/genre/heldout160 has three)
HEADER = ("某某市人民政府办公室\n某政办发〔2025〕9号\n"
          "某某市人民政府办公室关于印发某某市茶产业提\n质增效实施方案的通知\n"  # a title over two lines, ending at its kind
          "各乡镇人民政府，市政府各部门：\n")
CLOSE = ("附件：2025年农业产业化重点项目任务分工表\n"  # fills its line, then the signature over its date
         "某某市人民政府\n2025年7月3日\n")
IMPRINT = ("抄送：市委办公室，市人大常委会办公室，市政协办公\n室。\n"
           "某某市人民政府办公室　　　　　　2025年6月10日印发\n")


def test_the_recipients_under_a_title_that_ends_at_its_kind_are_a_line_of_their_own():
    got = reflow(HEADER + _wrap(BODY, 24) + "\n")
    assert got is not None
    texts = [p.text for p in got.paragraphs]
    assert "质增效实施方案的通知" in texts and "各乡镇人民政府，市政府各部门：" in texts
    doc = parse_text(HEADER + _wrap(BODY, 24) + "\n")
    assert [r.name for r in doc.recipients] == ["各乡镇人民政府", "市政府各部门"]


def test_a_signature_over_its_date_and_a_line_laid_out_in_parts_are_lines_of_their_own():
    got = reflow(_wrap(BODY, 24) + "\n" + CLOSE + IMPRINT)
    assert got is not None
    texts = [p.text for p in got.paragraphs]
    assert "附件：2025年农业产业化重点项目任务分工表" in texts and "某某市人民政府" in texts
    assert "抄送：市委办公室，市人大常委会办公室，市政协办公室。" in texts  # the 抄送 line itself reads on
    assert "某某市人民政府办公室　　　　　　2025年6月10日印发" in texts


def test_a_number_broken_at_the_line_end_reads_whole():
    text = _wrap("　　（一）扩大龙头企业规模。对新建或技改投资500万元以上的龙头企业，按设备投资额的10%给予补助。"
                 "（市农业农村局、市财政局）" + BODY, 24)
    assert "投资50\n0万元" in text  # the wrap breaks the number
    got = reflow(text)
    assert got is not None and "投资500万元以上" in got.paragraphs[0].text


def test_a_table_row_with_one_blank_between_its_chinese_cells_is_never_joined():
    rows = ["序号 项目名称 牵头单位 配合单位 完成时限",
            "1 柑橘精深加工扩能项目 市农业农村局 市经信局、市财政局 2025年12月",
            "2 生猪屠宰冷链配送中心 市商务局 市交通运输局 2026年6月"]
    got = reflow(_wrap(BODY, 24) + "\n" + "\n".join(rows) + "\n")
    assert got is not None  # rows wider than the wrap do not hide it
    assert [p.text for p in got.paragraphs if p.text.startswith(("序号", "1 ", "2 "))] == rows


def test_a_copy_of_mostly_short_field_lines_is_read_as_wrapped_by_its_long_lines():
    # 慈溪 (corpora/genre/heldout166/p02): most lines are 责任单位：… and 完成时限：… fields and headings, short by nature;
    # of the lines longer than half the width, most are full
    item = ("　　（{n}）推进第{n}项重点工作。加快建设智能制造示范工厂，推动企业开展数字化改造，"
            "提升产业链供应链现代化水平，培育一批专精特新企业。\n")
    fields = "　　责任单位：市经信局、市科技局\n　　完成时限：2026年12月底前\n"
    text = "二、主要任务\n" + "".join(_wrap(item.format(n=n), 31) + "\n" + fields for n in "一二三四五六七八")
    assert wrap_width(text.split("\n")) == 62
    got = reflow(text)
    assert got is not None and "　　责任单位：市经信局、市科技局" in [p.text for p in got.paragraphs]


def test_paragraphs_of_one_line_each_that_close_on_a_bracket_are_not_a_wrap():
    # 金乡 (corpora/genre/heldout143/p03): lines of every length, several near one width, each closing its parenthetical
    lines = [f"（{n}）推进第{n}项工作。建设示范基地{k}个，推广数字化种植。（县农业农村局牵头，县气象局配合）"
             for n, k in zip("一二三四五六七八", (5, 12, 3, 20, 8, 15, 6, 30), strict=True)]
    lines += ["三、保障措施", "（一）加强组织领导。", "（二）抓好督导落实。各镇（街道）要于每月5日前报送进展。"]
    assert reflow("\n".join(lines)) is None


def test_annexes_pasted_unbroken_after_a_notice_copied_out_of_a_pdf_keep_their_lines():
    # 溧阳 (corpora/genre/heldout170/p01): the notice and its plan broken at 20 characters, 附件1's duty lines and 附件2's
    # bar table as the seed prints them; 附件1's lines, wider than the wrap, make that annex one of another layout
    duties = ("附件1\n有关单位责任分工\n市工业和信息化局：牵头推进龙头企业培育和配套企业招引工作；参与充换电设施规划建设。\n"
              "市发展和改革局：负责充换电基础设施规划建设；参与重大项目用地和能耗指标统筹工作。\n")
    table = "附件2\n某某分工表\n序号 |\n重点任务 |\n牵头单位 |\n1 |\n建设智能工厂 |\n市工业和信息化局 |\n2 |\n建设数字车间 |\n市科技局 |\n"
    got = reflow(_wrap(BODY, 20) + "\n" + duties + table)
    assert got is not None and got.width == 40
    texts = [p.text for p in got.paragraphs]
    assert all(line in texts for line in duties.splitlines())  # every duty line stays its own, the label too
    assert "2 |" in texts and "1 |" in texts  # a bar table's serial cell is no page number
    assert any("市发展改革委、市工业和信息化局" in t for t in texts)  # the notice's lines are joined


def test_a_page_break_with_blank_lines_around_its_number_does_not_end_the_paragraph():
    # 东台 (corpora/genre/heldout182/p01): …（市文化广电和旅游局牵头，市住房和城乡建 / (blank) / —2— / (blank) / 设局…配合）
    lines = _wrap("关于推进某项工作的通知\n" + BODY.replace("\n", ""), 30).split("\n")
    lines[3:3] = ["", "—2—", ""]
    got = reflow("\n".join(lines))
    assert got is not None and got.page_numbers == 1
    assert any("市发展改革委、市工业和信息化局" in p.text for p in got.paragraphs)
    # blank lines with no page number between them still part paragraphs
    assert "" in [p.text for p in reflow(_wrap(BODY, 30) + "\n\n" + _wrap(BODY, 30) + "\n").paragraphs]


def test_a_header_printed_again_at_the_top_of_every_page_is_left_out_with_the_page_numbers():
    # 彭州 (corpora/genre/heldout197/p02): 彭州市人民政府办公室文件 over page 1 and again under each page number
    head = "某市人民政府办公室文件"
    lines = [head, "", "某府办发〔2025〕14号", ""] + _wrap(BODY, 30).split("\n")
    lines[8:8] = ["- 1 -", head]
    lines[14:14] = ["- 2 -", head]
    got = reflow("\n".join(lines))
    assert got is not None and (got.page_numbers, got.running_heads) == (2, 2)
    texts = [p.text for p in got.paragraphs]
    assert texts[0] == head and texts.count(head) == 1  # the first page's own 版头 stays
    assert any("市发展改革委、市工业和信息化局、市生态环境局" in t for t in texts)


def test_lines_run_past_the_width_to_keep_a_name_whole_and_a_right_aligned_date_ends_its_block():
    # 东兴 / 彭州 (corpora/genre/heldout197): a copier that breaks no unit's name runs a line on by a few columns (after
    # 、 by more); the signature's date, right-aligned with blanks, is no full line even where the page turns under it
    folder = CORPORA / "genre" / "heldout197"
    dongxing = reflow((folder / "p01_dongxing_bianmin_hushi_luodi_jiagong_ruogan_cuoshi.txt").read_text(encoding="utf-8"))
    assert dongxing is not None and dongxing.width == 66
    assert any("（责任单位：市商务和口岸管理局、东兴边境经济合作区管委会、市财政局，列第一位的为牵头单位，以下同）" in p.text
               for p in dongxing.paragraphs)
    pengzhou = reflow((folder / "p02_pengzhou_shucai_tizhi_zengxiao_xingdong_jihua.txt").read_text(encoding="utf-8"))
    assert pengzhou is not None
    texts = [p.text.strip() for p in pengzhou.paragraphs]
    assert "2025年4月8日" in texts and "彭州市蔬菜产业提质增效行动计划" in texts
    assert any(t.endswith("（市农业农村局、市人力资源和社会保障局）") for t in texts)


def test_a_heading_after_a_line_that_closes_a_tasks_parenthetical_starts_a_paragraph():
    # 潜山 (corpora/genre/heldout190/p03): …余井镇人民政府） / 三、推进数字赋能和品牌建设, the bracket closing a full line
    unit = "（市市场监督管理局、源潭镇人民政府、余井镇人民政府）"
    task = "（四）推进质量提升。开展刷具产品质量提升专项行动，组织对出口刷具企业开展质量帮扶，培育标杆企业"
    task += "，提升产品合格率" * 10
    task = task[: 30 * 3 - len(unit)] + unit  # the parenthetical ends the third line, a full one
    lines = _wrap(BODY, 30).split("\n") + _wrap(task, 30).split("\n") + ["三、推进数字赋能和品牌建设", "（一）发展电子商务"]
    assert len(lines[-3]) == 30 and lines[-3].endswith("）")
    got = reflow("\n".join(lines))
    assert got is not None and "三、推进数字赋能和品牌建设" in [p.text for p in got.paragraphs]


def test_a_line_stopping_inside_a_list_or_a_bracket_goes_on_and_the_recipients_line_ends_its_block():
    # 肥西 / 肥东 (corpora/genre/heldout203): a copier that keeps each name whole breaks short of the width after 、 or
    # inside a parenthetical (…中心。（县商务局、 / 县交通运输局、花岗镇）, …业态。（县商务局会同 / 县住房城乡建设局…）); the
    # recipients line closing on its colon ends there, the body below it
    lines = ["各乡镇人民政府，各开发区管委会，县政府各部门、各直属机构：", "《某某实施方案》已经县政府第47次常务会议研究同意，现印",
             "发给你们，请认真贯彻落实。", ""] + _wrap(BODY, 30).split("\n") + [
             "1.建设肥西苗木花卉交易市场，完善展示交易、电子结算、物流配", "送等功能，打造长三角区域性苗木集散中心。（县商务局、",
             "县交通运输局、花岗镇）", "2.发展一刻钟便民生活圈，新建便民生活圈3个，补齐社区菜市", "场、便利店、早餐店等基本保障类业态。（县商务局会同",
             "县住房城乡建设局、店埠镇）"]
    got = reflow("\n".join(lines))
    assert got is not None
    texts = [p.text for p in got.paragraphs]
    assert texts[0] == lines[0]
    assert any(t.endswith("苗木集散中心。（县商务局、县交通运输局、花岗镇）") for t in texts)
    assert any(t.endswith("（县商务局会同县住房城乡建设局、店埠镇）") for t in texts)


def test_a_date_padded_right_with_full_width_blanks_to_the_full_width_ends_its_block():
    # 习水 (corpora/genre/heldout229/p02): 　×17 + 2025年9月22日 fills the line; the next page's title is a line of its own
    lines = _wrap(BODY, 30).split("\n") + ["", "　" * 17 + "习水县人民政府", "　" * 17 + "2025年9月22日", "", "-1-", "",
                                            "习水县酱香白酒产业集群发展三年行动计划", "（2025—2027年）"]
    got = reflow("\n".join(lines))
    assert got is not None
    assert "习水县酱香白酒产业集群发展三年行动计划" in [p.text for p in got.paragraphs]
    assert "2025年9月22日" in [p.text.strip() for p in got.paragraphs]


def test_a_double_spaced_copy_joins_its_lines_across_the_one_blank_line_between_them():
    # 阿尔山 (corpora/genre/heldout234/p01): a blank line after every line; the width alone ends a paragraph, so a
    # parenthetical broken over two lines is one assignment and a line opening 一、 inside a sentence is no heading
    lines = _wrap(BODY.replace("　", "") * 3, 30).split("\n") + ["二、保障措施"] + _wrap("加强组织领导。" * 8, 30).split("\n")
    assert len(lines) >= 20
    got = reflow("\n\n".join(lines))
    assert got is not None
    texts = [p.text for p in got.paragraphs if p.text]
    assert "（市发展改革委、市工业和信息化局、市生态环境局）" in texts[0] and "二、保障措施" in texts
    doc = parse_text("关于某工作的方案\n\n一、重点任务\n\n" + "\n\n".join(lines))
    assert [[u.name for u in t.units] for t in doc.tasks][:2] == [["市发展改革委", "市工业和信息化局", "市生态环境局"],
                                                                 ["市数据局", "市住房和城乡建设局"]]
    # the same lines single-spaced read the same; a text with blank lines between its paragraphs only is no such copy
    assert [p.text for p in reflow("\n".join(lines)).paragraphs] == texts


def test_a_line_broken_short_after_a_word_that_opens_what_follows_goes_on_and_a_broken_parts_heading_is_joined():
    # 项城 / 攸县 (corpora/genre/heldout237/p03, heldout214/p03): …市自然资源和规划局要会同 / 市发展和改革委员会将…;
    # 舞钢 (heldout237/p02): 三、实施绿色低碳改造和智能化 / 升级行动 / （一）…
    rest = "市发展和改革委员会将预制菜重点项目纳入全市年度用地计划，优先保障项目落地。"
    lines = _wrap(BODY, 30).split("\n") + ["（三）强化用地保障。市自然资源和规划局要会同", *_wrap(rest, 30).split("\n"),
                                            "三、实施绿色低碳改造和智能化", "升级行动", "（一）推进超低排放改造。"]
    got = reflow("\n".join(lines))
    assert got is not None
    texts = [p.text for p in got.paragraphs]
    assert "（三）强化用地保障。市自然资源和规划局要会同" + rest in texts
    assert "三、实施绿色低碳改造和智能化升级行动" in texts and "（一）推进超低排放改造。" in texts
    # a heading whose next line is the part's text, not its tail before an item, stays a line of its own
    plain = reflow("\n".join(_wrap(BODY, 30).split("\n") + ["三、保障措施", "加强组织", "领导。"]))
    assert plain is not None and "三、保障措施" in [p.text for p in plain.paragraphs]


def test_a_field_line_that_fills_the_width_closes_its_item_before_the_next_numbered_one():
    # 陆丰 (corpora/genre/heldout253/p02): 责任单位：市市场监管局牵头，市公安局、市文化广电旅游体育局配合 / 2.建设智慧旅游平台…
    field = "责任单位：市市场监管局牵头，市公安局、市文化广电旅游体育局配合"
    lines = _wrap(BODY, len(field)).split("\n") + [field, "2.建设智慧旅游平台。整合景区票务、停车和客流监测数据。"]
    got = reflow("\n".join(lines))
    assert got is not None and field in [p.text for p in got.paragraphs]


def test_a_laid_out_line_never_runs_into_the_line_after_it():
    # 射阳 (corpora/genre/heldout269/p01): a laid-out table's last wrapped line (养 … 前), then the 版记's 抄送 line
    got = reflow(_wrap(BODY, 30) + "\n8     技能人才定向培         县人社局         —             每年12月底\n"
                 "      养                                          前\n抄送：县委各部门，县人大常委会办公室。\n")
    assert got is not None and "抄送：县委各部门，县人大常委会办公室。" in [p.text for p in got.paragraphs]


def test_a_soft_line_break_inside_a_bracket_of_an_unwrapped_copy_is_joined():
    # 会昌 (corpora/genre/heldout280/p02): a Word copy, a paragraph a line, but …通行路线。（ / 县交通运输局、县公安局）
    text = ("某县某产业工作方案\n一、重点任务\n1.严格车辆通行管理，规划设置专用停车场和通行路线。（\n县交通运输局、县公安局）\n"
            "2.统筹保障项目用地。（县发展和改革委员会、县自然资源局、\n国网某县供电公司）\n3.加强安全监管。（县应急管理局）\n")
    got = reflow(text)
    assert got is not None and got.width == 0 and got.joined == 2
    assert [p.text for p in got.paragraphs][2:4] == ["1.严格车辆通行管理，规划设置专用停车场和通行路线。（县交通运输局、县公安局）",
                                                    "2.统筹保障项目用地。（县发展和改革委员会、县自然资源局、国网某县供电公司）"]
    doc = parse_text(text)
    assert [[u.name for u in t.units] for t in doc.tasks][:2] == [["县交通运输局", "县公安局"],
                                                                ["县发展和改革委员会", "县自然资源局", "国网某县供电公司"]]
    assert reflow("某方案\n一、任务\n（一）做甲。（县财政局）\n（二）做乙。\n") is None  # nothing broken inside a bracket


def test_a_prose_annex_with_a_line_or_two_a_column_past_the_wrap_is_the_same_wrap():
    # 威县 (corpora/genre/heldout317/p03): the measures printed under 附件1 at the notice's wrap, one line running a column
    # over to keep its bracket (…每亩补助。（ / 县农业农村局…）): the annex is joined like the notice, not kept as pasted
    plan = _wrap(BODY * 3, 20).split("\n")
    plan[3] = plan[3] + "（"  # one line a column over the wrap, as a copy keeping a bracket on its line
    got = reflow(_wrap(BODY, 20) + "\n附件1\n某某若干措施\n" + "\n".join(plan) + "\n")
    assert got is not None and got.width == 40
    texts = [p.text for p in got.paragraphs]
    assert "附件1" in texts and not any(t == plan[4] for t in texts)  # the annex's lines are joined
    # a table one cell a line with such a line keeps its lines: its cells are no prose
    cells = "附件2\n分工表\n序号\n重点任务\n责任单位\n1\n建设园区\n市住房和城乡建设局、焦作市生态环境局孟州分局、南庄镇人民\n2025年12月底前\n"
    kept = reflow(_wrap(BODY, 20) + "\n" + cells)
    assert kept is not None and "2025年12月底前" in [p.text for p in kept.paragraphs]


def test_a_compilations_issue_printed_at_the_top_of_every_page_is_left_out_on_the_first_page_too():
    # 五寨 (corpora/genre/heldout341/p03): 五寨县人民政府办公室文件汇编　　2025年第3期 over page 1 and again under each page
    # number: no 版头 names an issue, so it is page furniture everywhere (a 发文字号 printed again on every page stays on page 1)
    head = "某县人民政府办公室文件汇编　　　　2025年第3期"
    lines = [head, "某县人民政府办公室文件", "", "某府办发〔2025〕14号", ""] + _wrap(BODY, 30).split("\n")
    lines[9:9] = ["- 1 -", head]
    lines[15:15] = ["- 2 -", head]
    got = reflow("\n".join(lines))
    assert got is not None and got.running_heads == 3
    texts = [p.text for p in got.paragraphs]
    assert head not in texts and texts[0] == "某县人民政府办公室文件"


def test_an_organ_and_its_number_laid_out_as_a_header_bar_over_every_page_is_left_out_on_the_first_page_too():
    # 中阳 (corpora/genre/heldout349/p03): 中阳县人民政府办公室　　中政办发〔2025〕31号 over page 1 and under each page number
    head = "某县人民政府办公室　　　　　　某政办发〔2025〕31号"
    lines = [head, "", "某县人民政府办公室文件", "", "某政办发〔2025〕31号", ""] + _wrap(BODY, 30).split("\n")
    lines[10:10] = ["- 1 -", head]
    lines[16:16] = ["- 2 -", head]
    got = reflow("\n".join(lines))
    assert got is not None and got.running_heads == 3
    texts = [p.text for p in got.paragraphs]
    assert head not in texts and "某政办发〔2025〕31号" in texts


def test_recipients_broken_before_the_last_characters_of_their_last_name_go_on_with_them():
    # 石楼 / 射阳 (corpora/genre/heldout349/p02, heldout269/p01): …，县直各有关单 / 位：, short of the wrap width
    lines = ["某县人民政府文件", "某政发〔2025〕9号", "某县人民政府关于印发某行动计划的通知",
             "各乡（镇）人民政府，县人民政府各委、办、局，县直各有关单", "位："] + _wrap(BODY, 30).split("\n")
    texts = [p.text for p in reflow("\n".join(lines)).paragraphs]
    assert "各乡（镇）人民政府，县人民政府各委、办、局，县直各有关单位：" in texts
