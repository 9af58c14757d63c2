"""Generators of resource bombs: tiny inputs that expand to huge grids, texts or drawings.

Each generator takes its size as parameters, so the suite builds a fast version (small enough to
trip a budget in well under a second) and ``fuzz/campaign.py --targets bombs`` draws random sizes,
up to the originals of the red-team report (a 150 KB HTML table covering 3.9 GB of grid, a .docx
cell with ``gridSpan=50000000``, an OFD whose 1,000 pages share one content part, a PDF of form
XObjects each drawing the next many times). Nothing hostile is committed.

Also here: the quadratic-time texts (:func:`numbered_items_text`, :func:`unbalanced_titles_text`,
:func:`tasks_on_one_line_text`) and the archive cases of ``batch`` (:func:`nul_zip`,
:func:`many_members_zip`, :func:`duplicate_names_zip`).
"""

from __future__ import annotations

import io
import zipfile

from conftest_reliability import assemble_pdf, rezip, small_docx

OFD_NS = "http://www.ofdspec.org/2016"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TITLE = "关于加强测试工作的通知"

# ----------------------------------------------------------------------------- tables


def html_span_table(rows: int, rowspan: int, colspan: int) -> bytes:
    """An HTML page with a table of ``rows`` rows, each one cell spanning ``rowspan`` × ``colspan``."""
    cells = "".join(f'<tr><td rowspan="{rowspan}" colspan="{colspan}">甲{r}</td><td>乙</td></tr>' for r in range(rows))
    return (f"<html><body><p>{TITLE}</p><table>{cells}</table><p>一、总体要求</p></body></html>").encode()


def docx_grid(*, grid_span: int = 1, grid_before: int = 0, grid_after: int = 0, rows: int = 2) -> bytes:
    """A .docx holding a table whose cells carry the given ``w:gridSpan``/``w:gridBefore``/``w:gridAfter``."""
    tr_pr = ""
    if grid_before or grid_after:
        tr_pr = "<w:trPr>" + (f'<w:gridBefore w:val="{grid_before}"/>' if grid_before else "") + (
            f'<w:gridAfter w:val="{grid_after}"/>' if grid_after else "") + "</w:trPr>"
    tc = (f'<w:tc><w:tcPr><w:gridSpan w:val="{grid_span}"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
          '<w:tc><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc>')
    body = (f'<w:p><w:r><w:t>{TITLE}</w:t></w:r></w:p><w:tbl>' + f"<w:tr>{tr_pr}{tc}</w:tr>" * rows
            + "</w:tbl><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>")
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    return rezip(small_docx(["x"]), {"word/document.xml": xml.encode()})


# ----------------------------------------------------------------------------- OFD


def ofd_shared_content(pages: int, glyphs: int) -> bytes:
    """An OFD whose ``pages`` pages all point at one content part holding ``glyphs`` characters."""
    text = ("测试" * (glyphs // 2 + 1))[:glyphs]
    lines = [text[i : i + 30] for i in range(0, len(text), 30)]
    objects = "".join(
        f'<ofd:TextObject ID="{10 + i}" Font="1" Size="5" Boundary="20 {60 + (i % 38) * 5} 170 6">'
        f'<ofd:TextCode X="0" Y="5" DeltaX="{" ".join(["5"] * (len(line) - 1))}">{line}</ofd:TextCode></ofd:TextObject>'
        for i, line in enumerate(lines)
    )
    content = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Area><ofd:PhysicalBox>'
               f'0 0 210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="9">{objects}</ofd:Layer>'
               "</ofd:Content></ofd:Page>")
    refs = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_0/Content.xml"/>' for i in range(pages))
    members = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
                    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>"
                    "<ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        "Doc_0/Document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                               "<ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
                               f"0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{refs}"
                               "</ofd:Pages></ofd:Document>"),
        "Doc_0/Pages/Page_0/Content.xml": content,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body.encode())
    return buf.getvalue()


# ----------------------------------------------------------------------------- PDF


def pdf_xobject_fanout(depth: int, fanout: int) -> bytes:
    """A one-page PDF whose page draws form X0; form Xk draws X(k+1) ``fanout`` times; the last form
    shows a word. ``depth`` forms: ``fanout ** depth`` drawings of the word."""
    n_fixed = 4  # catalog, pages, font, page
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
                f"/XObject << /X0 {n_fixed + 2} 0 R >> >> /Contents {n_fixed + 1} 0 R >>").encode()]
    page = b"BT /F1 12 Tf 72 780 Td (Notice) Tj ET /X0 Do"
    objects.append(b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream")
    for k in range(depth):
        last = k == depth - 1
        body = b"BT /F1 9 Tf 72 700 Td (word) Tj ET" if last else b" ".join([b"/X Do"] * fanout)
        res = "/Font << /F1 3 0 R >>" if last else f"/XObject << /X {n_fixed + 3 + k} 0 R >>"
        objects.append(f"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {res} >> "
                       f"/Length {len(body)} >>\nstream\n".encode() + body + b"\nendstream")
    return assemble_pdf(objects)


# ----------------------------------------------------------------------------- quadratic texts


def numbered_items_text(n: int) -> str:
    """A notice of ``n`` numbered items (1. … n.), each a short task with its responsible unit."""
    return TITLE + "\n一、重点任务\n" + "\n".join(f"{i}.加强第{i}项工作。（市发展改革委负责）" for i in range(1, n + 1))


def unbalanced_titles_text(n: int) -> str:
    """A notice with ``n`` opening title marks 《 and no closing one."""
    return TITLE + "\n依据" + "《" * n + "执行。\n"


def tasks_on_one_line_text(n: int) -> str:
    """A run-in heading 一、 followed by ``n`` tasks with their units on one line without a sentence end (no 。)."""
    return TITLE + "\n一、" + "".join(f"加强第{i}项建设（市发展改革委负责）" for i in range(n))


# ----------------------------------------------------------------------------- archives for batch


def nul_zip(members: int, size: int) -> bytes:
    """A .zip of ``members`` .txt members of ``size`` NUL bytes each (deflated about 1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for i in range(members):
            z.writestr(f"nul_{i}.txt", b"\x00" * size)
    return buf.getvalue()


def many_members_zip(members: int) -> bytes:
    """A .zip of ``members`` tiny text members (stored)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(members):
            z.writestr(f"m/{i:06d}.txt", f"{TITLE}\n第{i}号".encode())
    return buf.getvalue()


def duplicate_names_zip(copies: int) -> bytes:
    """A .zip holding ``copies`` members all named ``same.txt`` (different contents)."""
    import warnings

    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns "Duplicate name"
        with zipfile.ZipFile(buf, "w") as z:
            for i in range(copies):
                z.writestr("same.txt", f"{TITLE}\n第{i}份".encode())
    return buf.getvalue()


__all__ = ["docx_grid", "duplicate_names_zip", "html_span_table", "many_members_zip", "nul_zip",
           "numbered_items_text", "ofd_shared_content", "pdf_xobject_fanout", "tasks_on_one_line_text",
           "unbalanced_titles_text"]
