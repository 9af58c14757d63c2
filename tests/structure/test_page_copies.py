"""Text copied from portal pages: navigation before the title, metadata blocks, tables of contents."""

from __future__ import annotations

import pytest

from policyparse.pipeline import parse_text

PAGE = """关于做好电力交易注册工作的通知_某某监管办公室
设为首页
首页
机构概览
信息公开
关于做好电力交易注册工作的通知
2018-10-29 10:04
来源：某某监管办
Aa
字体：
小
|
大
省电力公司，江苏电力交易中心，各售电公司、电力用户：
一、简化合同要求
做好工作。
某某监管办公室
2018年10月29日
扫一扫在手机打开当前页
"""


def test_navigation_before_the_repeated_title_is_not_the_document():
    doc = parse_text(PAGE)
    assert doc.title == "关于做好电力交易注册工作的通知"
    assert [o.name for o in doc.recipients] == ["省电力公司", "江苏电力交易中心", "各售电公司、电力用户"]
    assert doc.date == "2018-10-29"
    assert any("web-page furniture" in w for w in doc.warnings)


META = """市工业和信息化局关于印发需求响应实施细则的通知
名 称 ：
市工业和信息化局关于印发需求响应实施细则的通知
发 文 字 号 ：
津工信电力〔2021〕3号
成 文 日 期 ：
市工业和信息化局关于印发
需求响应实施细则的通知
国网天津市电力公司，有关单位：
现予以印发，请遵照执行。
"""


def test_a_copied_metadata_block_gives_the_number_and_is_kept_as_metadata():
    doc = parse_text(META)
    assert doc.doc_number.normalized == "津工信电力〔2021〕3号"
    assert [o.name for o in doc.recipients] == ["国网天津市电力公司", "有关单位"]
    assert doc.metadata.container["发文字号"] == "津工信电力〔2021〕3号"
    assert doc.text[doc.doc_number.span.start : doc.doc_number.span.end] == "津工信电力〔2021〕3号"


def test_a_table_of_contents_line_loses_its_leader_dots():
    doc = parse_text("一、实施背景……………………3\n二、实施内容\n")
    assert [n.title for n in doc.outline] == ["实施背景", "实施内容"]


def test_a_page_without_navigation_starts_at_its_first_line():
    doc = parse_text("国务院办公厅关于做好某项工作的通知\n国办发〔2018〕1号\n各省、自治区、直辖市人民政府：\n做好工作。\n")
    assert not any("furniture" in w for w in doc.warnings) and doc.doc_number.serial == 1


BODY = ("各乡镇人民政府，县政府各部门：\n《某县人民政府工作规则》已经县政府常务会议审议通过，现予印发。\n"
        "某县人民政府\n2017年1月24日\n")


def test_a_title_the_metadata_block_labels_is_found_again_below_it_and_the_issuers_mark_is_not_the_title():
    text = ("中国政府网 湖北政府网 某市政府网 某县新闻网 繁体中文\n当前位置:首页 > 法规公文 > 政府文件\n"
            "索引号: 011282752 / 2017-00101 主题分类:\n发布机构: 某县人民政府 发文日期: 2017-01-28\n"
            "文件标题: 某县人民政府关于印发《某县人民政府工作规则》的通知\n文 号: 某政发〔2017〕1号 主题词:\n\n"
            "某县人民政府\n\n某县人民政府关于印发《某县人民政府工作规则》的通知\n\n某政发〔2017〕1号\n\n" + BODY)
    d = parse_text(text)
    assert (d.title, d.doc_number.normalized if d.doc_number else None, len(d.recipients)) == (
        "某县人民政府关于印发《某县人民政府工作规则》的通知", "某政发〔2017〕1号", 2)


def test_a_metadata_block_printed_as_a_list_gives_its_number():
    text = ("- 索引号:dqxs/2021-00016\n- 发文字号:某行发〔2021〕42号\n- 发文机构:某地区行署\n"
            "- 名 称:某地区行政公署关于印发《某地区行政公署工作规则》的通知\n"
            "某地区行政公署关于印发《某地区行政公署工作规则》的通知\n发布时间:2021-12-22 17:45 浏览次数:\n" + BODY)
    d = parse_text(text)
    assert d.doc_number is not None and d.doc_number.normalized == "某行发〔2021〕42号"
    assert d.title == "某地区行政公署关于印发《某地区行政公署工作规则》的通知"


def test_a_number_printed_between_a_title_and_its_repeat_is_the_documents():
    text = ("政府文件 - 某政办发\n您所在的位置:首页->信息公开->政府文件\n\n某市人民政府办公室关于印发某市应急预案的通知\n\n"
            "某政办发〔2017〕58号\n\n  某市人民政府办公室关于印发某市应急预案的通知\n\n" + BODY)
    d = parse_text(text)
    assert d.doc_number is not None and d.doc_number.normalized == "某政办发〔2017〕58号"


def test_page_fields_between_the_title_and_the_recipients_are_passed_over():
    text = ("广东规范性文件 > 正文阅览\n页面宽度(px):\n页面宽度范围为200至2000\n\n"
            "某市人民政府关于印发《某市人民政府工作规则》的通知\n来源:某市政府门户网 日期:2019-11-29 17:08 字号:【\n"
            "视力保护色:\n浏览量:\n" + BODY)
    d = parse_text(text)
    assert d.title == "某市人民政府关于印发《某市人民政府工作规则》的通知" and len(d.recipients) == 2


def test_a_signature_dated_in_digits_closes_the_cover():
    text = ("某市人民政府办公室关于印发某市应急预案的通知\n某政办发〔2017〕58号\n各乡镇人民政府：\n现将《某市应急预案》印发给你们。\n"
            "某市人民政府办公室\n20171116\n某市应急预案\n一、总则\n（一）目的。做好应急工作。\n")
    d = parse_text(text)
    assert d.date == "2017-11-16" and [e.title for e in d.enclosed] == ["某市应急预案"]


