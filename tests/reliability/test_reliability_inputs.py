"""Bad input: every kind an archive of real policy files holds gives a typed error naming the file
(or a document with a warning where that is honest); resource limits trip before memory is used;
a batch over the bad corpus and the dev corpus writes one record per input.

The bad corpus is built here, in a temporary folder: nothing hostile is committed.
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from policyparse.batch import collect_inputs, parse_many
from policyparse.errors import (
    CorruptDocument,
    DecodingError,
    InputTooLarge,
    PolicyParseError,
)
from policyparse.io import read
from policyparse.model import PolicyDocument
from policyparse.pipeline import parse, parse_text
from policyparse.structure.outline import MAX_DEPTH, STYLES, OutlineItem, item_at

from conftest import DEV, FIXTURES, SEED
from conftest_reliability import (
    BAD_CASES,
    BadCase,
    billion_laughs_dtd,
    build_bad_corpus,
    corrupt_deflate,
    docx_with_document_xml,
    long_policy_text,
    nested_numbering_text,
    rename_main_part,
    rezip,
    small_docx,
    text_pdf,
    zip_bomb,
)

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_bad_corpus(tmp_path_factory.mktemp("bad"))


def _outcome(path: Path) -> PolicyDocument | PolicyParseError:
    try:
        return parse(path)
    except PolicyParseError as err:
        return err


# ----------------------------------------------------------------------------- the bad corpus


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_each_bad_input_gives_its_error_type_and_a_message_naming_the_file(case: BadCase, bad_corpus: dict[str, Path]) -> None:
    if case.name not in bad_corpus:
        pytest.skip(case.skip_reason or f"{case.name} could not be built here")
    path = bad_corpus[case.name]
    outcome = _outcome(path)
    if case.error is None:
        assert isinstance(outcome, PolicyDocument), f"{case.name}: expected a document, got {outcome!r}"
        assert re.search(case.message, " ".join(outcome.warnings) + "\n" + (outcome.text or "")), outcome.warnings
        return
    assert type(outcome) is case.error, f"{case.name}: expected {case.error.__name__}, got {outcome!r}"
    assert str(path) in str(outcome), "the message must name the file"
    assert re.search(case.message, str(outcome)), str(outcome)
    assert "\n" not in str(outcome), "one line"


def test_gbk_text_without_a_label_decodes_to_the_same_text(bad_corpus: dict[str, Path]) -> None:
    doc = parse(bad_corpus["gbk_unlabelled"])
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert doc.metadata is not None and doc.metadata.encoding == "gb18030"


def test_gbk_text_behind_a_utf8_byte_order_mark_decodes_to_the_same_text(bad_corpus: dict[str, Path]) -> None:
    doc = parse(bad_corpus["gbk_says_utf8"])
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert doc.metadata is not None and doc.metadata.encoding == "gb18030"


def test_random_bytes_behind_a_utf8_byte_order_mark_are_a_decoding_error() -> None:
    rng = random.Random(11)
    with pytest.raises(DecodingError, match="byte-order mark but does not decode"):
        parse(b"\xef\xbb\xbf" + bytes(rng.randrange(256) for _ in range(4096)), path="bom_garbage.txt")


def test_a_gbk_page_that_declares_utf8_decodes_to_the_same_text_as_its_utf8_twin(bad_corpus: dict[str, Path]) -> None:
    gbk, twin = parse(bad_corpus["gbk_html_says_utf8"]), parse(bad_corpus["utf8_html"])
    assert gbk.text == twin.text
    assert "重点任务" in gbk.text


def test_translated_library_errors_keep_their_cause(bad_corpus: dict[str, Path]) -> None:
    for name in ("truncated_pdf", "truncated_docx", "corrupt_deflate_docx"):
        outcome = _outcome(bad_corpus[name])
        assert isinstance(outcome, CorruptDocument) and outcome.__cause__ is not None, name


def test_a_batch_over_the_bad_corpus_and_the_dev_corpus_writes_one_record_per_input(
    bad_corpus: dict[str, Path], tmp_path: Path
) -> None:
    folder = next(iter(bad_corpus.values())).parent
    inputs = collect_inputs([folder, DEV])
    out = tmp_path / "records.jsonl"
    records = list(parse_many([folder, DEV], workers=2, out=out, timeout=120))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(records) == len(lines) == len(inputs) == len(bad_corpus) + len(collect_inputs(DEV))
    assert [json.loads(line)["path"] for line in lines] == [i.path for i in inputs]
    by_path = {r["path"]: r for r in records}
    for case in BAD_CASES:
        if case.name not in bad_corpus:
            continue
        record = by_path[str(bad_corpus[case.name])]
        if case.error is None:
            assert record["ok"], record
        else:
            assert (record["ok"], record["error"], record["code"]) == (False, case.error.__name__, case.error.code), record
    assert all(by_path[i.path]["ok"] for i in collect_inputs(DEV)), "every dev document parses"


# ----------------------------------------------------------------------------- limits trip first


def _peak(fn: Callable[[], Any]) -> tuple[Any, int]:
    """(what ``fn`` returned or raised, peak bytes allocated while it ran)."""
    tracemalloc.start()
    try:
        try:
            result: Any = fn()
        except PolicyParseError as err:
            result = err
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_1gb_file_is_refused_by_its_size_before_a_byte_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as f:
        f.truncate(1024 * MiB)  # sparse: no data is written
    err, peak = _peak(lambda: read(huge))
    assert isinstance(err, InputTooLarge) and "max_input_bytes" in str(err) and str(huge) in str(err)
    assert peak < 1 * MiB


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = zip_bomb(small_docx(["关于印发工作方案的通知"]), 64 * MiB)
    err, peak = _peak(lambda: read(bomb, path="bomb.docx"))
    assert isinstance(err, InputTooLarge) and "max_zip_ratio" in str(err)
    assert peak < 4 * MiB, "the 64 MiB member must not be inflated"


def test_the_declared_size_limit_trips_before_inflating() -> None:
    base = small_docx(["关于印发工作方案的通知"])
    extra = {f"word/media/part{i}.bin": bytes(2 * MiB) for i in range(4)}
    err, peak = _peak(lambda: read(rezip(base, extra), path="big.docx", limits={"max_zip_uncompressed": 4 * MiB}))
    assert isinstance(err, InputTooLarge) and "max_zip_uncompressed" in str(err)
    assert peak < 2 * MiB


def test_the_zip_entry_limit_trips_before_any_member_is_read() -> None:
    base = small_docx(["关于印发工作方案的通知"])
    many = rezip(base, {f"customXml/item{i}.xml": b"<a/>" for i in range(50)})
    with pytest.raises(InputTooLarge, match="max_zip_entries"):
        read(many, path="many.docx", limits={"max_zip_entries": 40})


def test_a_member_that_lies_about_its_size_is_cut_at_the_declared_size() -> None:
    base = small_docx(["关于印发工作方案的通知"])
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        padded = z.read("word/document.xml") + b" " * (16 * MiB)  # trailing blanks: still well-formed
    liar = _declare_size(rezip(base, {"word/document.xml": padded}), "word/document.xml", 1024)
    err, peak = _peak(lambda: read(liar, path="liar.docx"))
    assert isinstance(err, CorruptDocument) and "liar.docx" in str(err)
    assert peak < 4 * MiB, "the member must not be inflated past its declared 1 KiB"


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """``data`` with the uncompressed size of member ``name`` rewritten in both of its headers
    (``name`` must be written without zip64 extras)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        local = z.getinfo(name).header_offset
    out = bytearray(data)
    raw = name.encode()
    central = data.find(b"PK\x01\x02")
    while central >= 0 and data[central + 46 : central + 46 + len(raw)] != raw:
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", out, local + 22, size)
    struct.pack_into("<I", out, central + 24, size)
    return bytes(out)


