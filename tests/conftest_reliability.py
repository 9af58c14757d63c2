"""Builders of hostile and extreme inputs for tests/reliability/test_reliability_inputs.py.

Everything is built in memory or in a temporary folder; nothing hostile is committed. The one
optional tool is ``pypdf`` (for the password-protected PDF): without it that case is skipped.

:data:`BAD_CASES` lists the bad corpus: file name, the error ``parse`` must raise (``None`` when a
document is the honest outcome) and a pattern its message (or the document's warnings and text)
must match. :func:`build_bad_corpus` writes it into a folder.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from policyparse.errors import (
    CorruptDocument,
    DecodingError,
    EmptyDocument,
    EncryptedDocument,
    InputTooLarge,
    NestingTooDeep,
    NoTextLayer,
    PolicyParseError,
    TableTooLarge,
    TextTooLarge,
    UnsupportedFormat,
)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seed" / "000_f2a56335dda66f79.txt"
SEED_PDF = ROOT / "corpora" / "fixtures" / "seed.pdf"
MiB = 1024 * 1024
_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..999 in Chinese numerals as a statute writes them (十一, 一百零五, 三百)."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = _DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")


# ----------------------------------------------------------------------------- zip packages


def small_docx(paragraphs: list[str]) -> bytes:
    """A .docx made by python-docx holding ``paragraphs``."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The zip ``data`` with the members of ``replace`` replaced or added (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info.filename, src.read(info))
        for name, body in replace.items():
            dst.writestr(name, body)
    return out.getvalue()