def test_a_title_printed_with_its_number_in_brackets_gives_both():
    text = ("当前位置: 首页 > 政务公开\n归档时间:2018-11-21\n\n某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"
            "（某办发〔2017〕2号）\n来源:某市政府门户网 日期:2017-01-12\n" + BODY)
    d = parse_text(text)
    assert d.title == "某市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"
    assert d.doc_number is not None and d.doc_number.normalized == "某办发〔2017〕2号"


def test_a_number_in_a_field_among_others_or_after_a_space_is_the_documents():
    text = ("首页\n> 政务公开 > 法规文件 > 其他文件\n索引号: 002546445/2023-448528 公开方式: 主动公开\n"
            "发文文号: 某政办发〔2023〕7号 发布机关: 市政府办公室\n成文日期: 2023-03-01\n\n"
            "某市人民政府办公室关于印发重点工作责任分解的通知\n发布日期:2023-03-03 09:37 信息来源:市政府办公室 浏览次数:\n\n" + BODY)
    d = parse_text(text)
    assert (d.title, d.doc_number.normalized if d.doc_number else None) == ("某市人民政府办公室关于印发重点工作责任分解的通知",
                                                                           "某政办发〔2023〕7号")
    text = ("某区人民政府关于印发《某区人民政府工作规则》的通知\n\n索引号 SY-310115-2022-00371\n文件编号 某府〔2022〕1号\n"
            "发布机构 区政府\n\n" + BODY)
    d = parse_text(text)
    assert d.doc_number is not None and d.doc_number.normalized == "某府〔2022〕1号"


def test_a_recipients_line_a_page_printed_without_its_colon_is_read():
    text = ("某区人民政府关于印发《某区人民政府工作规则》的通知\n某府〔2022〕1号\n"
            "区政府各委、办、局，各管理局（管委会），各直属企业，各街办事处、镇政府\n"
            "《某区人民政府工作规则》已经区政府常务会议审议通过，现印发给你们。\n某区人民政府\n2022年1月28日\n")
    assert [r.name for r in parse_text(text).recipients] == ["区政府各委、办、局", "各管理局（管委会）", "各直属企业",
                                                             "各街办事处、镇政府"]


def test_a_title_a_page_printed_inside_book_title_marks_is_the_title():
    text = ("《某市人民政府办公厅关于印发2019年〈政府工作报告〉确定的主要目标任务责任分解方案的通知》\n某办发〔2019〕5号\n" + BODY)
    d = parse_text(text)
    assert d.title == "某市人民政府办公厅关于印发2019年〈政府工作报告〉确定的主要目标任务责任分解方案的通知"


FLATTENED = (
    "某县人民政府办公室关于印发2022年重点工作责任分解的通知 |\n"
    "各镇人民政府，县政府各部门： 《2022年重点工作责任分解》已经县政府讨论确定，现印发给你们，请认真贯彻执行。"
    " 某县人民政府办公室 2022年4月18日 （此件公开发布） 2022年重点工作责任分解 一、县长牵头重点工作"
    " 1.全县生产总值增长7.5%左右，城乡居民人均可支配收入与经济增长基本同步。"
    " 责任单位：县发改局（首位单位为牵头单位，下同）、县财政局、县税务局"
    " 2.落实党政机关过紧日子的要求，严控“三公”经费和会议费、培训费，努力降低行政运行成本。 责任单位：县财政局\n"
)


def test_a_page_flattened_to_one_line_reads_as_the_notice_it_was():
    # a portal copy that lost its line breaks: the blanks where they stood cut it into lines again
    doc = parse_text(FLATTENED)
    assert doc.title == "某县人民政府办公室关于印发2022年重点工作责任分解的通知"  # the separator after it dropped
    assert doc.date == "2022-04-18"
    assert [e.title for e in doc.enclosed] == ["2022年重点工作责任分解"]
    plan = doc.enclosed[0]
    assert [(t.path, [u.name for u in t.units], t.lead_units) for t in plan.tasks] == [
        ("一1", ["县发改局", "县财政局", "县税务局"], ["县发改局"]),  # the rule after the first unit is read, not a unit
        ("一2", ["县财政局"], ["县财政局"]),
    ]


def test_a_block_whose_sentences_end_in_runs_of_blanks_is_cut_there_into_its_paragraphs():
    # a portal copy stored its page as one line, each paragraph break turned into two blanks: the duty list under the
    # issuing formula reads line by line, an organ of the 1998-2003 State Council (国家发展计划委员会) among them
    text = ("国务院办公厅关于有关部门防治工作职责的通知\n"
            "各省、自治区、直辖市人民政府：  经国务院同意，现将有关部门防治工作职责通知如下，请遵照执行。"
            "  卫生部：负责组织制定全国防治工作方针、政策和防治规划。  国家发展计划委员会：负责将防治工作列入国民经济和社会发展规划。"
            "  教育部：负责开展多种形式的防治宣传教育活动。  民政部：负责生活贫困符合救济条件的病人的生活救济。\n")
    doc = parse_text(text)
    assert [([u.name for u in t.units], [u.role for u in t.units]) for t in doc.tasks] == [
        (["卫生部"], ["responsible"]), (["国家发展计划委员会"], ["responsible"]), (["教育部"], ["responsible"]),
        (["民政部"], ["responsible"])]
    # one run of blanks after a sentence is a blank, not a page's paragraph break: a short block stays whole
    assert len(parse_text("关于某事的通知\n各单位：  请遵照执行。  特此通知。\n").outline) == 0


def test_a_short_paragraph_that_numbers_its_points_inline_stays_one_line():
    # 会议确定：1.…。2.… with no blank between: points of one paragraph, not outline items
    text = ("会议纪要\n会议确定：1.由办公室负责，对工作领导小组进行调整，及时将分解表发各处室，并抓好督促落实，确保各项任务按期完成。"
            "2.由办公室、信息中心负责，对门户网站栏目设置、信息表现形式等进行探索创新，提高音视频等内容的比重，"
            "进一步提升网站的吸引力、影响力和传播力，做好政务公开各项工作。\n")
    doc = parse_text(text)
    assert doc.outline == []