def test_the_pdf_page_limit_trips_before_any_page_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import policyparse.io.pdf as pdf_reader

    def must_not_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("page content was read before the page limit was checked")

    monkeypatch.setattr(pdf_reader, "page_to_content", must_not_run)
    with pytest.raises(InputTooLarge, match="3 pages, above max_pdf_pages=2") as err:
        read(text_pdf(["page one", "page two", "page three"]), path="long.pdf", limits={"max_pdf_pages": 2})
    assert "long.pdf" in str(err.value)


def test_the_html_size_limit_trips_before_the_page_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import lxml.html

    def must_not_run(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the page was parsed before its size was checked")

    monkeypatch.setattr(lxml.html, "document_fromstring", must_not_run)
    page = "<html><body>" + "<p>关于加强组织领导的通知</p>" * 50_000 + "</body></html>"
    with pytest.raises(InputTooLarge, match="max_html_chars"):
        read(page.encode(), path="big.html", limits={"max_html_chars": 100_000})


def test_the_outline_never_nests_deeper_than_its_numbering_families() -> None:
    doc = parse_text(nested_numbering_text(rounds=300))

    def depth(nodes: list[Any]) -> int:
        return 1 + max((depth(n.children) for n in nodes), default=0) if nodes else 0

    assert depth(doc.outline) == len(STYLES) <= MAX_DEPTH
    assert len(doc.outline) == 1 and len(doc.outline[0].children) == 300


def test_a_page_nested_past_the_parser_limit_is_too_large_not_empty() -> None:
    deep = "<html><body>" + "<div>" * 300 + "<p>一、总体要求</p>" + "</div>" * 300 + "</body></html>"
    with pytest.raises(InputTooLarge, match="256 deep") as err:
        read(deep.encode(), path="deep.html")
    assert "deep.html" in str(err.value)


def test_a_page_nested_past_the_parser_limit_keeps_what_came_before_with_a_warning() -> None:
    deep = "<html><body><p>关于加强组织领导的通知</p>" + "<div>" * 300 + "<p>一、总体要求</p>" + "</div>" * 300 + "</body></html>"
    doc = parse(deep.encode(), path="deep.html")
    assert doc.title and "关于加强组织领导的通知" in doc.text
    assert any("256 deep" in w for w in doc.warnings)


def test_an_html_billion_laughs_is_not_expanded() -> None:
    page = billion_laughs_dtd("html") + "<html><body><p>关于加强组织领导的通知</p><p>&l9;</p></body></html>"
    (doc, peak) = _peak(lambda: parse(page.encode(), path="laughs.html"))
    assert isinstance(doc, PolicyDocument) and len(doc.text) < 200 and "lollol" not in doc.text
    assert peak < 64 * MiB


# ----------------------------------------------------------------------------- regressions (fuzz finds)


def test_a_corrupt_deflate_stream_in_a_docx_is_corrupt_not_a_zlib_error() -> None:
    data = corrupt_deflate(small_docx(["关于印发工作方案的通知"]), "word/document.xml")
    with pytest.raises(CorruptDocument, match="broken") as err:
        parse(data, path="deflate.docx")
    assert "deflate.docx" in str(err.value)


def test_a_corrupt_deflate_stream_in_an_ofd_is_corrupt_not_a_zlib_error() -> None:
    ofd = (FIXTURES.parent / "realfiles" / "06_luqiao_weishengju_pifu.ofd").read_bytes()
    with pytest.raises(CorruptDocument, match="broken zip member"):
        parse(corrupt_deflate(ofd, "Doc_0/Document.xml"), path="deflate.ofd")


def test_a_corrupt_content_types_part_does_not_break_format_detection() -> None:
    data = corrupt_deflate(small_docx(["通知"]), "[Content_Types].xml")
    with pytest.raises(CorruptDocument):
        parse(data, path="types.docx")


def test_a_zip_whose_directory_offset_points_past_its_start_is_corrupt_not_a_value_error() -> None:
    data = bytearray(small_docx(["关于印发工作方案的通知"]))
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    struct.pack_into("<I", data, end + 16, offset + 4096)  # "negative seek value" inside zipfile
    with pytest.raises(CorruptDocument, match="negative seek") as err:
        parse(bytes(data), path="offset.docx")
    assert isinstance(err.value.__cause__, ValueError)


def test_a_member_with_an_unknown_compression_method_is_corrupt() -> None:
    data = bytearray(small_docx(["关于印发工作方案的通知"]))
    for sig, field in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        pos = data.find(sig)
        while pos >= 0:
            struct.pack_into("<H", data, pos + field, 99)
            pos = data.find(sig, pos + 4)
    with pytest.raises(CorruptDocument):
        parse(bytes(data), path="method.docx")


@pytest.mark.parametrize("media_box", ["[0 0 /x 842]", "[0 0 /a /b /c 595 842]"])
def test_a_pdf_whose_media_box_is_not_numbers_is_corrupt_even_though_closing_it_fails_again(media_box: str) -> None:
    with pytest.raises(CorruptDocument, match="broken PDF") as err:
        parse(text_pdf(["Hello"], media_box=media_box), path="box.pdf")
    assert "box.pdf" in str(err.value)


def test_a_dtd_hidden_behind_a_long_comment_is_still_refused() -> None:
    dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    data = docx_with_document_xml(small_docx(["通知"]), prolog="<!--" + " " * 8000 + "-->" + dtd, entity="&xxe;")
    with pytest.raises(CorruptDocument, match="declares a DTD"):
        parse(data, path="hidden.docx")


def test_a_dtd_in_a_part_named_without_xml_suffix_is_refused() -> None:
    dtd = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    plain = rename_main_part(small_docx(["通知正文"]), "word/main.dat")
    assert read(plain, path="renamed.docx").text == "通知正文", "a renamed main part is legal"
    evil = rename_main_part(docx_with_document_xml(small_docx(["通知正文"]), prolog=dtd, entity="&xxe;"), "word/main.dat")
    with pytest.raises(CorruptDocument, match="word/main.dat declares a DTD"):
        read(evil, path="renamed.docx")


def _hostile_inputs() -> list[bytes]:
    notice = small_docx(["关于印发工作方案的通知"])
    pdf = text_pdf(["Notice"])
    ofd = (FIXTURES.parent / "realfiles" / "06_luqiao_weishengju_pifu.ofd").read_bytes()
    rng = random.Random(7)
    return [b"", b"\x00" * 64, bytes(rng.randrange(256) for _ in range(4096)), b"%PDF-1.4\n", b"PK\x03\x04" + bytes(60),
            notice[: len(notice) // 3], corrupt_deflate(notice, "word/document.xml"), pdf[: len(pdf) // 2],
            text_pdf(["x"], media_box="[0 0 /x 842]"), ofd[: len(ofd) // 2], corrupt_deflate(ofd, "OFD.xml"),
            b"<html>" + b"<div>" * 400, "\ufeff<?xml version='1.0'?><html><body>通知".encode()]  # fmt: skip


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf", "ofd"])
def test_every_reader_turns_its_library_failures_into_policyparse_errors(fmt: str) -> None:
    """Each reader is fed every hostile input (whatever its format): only PolicyParseError comes out."""
    outcomes = set()
    for data in _hostile_inputs():
        try:
            read(data, format=fmt, path=f"hostile.{fmt}")
            outcomes.add("document")
        except PolicyParseError as err:
            assert f"hostile.{fmt}" in str(err)
            outcomes.add(type(err).__name__)
    assert outcomes - {"document"}, "the hostile inputs must make the reader fail"


def test_a_utf8_file_with_a_corrupt_byte_keeps_its_text_with_a_warning() -> None:
    data = bytearray(SEED.read_bytes())
    data[3000] ^= 0x40  # inside a CJK character: an invalid sequence, not another encoding
    doc = parse(bytes(data), path="flipped.txt")
    assert doc.metadata is not None and doc.metadata.encoding == "utf-8"
    assert (doc.text or "").count("\ufffd") >= 1 and len(doc.text or "") > 6000
    assert any("not valid UTF-8" in w for w in doc.warnings)


def test_a_utf8_file_cut_inside_a_character_keeps_its_text_with_a_warning() -> None:
    data = SEED.read_bytes()
    cut = next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0xE0) + 1  # one byte into a character
    doc = parse(data[:cut], path="cut.txt")
    assert (doc.text or "").endswith("\ufffd") and doc.title
    assert any("cut inside a character" in w for w in doc.warnings)


def test_a_utf8_page_with_a_corrupt_byte_keeps_its_text_with_a_warning() -> None:
    data = bytearray((DEV / "html" / "001_guobanfa_2018_117.html").read_bytes())
    data[data.find("国务院".encode()) + 1] ^= 0x40
    doc = parse(bytes(data), path="flipped.html")
    assert "办公厅关于对真抓实干成效明显地方" in (doc.title or "")
    assert any("not valid UTF-8" in w for w in doc.warnings)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_a_gbk_or_utf16_file_cut_inside_a_character_keeps_its_text_with_a_warning(encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    k = next(i for i in range(len(text) // 2, len(text)) if "\u4e00" <= text[i] <= "\u9fff")
    data = text.encode(encoding)[: len(text[:k].encode(encoding)) + 1]  # one byte of a two-byte character
    doc = parse(data, path="cut.txt")
    assert doc.title and (doc.text or "").endswith("\ufffd") and len(doc.text or "") == k + 1
    assert any("cut inside a character" in w for w in doc.warnings), doc.warnings


def test_a_gbk_file_with_corrupt_bytes_keeps_its_text_with_a_warning() -> None:
    data = bytearray(SEED.read_text(encoding="utf-8").encode("gb18030"))
    for pos in (2001, 4001, 6001):
        data[pos] = 0xFF  # never valid in GB18030
    doc = parse(bytes(data), path="flipped_gbk.txt")
    assert doc.metadata is not None and doc.metadata.encoding == "gb18030" and doc.title
    assert any("not valid GB18030" in w for w in doc.warnings), doc.warnings


def test_mostly_ascii_gbk_text_is_still_read_as_gbk_not_as_damaged_utf8() -> None:
    text = "Notice on the work of 湖南 and its tasks, mostly in ASCII. " * 30
    doc = parse(text.encode("gbk"), path="ascii_gbk.txt")
    assert doc.metadata is not None and doc.metadata.encoding == "gb18030" and "湖南" in (doc.text or "")
    assert not doc.warnings


def test_looking_up_the_outline_item_of_every_task_of_a_long_document_is_not_quadratic() -> None:
    n = 20_000  # sections of two levels: a level-1 item every third, holding the two after it
    flat = [OutlineItem(path=str(i), title="", start=10 * i, end=10 * i + (28 if i % 3 == 0 else 8),
                        level=1 if i % 3 == 0 else 2, style="han-dun") for i in range(n)]  # fmt: skip
    rng = random.Random(0)
    offsets = [rng.randrange(10 * n) for _ in range(n)]
    t0 = time.perf_counter()
    found = [item_at(flat, o) for o in offsets]
    assert time.perf_counter() - t0 < 1.0, "20,000 lookups in 20,000 items must not take 400 million steps"
    for o, it in zip(offsets[:100], found[:100], strict=True):
        holders = [(x.level, i) for i, x in enumerate(flat) if x.start <= o <= x.end]
        assert it is (flat[max(holders)[1]] if holders else None)


def test_a_200_page_document_parses_within_the_time_budget() -> None:
    text, n_tasks = long_policy_text(pages=200)
    t0 = time.perf_counter()
    doc = parse_text(text)
    assert time.perf_counter() - t0 < 10.0
    assert len(text) > 200 * 1200
    assert len([t for t in doc.tasks if t.form == "parenthetical"]) == n_tasks


# ----------------------------------------------------------------------------- partial results


def test_an_annex_table_that_cannot_be_rebuilt_leaves_the_envelope_and_tasks_and_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from policyparse import extract

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("synthetic failure in the table rebuilder")

    intact = parse(SEED)
    monkeypatch.setenv("POLICYPARSE_STRICT", "0")  # the test suite re-raises by default
    monkeypatch.setattr(extract, "find_tables", broken)
    doc = parse(SEED)

    def body_tasks(d: PolicyDocument) -> list[str]:
        return [t.assignment_text for x in d.walk() for t in x.tasks if t.form == "parenthetical"]

    assert (doc.title, doc.date, doc.doc_number) == (intact.title, intact.date, intact.doc_number)
    assert body_tasks(doc) == body_tasks(intact) != [], "the body's tasks survive"
    assert not any(ax.tables for x in doc.walk() for ax in x.annexes)
    warnings = [w for x in doc.walk() for w in x.warnings]
    skipped = [w for w in warnings if "synthetic failure in the table rebuilder" in w]
    assert skipped and all("附件" in w and "skipped" in w for w in skipped), warnings


def test_an_extractor_error_is_raised_in_strict_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    from policyparse import extract

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("synthetic failure")

    monkeypatch.setenv("POLICYPARSE_STRICT", "1")
    monkeypatch.setattr(extract, "find_tables", broken)
    with pytest.raises(RuntimeError, match="synthetic failure"):
        parse(SEED)