def zip_bomb(data: bytes, size: int, *, name: str = "word/media/fill.bin") -> bytes:
    """The zip ``data`` plus a member of ``size`` zero bytes, deflated about 1000:1 (streamed, so
    building it never holds ``size`` bytes; below 2 GiB, so without zip64 extras)."""
    out = io.BytesIO(rezip(data, {}))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z, z.open(name, "w") as m:
        chunk = bytes(MiB)
        for _ in range(size // MiB):
            m.write(chunk)
    return out.getvalue()


def billion_laughs_dtd(root: str, levels: int = 9) -> str:
    """A DOCTYPE for ``root`` whose entity ``l<levels>`` expands to 3·10^levels characters."""
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def docx_with_document_xml(data: bytes, *, prolog: str, entity: str = "") -> bytes:
    """The .docx ``data`` with ``prolog`` (a DOCTYPE …) put after the XML declaration of
    word/document.xml and ``entity`` (a reference such as ``&xxe;``) into its first text run."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    decl_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    xml = xml[:decl_end] + prolog + xml[decl_end:]
    run = xml.index("<w:t")
    run = xml.index(">", run) + 1
    xml = xml[:run] + entity + xml[run:]
    return rezip(data, {"word/document.xml": xml.encode("utf-8")})


def rename_main_part(data: bytes, name: str) -> bytes:
    """The .docx ``data`` with word/document.xml moved to ``name`` (relationships and content
    types follow), as a package may legally name its parts."""
    old = "word/document.xml"
    rels_old, rels_new = "word/_rels/document.xml.rels", f"{name.rsplit('/', 1)[0]}/_rels/{name.rsplit('/', 1)[1]}.rels"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                body = body.replace(old.encode(), name.encode())
            dst.writestr({old: name, rels_old: rels_new}.get(info.filename, info.filename), body)
    return out.getvalue()


# ----------------------------------------------------------------------------- PDFs and images


def text_pdf(pages: list[str], *, media_box: str = "[0 0 595 842]") -> bytes:
    """A PDF with one page of Helvetica (ASCII) text per item of ``pages``, with a correct xref."""
    n = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]  # fmt: skip
    for i, text in enumerate(pages):
        content = f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox {media_box} /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())  # fmt: skip
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return assemble_pdf(objects)


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF file: the numbered objects (1 is the catalog), an xref table and a trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypted_pdf(data: bytes, password: str = "secret") -> bytes:
    """``data`` encrypted with a user password (needs pypdf; ImportError otherwise)."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def page_image(fmt: str) -> bytes:
    """A white A4-ish page image as PNG bytes (``fmt='PNG'``) or as an image-only PDF (``'PDF'``)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (210, 297), 255).save(buf, fmt)
    return buf.getvalue()


# ----------------------------------------------------------------------------- long and deep text


def long_policy_text(pages: int) -> tuple[str, int]:
    """A notice of about ``pages`` printed pages (≈1,500 characters each): one 一、 section per
    page, four （一） items each closed by a responsibility parenthetical. Returns the text and
    the number of parentheticals."""
    units = ("省发展改革委", "省财政厅", "省工业和信息化厅", "省科技厅", "省自然资源厅", "省教育厅")
    lines = ["湖南省人民政府办公厅关于印发《加快推进产业集群发展工作方案》的通知", "各市州人民政府，省直机关各单位：",
             "现将《加快推进产业集群发展工作方案》印发给你们，请认真贯彻执行。"]  # fmt: skip
    n_tasks = 0
    for p in range(1, pages + 1):
        lines.append(f"{cn_number(p)}、第{cn_number(p)}项重点工作")
        for k in range(1, 5):
            a, b = units[(p + k) % len(units)], units[(p + 2 * k + 1) % len(units)]
            filler = "坚持问题导向和目标导向，统筹推进要素保障、平台建设和企业培育，" * 10
            lines.append(f"（{cn_number(k)}）推进第{p}项第{k}类任务。{filler}确保各项措施落地见效。（{a}、{b}负责）")
            n_tasks += 1
    lines += ["湖南省人民政府办公厅", "2021年8月17日"]
    return "\n".join(lines) + "\n", n_tasks


def nested_numbering_text(rounds: int) -> str:
    """A statute-like text nesting all thirteen numbering families (编 章 节 条 1 1.1 1.1.1 第一部分 一、 （一） 1.
    （1） ①), with ``rounds`` chapters under one 编, each carrying the full chain down to ①."""
    lines = ["某某省产业促进条例", "第一编 总则"]
    for r in range(1, rounds + 1):
        lines += [f"第{cn_number(r)}章 第{r}章的规定", "第一节 一般规定", f"第{cn_number(r)}条 为了规范工作，制定本条。",
                  "1 总则", "1.1 编制目的", "1.1.1 工作原则", "第一部分 总体安排", "一、总体要求", "（一）加强组织领导。", "1.完善工作制度。", "（1）明确工作责任。", "①落实各项措施。"]  # fmt: skip
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- the bad corpus


@dataclass(frozen=True)
class BadCase:
    name: str
    filename: str
    error: type[PolicyParseError] | None  # None: a document is the honest outcome
    message: str  # regex on str(error), or on the document's warnings + text
    skip_reason: str | None = None


BAD_CASES = (
    BadCase("truncated_pdf", "truncated.pdf", CorruptDocument, r"broken PDF"),
    BadCase("encrypted_pdf", "encrypted.pdf", EncryptedDocument, r"password",
            "pypdf is not installed: pip install pypdf to build the password-protected PDF"),
    BadCase("image_named_pdf", "photo_of_notice.pdf", UnsupportedFormat, r"PNG image.*OCR"),
    BadCase("scanned_pdf", "scanned.pdf", NoTextLayer, r"scanned.*ocrmypdf"),
    BadCase("zip_bomb_docx", "bomb.docx", InputTooLarge, r"expands \d+x.*max_zip_ratio"),
    BadCase("xxe_docx", "xxe.docx", CorruptDocument, r"word/document\.xml declares a DTD"),
    BadCase("laughs_docx", "laughs.docx", CorruptDocument, r"word/document\.xml declares a DTD"),
    BadCase("hidden_dtd_docx", "hidden_dtd.docx", CorruptDocument, r"declares a DTD"),
    BadCase("truncated_docx", "truncated.docx", CorruptDocument, r"zip"),
    BadCase("truncated_txt", "truncated.txt", None, r"not valid UTF-8 .* cut inside a character"),
    BadCase("corrupt_deflate_docx", "deflate.docx", CorruptDocument, r"broken"),
    BadCase("gbk_says_utf8", "gbk_with_utf8_bom.txt", None, r"UTF-8 byte-order mark but its content is GB18030"),
    BadCase("gbk_unlabelled", "gbk.txt", None, r"重点任务"),
    BadCase("gbk_html_says_utf8", "gbk_declared_utf8.html", None, r"重点任务"),
    BadCase("utf8_html", "utf8.html", None, r"重点任务"),
    BadCase("empty", "empty.txt", EmptyDocument, r"no text"),
    BadCase("blank", "blank.txt", EmptyDocument, r"no text"),
    BadCase("garbage", "garbage.txt", DecodingError, r"decode as none of"),
    BadCase("huge_1gb", "huge.txt", InputTooLarge, r"1073741824 bytes, above max_input_bytes"),
    BadCase("long_200_pages", "long.txt", None, r"第二百项重点工作"),
    BadCase("nested_numbering", "nested.txt", None, r"①落实各项措施"),
    BadCase("laughs_html", "laughs.html", None, r"关于加强组织领导的通知"),
    BadCase("deep_html", "deep.html", InputTooLarge, r"256 deep"),
    # resource bombs and quadratic cases of issue 21 (generators in conftest_bombs.py)
    BadCase("html_span_bomb", "span_bomb.html", TableTooLarge, r"max_table_cells"),
    BadCase("docx_gridspan_bomb", "gridspan_bomb.docx", TableTooLarge, r"w:gridSpan.*max_table_span"),
    BadCase("docx_gridafter_bomb", "gridafter_bomb.docx", TableTooLarge, r"w:gridAfter.*max_table_span"),
    BadCase("ofd_shared_parts", "shared_parts.ofd", TextTooLarge, r"max_text_chars"),
    BadCase("pdf_xobject_fanout", "fanout.pdf", NestingTooDeep, r"max_pdf_xobjects"),
    BadCase("nul_only", "nul.txt", EmptyDocument, r"NUL"),
    BadCase("binary_txt", "binary.txt", DecodingError, r"binary data"),
    BadCase("unbalanced_titles", "unbalanced_titles.txt", None, r"依据《《《"),
    BadCase("tasks_on_one_line", "tasks_one_line.txt", None, r"加强第2999项建设"),
)  # fmt: skip


def _seed_html(encoding: str) -> bytes:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    page = f'<html><head><meta charset="utf-8"><title>通知</title></head><body><div class="article-content">{body}</div></body></html>'
    return page.encode(encoding)


def corrupt_deflate(data: bytes, name: str) -> bytes:
    """``data`` with the deflate stream of member ``name`` starting with an invalid block type."""
    import struct

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        header = z.getinfo(name).header_offset
    out = bytearray(data)
    n_name, n_extra = struct.unpack_from("<HH", out, header + 26)
    out[header + 30 + n_name + n_extra] = 0x07  # BFINAL=1, BTYPE=11 (reserved)
    return bytes(out)


def _cut_inside_a_character(data: bytes, near: int) -> bytes:
    """``data`` cut one byte into the first multi-byte UTF-8 character at or after ``near``."""
    start = next(i for i in range(near, len(data)) if data[i] >= 0xC0)
    return data[: start + 1]


def build_bad_corpus(folder: Path) -> dict[str, Path]:
    """Write every buildable case of :data:`BAD_CASES` into ``folder``; return name -> path."""
    seed_text = SEED.read_text(encoding="utf-8")
    notice = small_docx(["湖南省人民政府办公厅关于印发工作方案的通知", "一、总体要求", "加强组织领导。（省发展改革委负责）"])
    pdf = SEED_PDF.read_bytes()
    rng = random.Random(20240501)
    builders = {
        "truncated_pdf": lambda: pdf[: len(pdf) * 6 // 10],
        "encrypted_pdf": lambda: encrypted_pdf(text_pdf(["Notice on strengthening the work"])),
        "image_named_pdf": lambda: page_image("PNG"),
        "scanned_pdf": lambda: page_image("PDF"),
        "zip_bomb_docx": lambda: zip_bomb(notice, 64 * MiB),
        "xxe_docx": lambda: docx_with_document_xml(
            notice, prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', entity="&xxe;"),
        "laughs_docx": lambda: docx_with_document_xml(notice, prolog=billion_laughs_dtd("w:document"), entity="&l9;"),
        "hidden_dtd_docx": lambda: docx_with_document_xml(
            notice, prolog="<!--" + " " * 8000 + '--><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
            entity="&x;"),
        "truncated_docx": lambda: notice[: len(notice) // 2],
        "truncated_txt": lambda: _cut_inside_a_character(seed_text.encode("utf-8"), 4000),
        "corrupt_deflate_docx": lambda: corrupt_deflate(notice, "word/document.xml"),
        "gbk_says_utf8": lambda: b"\xef\xbb\xbf" + seed_text.encode("gbk"),
        "gbk_unlabelled": lambda: seed_text.encode("gbk"),
        "gbk_html_says_utf8": lambda: _seed_html("gbk"),
        "utf8_html": lambda: _seed_html("utf-8"),
        "empty": lambda: b"",
        "blank": lambda: " \r\n\t\n\u3000\n".encode("utf-8"),
        "garbage": lambda: bytes(rng.randrange(256) for _ in range(8192)),
        "long_200_pages": lambda: long_policy_text(200)[0].encode("utf-8"),
        "nested_numbering": lambda: nested_numbering_text(40).encode("utf-8"),
        "laughs_html": lambda: (billion_laughs_dtd("html") + "<html><body><p>关于加强组织领导的通知</p><p>&l9;</p>"
                                "</body></html>").encode("utf-8"),
        "deep_html": lambda: ("<html><body>" + "<div>" * 300 + "<p>一、总体要求</p>" + "</div>" * 300
                              + "</body></html>").encode(),
    }
    import conftest_bombs as bombs

    builders.update({
        "html_span_bomb": lambda: bombs.html_span_table(2000, 2000, 1000),
        "docx_gridspan_bomb": lambda: bombs.docx_grid(grid_span=50_000_000),
        "docx_gridafter_bomb": lambda: bombs.docx_grid(grid_after=1_000_000_000),
        "ofd_shared_parts": lambda: bombs.ofd_shared_content(1000, 20000),
        "pdf_xobject_fanout": lambda: bombs.pdf_xobject_fanout(10, 10),
        "nul_only": lambda: b"\x00" * 300_000,
        "binary_txt": lambda: bytes(range(256)) * 16,  # decodes (as GB18030), but is binary
        "unbalanced_titles": lambda: bombs.unbalanced_titles_text(30000).encode(),
        "tasks_on_one_line": lambda: bombs.tasks_on_one_line_text(3000).encode(),
    })
    out: dict[str, Path] = {}
    for case in BAD_CASES:
        path = folder / case.filename
        if case.name == "huge_1gb":
            with open(path, "wb") as f:
                f.truncate(1024 * MiB)  # sparse: nothing is written
        else:
            try:
                data = builders[case.name]()
            except ImportError:
                continue
            path.write_bytes(data)
        out[case.name] = path
    return out


__all__ = ["BAD_CASES", "BadCase", "billion_laughs_dtd", "build_bad_corpus", "cn_number", "corrupt_deflate", "docx_with_document_xml",
           "encrypted_pdf", "long_policy_text", "nested_numbering_text", "page_image", "rename_main_part", "rezip", "small_docx",
           "text_pdf", "zip_bomb"]  # fmt: skip