def test_a_page_heading_that_wraps_the_title_with_its_number_is_passed_over():
    text = ("浙政发〔2021〕22号《浙江省人民政府关于调整全省最低工资标准的通知》\n浏览量:时间:2021-10-16 20:57:12\n"
            "浙江省人民政府关于调整全省最低工资标准的通知\n浙政发〔2021〕22号\n各市、县（市、区）人民政府，省政府直属各单位：\n"
            "为保障劳动者的基本生活，决定调整最低工资标准。\n浙江省人民政府\n2021年7月28日\n")
    doc = parse_text(text)
    assert doc.title == "浙江省人民政府关于调整全省最低工资标准的通知"
    assert doc.doc_number is not None and doc.doc_number.normalized == "浙政发〔2021〕22号"
    assert [o.name for o in doc.recipients] == ["各市、县（市、区）人民政府", "省政府直属各单位"]


def test_lines_of_several_furniture_items_side_by_side_are_furniture():
    text = ("登录   |   注册\n吉林省人民政府关于发布全省最低工资标准的通知\n时间:2024-08-27      来源:\n吉政函〔2024〕66号\n"
            "各市（州）人民政府，长白山管委会：\n经研究，决定调整我省最低工资标准。\n吉林省人民政府\n2024年8月20日\n")
    doc = parse_text(text)
    assert (doc.title, doc.doc_number.normalized if doc.doc_number else None) == (
        "吉林省人民政府关于发布全省最低工资标准的通知", "吉政函〔2024〕66号")
    text = ("杭州市人民政府关于调整市区最低工资标准的通知\n|来源:新高考网\n杭政函〔2015〕144号\n"
            "各区、县（市）人民政府，市政府各部门：\n决定调整最低工资标准。\n杭州市人民政府\n2015年10月8日\n")
    assert parse_text(text).doc_number is not None  # the source field between title and number is passed over


def test_the_title_after_a_sites_words_on_the_first_line_is_seen_again_below():
    text = ("欢迎来到EHS平台! 设为首页 收藏\nEHS中国 法规首页 陕西省人力资源和社会保障厅关于调整最低工资标准的通知\n"
            "陕西省人力资源和社会保障厅关于调整最低工资标准的通知\n收藏\n下载法规\n陕人社发〔2021〕5号\n各市（区）人力资源和社会保障局：\n"
            "经省政府同意，决定调整我省最低工资标准。\n陕西省人力资源和社会保障厅\n2021年2月19日\n")
    doc = parse_text(text)
    assert doc.title == "陕西省人力资源和社会保障厅关于调整最低工资标准的通知"
    assert [o.name for o in doc.issuers] == ["陕西省人力资源和社会保障厅"]


def test_an_order_below_a_page_title_is_the_document_and_encloses_what_it_promulgates():
    text = ("某省人民政府关于废止4件省政府规章的决定\n某省人民政府令\n第250号\n"
            "《某省人民政府关于废止4件省政府规章的决定》已经2021年5月28日省政府常务会议审议通过，现予公布，自公布之日起施行。\n"
            "省 长  张三\n2021年6月9日\n（此件主动公开）\n某省人民政府关于废止4件省政府规章的决定\n"
            "为维护社会主义法制统一，省政府对现行规章进行了清理。经过清理，省政府决定：\n一、废止4件省政府规章\n"
            "（一）某省人事争议处理办法（2006年11月16日某省人民政府令第153号公布）。\n")
    doc = parse_text(text)
    assert (doc.title, doc.doc_type, doc.doc_number.normalized if doc.doc_number else None, doc.date) == (
        "某省人民政府令", "令", "某省人民政府令第250号", "2021-06-09")
    assert [e.title for e in doc.enclosed] == ["某省人民政府关于废止4件省政府规章的决定"]
    assert doc.effective is not None and doc.effective.date == "2021-06-09"


def test_a_metadata_table_row_gives_each_field_its_own_cell_and_a_letter_spaced_kind_ends_the_title():
    text = ("索 引 号:111423LL00100/2022-87770 | |\n发文字号:吕政函〔2022〕60号 | 发布日期:2022年09月05日 |\n"
            "发文机关:吕梁市人民政府 | 关 键 字: |\n吕梁市人民政府\n关于吕梁市公园体系规划（2022-2035年）的\n批 复\n市城市管理局:\n"
            "你局的请示已收悉，经研究，现批复如下：原则同意。\n吕梁市人民政府\n2022年9月5日\n")
    doc = parse_text(text)
    assert [o.name for o in doc.issuers] == ["吕梁市人民政府"]
    assert (doc.doc_type, doc.doc_number.normalized if doc.doc_number else None) == ("批复", "吕政函〔2022〕60号")
    assert doc.title.endswith("的批复")


def test_a_page_number_copied_from_a_pdf_is_no_part_of_a_title():
    text = ("某市发展和改革委员会关于印发地震应急预案的通知\n各科室：\n现将《某市发展和改革委员会地震应急预案》印发给你们。\n"
            "附件：某市发展和改革委员会地震应急预案\n某市发展和改革委员会\n2020年8月10日\n（此件主动公开）—2—\n"
            "某市发展和改革委员会地震应急预案\n一、总则\n为做好地震应急工作，制定本预案。\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["某市发展和改革委员会地震应急预案"]


def test_a_sites_name_address_and_date_and_a_numbered_breadcrumb_are_furniture():
    text = ("1. 首页\n2. 信息公开\n3. 县规范性文...\n设为首页 | 加入收藏\n"
            "河南省人民政府门户网站 www.henan.gov.cn   2017年09月29日   来源:省政府办公厅\n"
            "河南省人民政府办公厅关于印发河南省突发地质灾害应急预案的通知\n豫政办〔2017〕118号\n各省辖市人民政府，省人民政府各部门：\n"
            "现将《河南省突发地质灾害应急预案》印发给你们，请认真贯彻执行。\n河南省人民政府办公厅\n2017年9月25日\n")
    doc = parse_text(text)
    assert doc.title == "河南省人民政府办公厅关于印发河南省突发地质灾害应急预案的通知"
    assert [o.name for o in doc.issuers] == ["河南省人民政府办公厅"]
    assert doc.date == "2017-09-25"


def test_the_fields_of_a_portals_disclosure_block_between_title_and_recipients_are_passed_over():
    text = ("册亨县人民政府办公室关于印发册亨县地质灾害应急预案的通知\n"
            "作者:政府办   来源:  发布日期:2018-05-16 04:09:35  浏览次数: 文章字号:\n"
            "索引号 CHX/2019-1650684 发文日期 2018-05-16 发布日期 2018-05-16\n文号 册府办发〔2018〕44号 是否有效\n"
            "公开方式 主动公开 公开范围 面向社会\n各乡（镇、街道）人民政府（办事处），县有关工作部门：\n"
            "《册亨县地质灾害应急预案》经县人民政府研究同意，印发给你们，请遵照执行。\n册亨县人民政府办公室\n2018年5月16日\n")
    doc = parse_text(text)
    assert doc.doc_number is not None and doc.doc_number.normalized == "册府办发〔2018〕44号"
    assert [o.name for o in doc.recipients] == ["各乡（镇、街道）人民政府（办事处）", "县有关工作部门"]


def test_items_a_page_ran_into_one_line_after_a_blank_are_read_as_items():
    text = ("江西省人民政府关于废止4件省政府规章的决定\n为维护法制统一，省政府决定：\n"
            "一、废止4件省政府规章 （一）江西省实施《退役士兵安置条例》办法（2016年12月8日江西省人民政府令第225号公布） "
            "（二）江西省长江河道采砂管理办法（2008年1月2日江西省人民政府令第161号公布） "
            "（三）江西省人事争议处理办法（2006年11月16日江西省人民政府令第153号公布） "
            "（四）江西省粮食收购资格许可管理办法（2004年12月11日江西省人民政府令第136号公布，2012年11月20日江西省人民政府令第202号修正）。\n")
    doc = parse_text(text)
    (part,) = doc.outline
    assert (part.title, [c.marker for c in part.children]) == ("废止4件省政府规章", ["（一）", "（二）", "（三）", "（四）"])


def test_a_breadcrumb_above_a_page_that_prints_no_title_is_furniture():
    text = ("首页> | 政务公开> | 政府公报> | 网上公报室 |\n苏政发〔2015〕91号\n各市、县（市、区）人民政府，省各委办厅局，省各直属单位：\n"
            "经国务院批准，对盐城市行政区划作如下调整。\n江苏省人民政府\n2015年8月6日\n")
    doc = parse_text(text)
    assert doc.doc_number is not None and doc.doc_number.normalized == "苏政发〔2015〕91号"
    assert [o.name for o in doc.recipients] == ["各市、县（市、区）人民政府", "省各委办厅局", "省各直属单位"]


def test_a_metadata_table_of_label_and_value_cells_gives_the_number():
    text = ("汉阴县人民政府办公室关于印发《汉阴县涉农资金管理办法》的通知\n索引号 | xzfgzbmzfb/2021-3740 | 公开目录: | 县政府办文件 |\n"
            "公开责任部门 | 汉阴县人民政府办公室 | 公开形式: | 主动公开 |\n文号 | 汉政办发〔2021〕88号 | 成文日期: | 2021年09月28日 |\n"
            "有效性 | 有效 | 公开日期: | 2021-09-30 01:40 |\n政策解读: |\n为贯彻落实有关精神，制定本办法。\n")
    doc = parse_text(text)
    assert doc.doc_number is not None and doc.doc_number.normalized == "汉政办发〔2021〕88号"


def test_a_sites_banner_on_a_line_of_its_own_is_page_furniture_not_the_title():
    from policyparse.pipeline import parse_text

    doc = parse_text("法搜网--中国法律信息搜索网\n三明市人民政府办公室关于做好文物普查工作的通知\n各县人民政府：\n请认真做好普查工作。\n")
    assert doc.title == "三明市人民政府办公室关于做好文物普查工作的通知"
    assert [o.name for o in doc.issuers] == ["三明市人民政府办公室"]


def test_a_notice_that_xiafa_a_document_encloses_it():
    from policyparse.pipeline import parse_text

    text = ("湖北省统计局关于下发《湖北省人口普查领导小组成员单位职责分工》的通知\n各市、州人民政府：\n"
            "《湖北省人口普查领导小组成员单位职责分工》已经领导小组会议审议通过，现印发给你们。\n湖北省统计局\n二〇一〇年三月十七日\n"
            "湖北省人口普查领导小组成员单位职责分工\n一、职责分工\n省统计局负责人口普查的专业技术工作。\n省公安厅负责户口整顿工作。\n")
    doc = parse_text(text)
    assert [e.title for e in doc.enclosed] == ["湖北省人口普查领导小组成员单位职责分工"]
    assert [[u.name for u in t.units] for t in doc.enclosed[0].tasks] == [["省统计局"], ["省公安厅"]]


def test_a_printing_line_dated_in_chinese_numerals_gives_the_printed_date():
    from policyparse.pipeline import parse_text

    doc = parse_text("定西市人民政府办公室关于印发某方案的通知\n各县（区）人民政府：\n现将方案印发给你们。\n定西市人民政府办公室\n"
                     "2026年3月9日\n抄送：市委各部门。\n定西市人民政府办公室　　　　二〇二六年三月十一日印发\n")
    assert doc.printed_date == "2026-03-11"


def test_a_notice_title_over_three_lines_holding_the_plans_name_is_not_a_page_title_over_the_plan():
    # 桐城 (corpora/genre/heldout190/p02): the middle line of the notice's title is the plan's name, which the plan
    # prints again as its own title; the notice is the document, the plan its enclosed one
    text = ("桐政办〔2025〕9号\n桐城市人民政府办公室关于印发\n桐城市绿色包装产业高质量发展行动计划\n（2025—2027年）的通知\n"
            "各乡镇人民政府、街道办事处，市政府各部门、各直属机构：\n"
            "《桐城市绿色包装产业高质量发展行动计划（2025—2027年）》已经市政府同意，现印发给你们，请认真组织实施。\n"
            "桐城市人民政府办公室\n2025年7月8日\n桐城市绿色包装产业高质量发展行动计划\n（2025—2027年）\n"
            "包装印刷产业是我市传统支柱产业。\n一、发展目标\n到2027年，全市包装产业规上企业营业收入突破300亿元。\n")
    doc = parse_text(text)
    assert (doc.title, doc.doc_type) == ("桐城市人民政府办公室关于印发桐城市绿色包装产业高质量发展行动计划（2025—2027年）的通知", "通知")
    assert [e.title for e in doc.enclosed] == ["桐城市绿色包装产业高质量发展行动计划（2025—2027年）"]


PORTAL = """福鼎市人民政府
首页 > 政务公开 > 政策文件
【字体：大 中 小】　打印本页　关闭窗口　分享到
{meta}
福鼎市人民政府办公室关于印发福鼎白茶产业链提质增效工作方案的通知
鼎政办〔2025〕47号
各乡镇人民政府（街道办事处），市直有关单位：
经市政府同意，现将《福鼎白茶产业链提质增效工作方案》印发给你们，请认真贯彻落实。
福鼎市人民政府办公室
2025年9月22日
福鼎白茶产业链提质增效工作方案
一、重点任务
（一）推进茶园生态化改造。每年改造提升生态茶园2万亩。（市农业农村局、市茶产业发展中心）
附件下载：
附件：1.福鼎白茶产业链提质增效工作方案.docx
【打印本页】　【关闭窗口】
相关链接：
宁德市人民政府　福建省人民政府
主办单位：福鼎市人民政府办公室　承办单位：福鼎市融媒体中心
网站标识码：3509820001　闽ICP备05028937号
"""


@pytest.mark.parametrize("meta", [
    "索引号\n003627415/2025-00213\n发布机构\n福鼎市人民政府办公室\n发文字号\n鼎政办〔2025〕47号\n主题分类\n农业、林业、水利",
    "索引号\t003627415/2025-00213\t成文日期\t2025-09-22\n发文字号\t鼎政办〔2025〕47号\t主题分类\t农业、林业、水利",
], ids=["label-over-value", "tab-rows"])
def test_a_portal_page_with_its_metadata_block_download_list_and_footer_gives_the_notice_alone(meta):
    # 福鼎 / 龙口 (corpora/genre/heldout191): a label line over its value line, or a row of label ⇥ value pairs, before the
    # title; 附件下载 lists the files the page offers; the footer's 主办单位：…　承办单位：… names the site's hosts
    doc = parse_text(PORTAL.format(meta=meta))
    assert doc.title == "福鼎市人民政府办公室关于印发福鼎白茶产业链提质增效工作方案的通知"
    assert [i.name for i in doc.issuers] == ["福鼎市人民政府办公室"]
    assert doc.attachments == []
    assert [(t.path, [u.name for u in t.units]) for d in doc.walk() for t in d.tasks] == [
        ("一(一)", ["市农业农村局", "市茶产业发展中心"])]


def test_a_portal_pages_font_switch_download_list_links_and_footer_leave_the_notice_its_recipients_and_printing_date():
    # 临朐 (corpora/genre/heldout204/p01): 【字体：大 中 小】【打印】【关闭】 between the number and the recipients; the 版记's
    # 印发 line before the page's files, links and footer (自印发之日起施行 takes its date)
    text = ("临朐县人民政府办公室关于印发临朐县铝型材产业高端化发展实施方案的通知\n【字体：大 中 小】　　【打印】　　【关闭】\n浏览次数：\n"
            "临政办发〔2025〕9号\n各镇人民政府、街道办事处，县政府各部门、各直属机构：\n"
            "《临朐县铝型材产业高端化发展实施方案》已经县政府同意，现印发给你们，请认真贯彻落实。\n临朐县人民政府办公室\n2025年5月9日\n"
            "临朐县铝型材产业高端化发展实施方案\n一、重点任务\n（一）扩大工业型材比重。建设生产线。（县工业和信息化局）\n"
            "本方案自印发之日起施行，有效期至2027年12月31日。\n抄送：县委各部门，县人大常委会办公室。\n"
            "临朐县人民政府办公室　　　　　　　　2025年5月12日印发\n附件下载：\n临朐县铝型材产业高端化发展实施方案.docx\n相关链接：\n"
            "【政策解读】《临朐县铝型材产业高端化发展实施方案》解读\n网站地图 | 联系我们 | 网站纠错\n"
            "主办单位：临朐县人民政府办公室　承办单位：临朐县大数据中心\n网站标识码：3707240001　鲁ICP备12003948号-1\n")
    doc = parse_text(text)
    assert [r.name for r in doc.recipients] == ["各镇人民政府、街道办事处", "县政府各部门、各直属机构"]
    assert doc.doc_number is not None and doc.doc_number.raw == "临政办发〔2025〕9号"
    assert [(str(d.effective.date), str(d.effective.expires)) for d in doc.walk() if d.effective] == [("2025-05-12", "2027-12-31")]


def test_items_a_page_ran_into_one_line_after_each_sentence_end_are_items_of_their_own():
    # 万源 (corpora/genre/heldout239/p02): 三、保障措施 then one line （一）…。（二）加大资金投入。由X牵头，Y参与…。（三）…
    part = ("（一）健全工作机制。建立由市农业农村局牵头的产业发展联席会议制度，定期研究解决产业发展中的重大问题，"
            "联席会议办公室设在市茶叶产业发展中心，负责联席会议日常工作和重点项目调度。"
            "（二）加大资金投入。由市财政局牵头，市农业农村局、市发展和改革局参与，整合涉农资金用于茶园基础设施建设，"
            "每年安排产业发展资金不少于3000万元。"
            "（三）强化督查考核。市政府督查室定期开展督查，督查结果纳入年度目标考核，确保各项任务落地见效。")
    doc = parse_text("关于某产业的行动计划\n一、重点任务\n做好工作。\n二、保障措施\n" + part + "\n")
    assert [n.title for n in doc.outline[1].children] == ["健全工作机制", "加大资金投入", "强化督查考核"]
    [task] = doc.tasks
    assert (task.path, task.lead_units) == ("二(二)", ["市财政局"])
    # one item with a sentence naming 二、 inside it is no run of items
    one = parse_text("关于某产业的行动计划\n一、重点任务\n（一）做好工作。按照省里部署，" + "推进各项工作，" * 30 + "落实二、三季度任务。\n")
    assert [n.title for n in one.outline[0].children] == ["做好工作"]


def test_a_government_sites_banner_and_an_information_source_line_are_furniture_before_the_title():
    # 峨眉山 / 邓州 (corpora/genre/heldout238/p03, p01): the site's name alone on the first line, a breadcrumb, then the
    # title, then 信息来源：… 发布时间：2025-05-19 10:26 浏览次数：2157 and the font switches before the number
    for banner, source in (("峨眉山市人民政府网", "发布时间：2025-08-21　　来源：市政府办公室　　浏览：1342次"),
                           ("邓州市人民政府门户网站", "信息来源：邓州市人民政府办公室　　发布时间：2025-05-19 10:26　　浏览次数：2157")):
        text = (f"{banner}\n当前位置：首页>>信息公开>>政府文件\n某市人民政府办公室关于印发某产业若干措施的通知\n{source}\n"
                "【字体：大 中 小】　【打印】　【关闭】\n某府办发〔2025〕16号\n各乡镇人民政府、街道办事处，市级各部门：\n"
                "现印发给你们，请认真贯彻执行。\n某市人民政府办公室\n2025年8月15日\n")
        doc = parse_text(text)
        assert doc.title == "某市人民政府办公室关于印发某产业若干措施的通知", banner
        assert doc.doc_number.normalized == "某府办发〔2025〕16号"
        assert [r.name for r in doc.recipients] == ["各乡镇人民政府、街道办事处", "市级各部门"]


def test_the_related_notices_a_page_lists_after_the_document_leave_its_printing_line_the_last():
    # 峨眉山 (corpora/genre/heldout238/p03): the 版记, 附件下载, 分享到, then 相关文章 and other notices' titles, then the footer
    text = ("某市人民政府办公室关于印发某措施的通知\n某府办发〔2025〕16号\n各乡镇人民政府：\n现印发给你们。本通知自印发之日起施行。\n某市人民政府办公室\n"
            "2025年8月15日\n抄送：市委办公室。\n某市人民政府办公室　　　　　　2025年8月19日印发\n附件下载：\n"
            "某措施.pdf\n分享到：\n相关文章\n某市人民政府办公室关于印发某某实施方案的通知\n某市人民政府关于公布某名录的通知\n"
            "网站地图 | 联系我们 | 使用帮助\n网站标识码：5111810001　蜀ICP备12004715号-1\n")
    doc = parse_text(text)
    assert doc.printed_date == "2025-08-19"
    assert doc.effective is not None and doc.effective.date == "2025-08-19"


def test_a_county_notice_forwarding_a_city_notice_that_issues_a_plan_encloses_the_one_that_encloses_the_other():
    # 永嘉 (corpora/genre/heldout242/p01): the county's cover and （此件公开发布）, the city's notice and its own
    # （此件公开发布）, then the plan: the second note is no title's first line
    text = ("永嘉县人民政府办公室\n关于转发《温州市人民政府办公室关于印发某产业行动方案的通知》的通知\n永政办发〔2025〕27号\n"
            "各乡镇人民政府、街道办事处：\n现将《温州市人民政府办公室关于印发某产业行动方案的通知》转发给你们，请结合实际认真贯彻执行。\n"
            "永嘉县人民政府办公室\n2025年5月20日\n（此件公开发布）\n温州市人民政府办公室关于印发某产业行动方案的通知\n温政办〔2025〕41号\n"
            "各县（市、区）人民政府：\n《某产业行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。\n温州市人民政府办公室\n2025年4月28日\n"
            "（此件公开发布）\n某产业行动方案\n一、重点任务\n（一）建设平台。（市经信局、市科技局）\n")
    doc = parse_text(text)
    assert doc.doc_number.normalized == "永政办发〔2025〕27号"
    [city] = doc.enclosed
    assert (city.title, city.doc_number.normalized) == ("温州市人民政府办公室关于印发某产业行动方案的通知", "温政办〔2025〕41号")
    assert [e.title for e in city.enclosed] == ["某产业行动方案"] and len(city.enclosed[0].tasks) == 1


def test_the_organs_name_alone_over_a_title_that_names_it_again_is_the_issuers_mark_not_part_of_the_title():
    # 陆丰 (corpora/genre/heldout253/p02): 陆丰市人民政府 / (blank) / 陆丰市人民政府关于印发…高质量 / 发展行动计划…的通知
    text = ("陆丰市人民政府\n\n陆丰市人民政府关于印发陆丰市滨海旅游高质量\n发展行动计划（2025—2026年）的通知\n陆府〔2025〕19号\n\n"
            "各镇人民政府、街道办事处：\n现将《陆丰市滨海旅游高质量发展行动计划（2025—2026年）》印发给你们。\n陆丰市人民政府\n2025年6月3日\n")
    doc = parse_text(text)
    assert doc.title == "陆丰市人民政府关于印发陆丰市滨海旅游高质量发展行动计划（2025—2026年）的通知"
    assert [o.name for o in doc.issuers] == ["陆丰市人民政府"]


def test_a_joint_mark_of_two_organs_over_a_title_that_names_them_again_is_the_issuers_mark():
    # 玉田 (corpora/genre/heldout306/p01): 中共玉田县委办公室 / 玉田县人民政府办公室 / 中共…办公室 玉田…办公室关于印发…的通知
    for title_lines in ("中共某县委办公室 某县人民政府办公室关于印发《某县人居环境整治工作方案》的通知\n",
                        "中共某县委办公室　某县人民政府办公室\n关于印发《某县人居环境整治工作方案》的通知\n"):
        text = ("中共某县委办公室\n某县人民政府办公室\n" + title_lines + "某办发〔2025〕9号\n各乡镇党委、政府，县直各部门：\n"
                "《某县人居环境整治工作方案》已经县委、县政府同意，现印发给你们。\n中共某县委办公室\n某县人民政府办公室\n2025年3月14日\n")
        doc = parse_text(text)
        assert doc.title.replace(" ", "").replace("\u3000", "") == \
            "中共某县委办公室某县人民政府办公室关于印发《某县人居环境整治工作方案》的通知", title_lines
        assert [o.name for o in doc.issuers] == ["中共某县委办公室", "某县人民政府办公室"]


def test_a_recipients_line_printed_with_its_label_gives_the_recipients_after_it():
    # 甘谷 (corpora/genre/heldout304/p02): 主送：　各乡镇人民政府，县政府各部门，县属及驻县各单位 (a full-width blank, no closing ：)
    for line in ("主送：　各乡镇人民政府，县政府各部门，县属及驻县各单位", "主送机关：各乡镇人民政府，县政府各部门，县属及驻县各单位："):
        doc = parse_text("某县人民政府关于印发《某县行动计划》的通知\n某政发〔2025〕23号\n" + line +
                         "\n现将《某县行动计划》印发给你们，请认真贯彻落实。\n某县人民政府\n2025年6月27日\n")
        assert [r.name for r in doc.recipients] == ["各乡镇人民政府", "县政府各部门", "县属及驻县各单位"], line
        assert [doc.text[r.span.start : r.span.end] for r in doc.recipients] == [r.name for r in doc.recipients]


def test_a_signature_date_equal_to_the_metadata_blocks_date_does_not_start_the_document():
    # 铜鼓 (corpora/genre/heldout286/p02): 成文日期 / 2025年3月28日 in the block, the same date under the signature
    text = ("某县人民政府门户网站\n当前位置：首页 > 政府文件\n发文字号\n某府发〔2025〕6号\n成文日期\n2025年3月28日\n标题\n"
            "某县人民政府关于印发某县竹产业行动计划的通知\n【字体：大 中 小】【打印】【关闭】\n"
            "某县人民政府关于印发某县竹产业行动计划的通知\n某府发〔2025〕6号\n各乡（镇）人民政府，县政府各部门：\n"
            "现将《某县竹产业行动计划》印发给你们，请认真贯彻执行。\n某县人民政府\n2025年3月28日\n（此件公开发布）\n"
            "某县竹产业行动计划\n一、重点任务\n（一）改造竹林。（县林业局、县财政局）\n")
    doc = parse_text(text)
    assert (doc.title, doc.date) == ("某县人民政府关于印发某县竹产业行动计划的通知", "2025-03-28")
    assert [e.title for e in doc.enclosed] == ["某县竹产业行动计划"]


def test_a_sites_address_on_a_line_of_its_own_is_page_furniture():
    # 金溪 (corpora/genre/heldout288/p02): 金溪县人民政府网 / www.jinxi.gov.cn between the signature and the plan
    text = ("某县人民政府关于印发某产业计划的通知\n某府发〔2025〕8号\n各乡镇人民政府：\n现将《某产业计划》印发给你们。\n"
            "某县人民政府\n2025年8月20日\n某县人民政府网\nwww.example.gov.cn\n某产业计划\n一、重点任务\n（一）建基地。（县林业局）\n")
    assert [e.title for e in parse_text(text).enclosed] == ["某产业计划"]


def test_an_attachment_lists_titles_wrapped_over_indented_lines_are_read_whole():
    # 泸西 (corpora/genre/heldout301/p01): 附件：1．…三年行动计划 / （2025—2027年） / 2．…重点任务 / 分工表, then the signature
    text = ("某县人民政府办公室关于印发某县蔬菜产业三年行动计划的通知\n某政办发〔2025〕19号\n各乡镇人民政府：\n"
            "现将《某县蔬菜产业三年行动计划（2025—2027年）》印发给你们，请认真贯彻落实。\n"
            "　　附件：1．某县蔬菜产业三年行动计划\n　　　　　（2025—2027年）\n　　　　　2．某县蔬菜产业重点任务\n"
            "　　　　　　　分工表\n某县人民政府办公室\n2025年5月16日\n")
    doc = parse_text(text)
    assert [(a.index, a.title) for a in doc.attachments] == [
        (1, "某县蔬菜产业三年行动计划（2025—2027年）"), (2, "某县蔬菜产业重点任务分工表")]
    # a note under the list, or a page number, is no part of the last title
    doc = parse_text(text.replace("　　　　　　　分工表\n", "　　　　　　　分工表\n— 1 —\n（此页无正文）\n"))
    assert doc.attachments[-1].title == "某县蔬菜产业重点任务分工表"


def test_a_public_accounts_repost_keeps_its_furniture_out_of_the_title_and_its_marks_out_of_the_headings():
    # 柏乡 (corpora/genre/heldout312/p02): 点击蓝字 关注我们 / 柏乡发布 over the title, ▲ and ■ before part headings,
    # 编辑：… 审核：… 阅读原文 at the end
    text = ("点击蓝字 关注我们\n某县发布\n某县人民政府关于印发某县粮食产业行动计划的通知\n来源：某县人民政府办公室\n"
            "某政发〔2025〕6号\n各乡镇人民政府，县政府各部门：\n现将《某县粮食产业行动计划》印发给你们，请认真贯彻落实。\n"
            "某县人民政府\n2025年8月15日\n某县粮食产业行动计划\n▲一、总体目标\n到2026年，粮食总产量稳定在32万吨。\n"
            "■二、重点任务\n（一）提升单产。推广高产品种。（县农业农村局、县财政局）\n编辑：郭某某\n审核：赵某某\n阅读原文\n")
    doc = parse_text(text)
    assert (doc.title, [o.name for o in doc.issuers]) == ("某县人民政府关于印发某县粮食产业行动计划的通知", ["某县人民政府"])
    [plan] = doc.enclosed
    assert [n.title for n in plan.outline] == ["总体目标", "重点任务"]
    assert [(t.path, [u.name for u in t.units]) for t in plan.tasks] == [("二(一)", ["县农业农村局", "县财政局"])]


def test_a_part_run_into_one_line_with_its_items_is_cut_into_its_heading_and_items():
    # 隆尧 (corpora/genre/heldout312/p03): 二、重点任务（一）…。（X牵头，Y配合）（二）…: each part one line, however short
    text = ("某县产业工作方案\n一、总体要求（一）指导思想。坚持龙头带动。（二）主要目标。到2026年产值达到50亿元。\n"
            "二、重点任务（一）壮大龙头企业。支持企业扩产。（县工业和信息化局牵头，县财政局配合）（二）建设产业园区。"
            "完善园区配套。（县自然资源和规划局、县住房和城乡建设局）\n")
    doc = parse_text(text)
    assert [n.title for n in doc.outline] == ["总体要求", "重点任务"]
    assert [c.title for c in doc.outline[1].children] == ["壮大龙头企业", "建设产业园区"]
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("二(一)", ["县工业和信息化局"]), ("二(二)", [])]


def test_a_joint_mark_whose_second_organ_carries_the_word_wenjian_is_the_issuers_mark():
    # 景县 (corpora/genre/heldout330/p03): 中共景县县委办公室 / 景县人民政府办公室　文件 / 景办字〔2025〕9号 / the two organs and
    # 关于印发…的通知 on the next lines
    text = ("中共某县县委办公室\n某县人民政府办公室　文件\n某办字〔2025〕9号\n中共某县县委办公室 某县人民政府办公室\n"
            "关于印发《某县和美乡村建设实施方案》的通知\n各乡镇党委、人民政府，县直各单位：\n"
            "《某县和美乡村建设实施方案》已经县委、县政府同意，现印发给你们。\n中共某县县委办公室　　某县人民政府办公室\n2025年3月18日\n")
    doc = parse_text(text)
    assert doc.title.replace(" ", "") == "中共某县县委办公室某县人民政府办公室关于印发《某县和美乡村建设实施方案》的通知"
    assert doc.doc_number.normalized == "某办字〔2025〕9号"
    assert [r.name for r in doc.recipients] == ["各乡镇党委、人民政府", "县直各单位"]


def test_meeting_minutes_are_issued_by_the_organ_whose_meeting_they_record_and_dated_by_their_header_line():
    # 清徐 (corpora/genre/heldout338/p01): 清徐县人民政府常务会议纪要 / 〔2025〕7号 / 清徐县人民政府办公室　　2025年5月16日, then the
    # body: the office and day over the body are the minutes' 版头, not a signature that ends the document
    text = ("某县人民政府常务会议纪要\n〔2025〕7号\n某县人民政府办公室　　　　　　2025年5月16日\n"
            "2025年5月14日，县长主持召开县人民政府第十二次常务会议。现将会议议定事项纪要如下：\n一、关于葡萄产业发展工作\n"
            "会议议定：由县农业农村局牵头，县财政局、县商务局配合，完成葡萄老园改造3000亩。\n二、关于其他事项\n"
            "会议同意县财政局提出的预算调整方案，请县财政局于6月底前按程序提请审议。\n出席：王某某（县长）\n"
            "某县人民政府办公室　　　　2025年5月16日印发\n")
    doc = parse_text(text)
    assert (doc.title, doc.doc_type, [o.name for o in doc.issuers]) == ("某县人民政府常务会议纪要", "纪要", ["某县人民政府"])
    assert (doc.doc_number.normalized, doc.doc_number.issuer_code, doc.date) == ("〔2025〕7号", "", "2025-05-16")
    assert [o.title for o in doc.outline] == ["关于葡萄产业发展工作", "关于其他事项"]
    assert [(t.path, t.lead_units) for t in doc.tasks] == [("一", ["县农业农村局"]), ("二", [])]


def test_parts_printed_as_di_x_bufen_are_the_plans_first_level_numbered_as_its_yi_parts_are():
    # 安泽 (corpora/genre/heldout352/p03): 第一部分　总体要求 / 1、… / 第二部分　重点任务 / （一）… / 1、…（units）
    doc = parse_text("关于某产业的工作方案\n第一部分　总体要求\n1、指导思想。坚持保护优先。\n第二部分　重点任务\n（一）保护资源\n"
                     "1、严格规范采摘管理。全面落实轮采制度。（县林业局、各乡（镇）人民政府）\n第三部分　保障措施\n"
                     "1、加强组织领导。县农业农村局要会同县林业局、县财政局建立工作专班推进机制。\n")
    assert [(o.marker, o.title, o.style) for o in doc.outline] == [
        ("第一部分", "总体要求", "part"), ("第二部分", "重点任务", "part"), ("第三部分", "保障措施", "part")]
    assert [t.path for t in doc.tasks] == ["二(一)1", "三1"]
