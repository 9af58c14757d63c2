"""Hypothesis profiles, strategies and the parse contract shared by tests/reliability/test_properties.py and
fuzz/campaign.py.

Profiles (select one with the environment variable ``POLICYPARSE_HYPOTHESIS_PROFILE``):

* ``ci`` (default): 80 examples per test, ``deadline=None`` (the time budget is measured by
  :func:`check_parse_contract` instead), derandomized so that a CI run is reproducible, no
  example database written into the repository.
* ``campaign``: 20,000 examples per target, random, for ``fuzz/campaign.py`` (run outside CI).

Strategies build two kinds of input:

* :func:`policy_documents` — synthetic 公文 text: 版头, 发文字号, title, recipients, an outline
  numbered 一、/（一）/1./（1）/① with skipped and restarted levels, task sentences closed by
  responsibility parentheticals (half- and full-width), a lead rule, repeal and effective
  clauses, targets, a signature, and annexes holding bar-flattened tables (``TEXT |`` lines and
  ``||`` closing lines).
* :func:`mutated_corpus_bytes` — a real corpus text (corpora/seed, corpora/dev) after 1-4
  mutations: truncation, byte flips, encoding swaps (GB18030, Big5, UTF-16, a BOM that lies),
  random brackets and bars, deleted and duplicated lines.

:func:`check_parse_contract` is the property: ``parse`` returns a PolicyDocument or raises a
PolicyParseError naming the input, within :data:`TIME_BUDGET` seconds, every span lies inside
the text, and a second parse gives identical JSON (or the identical error).
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from policyparse.errors import PolicyParseError
from policyparse.model import PolicyDocument, Span

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"

#: seconds one parse may take on a generated or mutated input
TIME_BUDGET = 5.0
#: targets whose inputs may legitimately reach the readers' budgets (a document of up to
#: ``max_text_chars`` characters) get the bound of issue 21: every input ends within 20 s
TIME_BUDGETS = {"bombs": 20.0}

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=80, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_SUPPRESS, print_blob=True)  # fmt: skip
settings.register_profile("campaign", max_examples=20_000, deadline=None, database=None,
                          suppress_health_check=_SUPPRESS, print_blob=True)  # fmt: skip
PROFILE = os.environ.get("POLICYPARSE_HYPOTHESIS_PROFILE", "ci")


def profile(max_examples: int | None = None) -> settings:
    """The active profile's settings, with ``max_examples`` scaled down for slow targets in CI."""
    base = settings.get_profile(PROFILE)
    if max_examples is None or PROFILE != "ci":
        return base
    return settings(base, max_examples=max_examples)


# ----------------------------------------------------------------------------- the property


class ContractViolation(AssertionError):
    """The parse broke its contract (other than by raising a foreign exception)."""


def _spans(x: Any, out: list[Span]) -> None:
    if isinstance(x, Span):
        out.append(x)
    elif isinstance(x, PolicyDocument) or hasattr(type(x), "model_fields"):
        for name in type(x).model_fields:
            _spans(getattr(x, name), out)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _spans(v, out)
    elif isinstance(x, dict):
        for v in x.values():
            _spans(v, out)


def _timed_parse(source: Any, **kwargs: Any) -> tuple[PolicyDocument | PolicyParseError, float]:
    from policyparse.pipeline import parse, parse_text

    t0 = time.perf_counter()
    try:  # a str target is document text, bytes are a file's content
        outcome: PolicyDocument | PolicyParseError = (parse_text if isinstance(source, str) else parse)(source, **kwargs)
    except PolicyParseError as err:
        outcome = err
    return outcome, time.perf_counter() - t0


def _fingerprint(outcome: PolicyDocument | PolicyParseError) -> str:
    if isinstance(outcome, PolicyParseError):
        return f"{type(outcome).__name__}: {outcome}"
    return outcome.model_dump_json()


def check_parse_contract(source: Any, *, path: str | None = None, format: str | None = None,
                         deterministic: bool = True, time_budget: float = TIME_BUDGET
                         ) -> PolicyDocument | PolicyParseError:  # fmt: skip
    """Parse ``source`` and assert the reliability contract; return the document or the error.

    Any exception other than PolicyParseError propagates (so hypothesis reports it).
    ``path``: the name the input is given; an error must name it.
    ``time_budget``: seconds one parse may take (:data:`TIME_BUDGETS` per target).
    """
    kwargs: dict[str, Any] = {"path": path, "format": format}
    outcome, elapsed = _timed_parse(source, **kwargs)
    if elapsed >= time_budget:
        raise ContractViolation(f"parse took {elapsed:.2f} s, above the budget of {time_budget} s")
    if isinstance(outcome, PolicyParseError):
        if path is not None and path not in str(outcome):
            raise ContractViolation(f"the error does not name the input {path!r}: {outcome}")
    else:
        if not isinstance(outcome, PolicyDocument):
            raise ContractViolation(f"parse returned {type(outcome).__name__}, not a PolicyDocument")
        text = outcome.text or ""
        found: list[Span] = []
        _spans(outcome, found)
        bad = [s for s in found if not 0 <= s.start <= s.end <= len(text)]
        if bad:
            raise ContractViolation(f"{len(bad)} span(s) outside the text of {len(text)} chars, e.g. {bad[0]!r}")
    if deterministic:
        again, _ = _timed_parse(source, **kwargs)
        if _fingerprint(again) != _fingerprint(outcome):
            raise ContractViolation("two parses of the same input differ")
    return outcome


# ----------------------------------------------------------------------------- generated 公文

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
UNITS = ("省发展改革委", "省财政厅", "省工业和信息化厅", "省科技厅", "省自然资源厅", "省教育厅", "省商务厅",
         "各市州人民政府", "国家发展改革委", "财政部", "工业和信息化部", "市卫生健康委", "市民政局", "各区人民政府")  # fmt: skip
ROLE_WORDS = ("", "负责", "牵头负责", "按职责分工负责", "等按职责分工负责", "分别负责")
PHRASES = ("加强组织领导", "完善政策体系", "推动产业集群发展", "强化要素保障", "优化营商环境", "建立健全工作机制",
           "加大财政支持力度", "培育龙头骨干企业", "推进重大项目建设", "做好宣传引导工作", "开展督查评估")  # fmt: skip
LEAD_RULES = ("（排第一的为牵头单位，下同）", "(列第一位者为牵头单位,下同)", "（排在第一位的为牵头单位）")
CELL_WORDS = ("序号", "工作事项", "主要内容", "牵头单位", "配合单位", "完成时限", "工程机械", "2025年底前", "/", "陈 飞")


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十, 九十九)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def marker(level: int, n: int) -> str:
    """The heading marker of ``level`` (1-5) numbered ``n``."""
    return (f"{cn_number(n)}、", f"（{cn_number(n)}）", f"{n}.", f"（{n}）", _CIRCLED[(n - 1) % len(_CIRCLED)])[level - 1]


_cjk_noise = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=0, max_size=12)


@st.composite
def parenthetical(draw: st.DrawFn) -> str:
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4, unique=True))
    sep = draw(st.sampled_from(["、", "，", ",", "、"]))
    role = draw(st.sampled_from(ROLE_WORDS))
    left, right = draw(st.sampled_from([("（", "）"), ("(", ")"), ("（", ")"), ("【", "】")]))
    return f"{left}{sep.join(units)}{role}{right}"


@st.composite
def task_sentence(draw: st.DrawFn) -> str:
    body = "，".join(draw(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3))) + draw(_cjk_noise)
    end = draw(st.sampled_from(["。", "；", "", "。"]))
    tail = draw(parenthetical()) if draw(st.booleans()) else ""
    rule = draw(st.sampled_from(LEAD_RULES)) if tail and draw(st.integers(0, 5)) == 0 else ""
    return body + end + tail + rule


@st.composite
def outline(draw: st.DrawFn) -> list[str]:
    """Numbered headings with their paragraphs; levels may skip, repeat and restart."""
    lines: list[str] = []
    counters = [0] * 6
    for _ in range(draw(st.integers(1, 14))):
        level = draw(st.integers(1, 5))
        counters[level] += draw(st.sampled_from([1, 1, 1, 2])) if draw(st.integers(0, 9)) else 0
        counters[level] = max(counters[level], 1)
        for deeper in range(level + 1, 6):
            counters[deeper] = 0
        title = draw(st.sampled_from(PHRASES))
        sentences = "".join(draw(st.lists(task_sentence(), min_size=0, max_size=3)))
        lines.append(f"{marker(level, counters[level])}{title}。{sentences}")
    return lines


@st.composite
def bar_table(draw: st.DrawFn) -> list[str]:
    """A table flattened with the bar convention: cell lines ``TEXT |`` and ``||`` row closers."""
    n_cols = draw(st.integers(2, 5))
    lines = [f"{draw(st.sampled_from(CELL_WORDS))} |" for _ in range(n_cols)]
    for _ in range(draw(st.integers(1, 6))):
        covered = draw(st.integers(0, n_cols - 1))
        lines += [f"{draw(st.sampled_from(CELL_WORDS + UNITS))}{draw(_cjk_noise)} |" for _ in range(n_cols - covered)]
        if covered:
            lines.append("|" * covered)
    return lines


@st.composite
def policy_documents(draw: st.DrawFn) -> str:
    """A synthetic policy document as text (see the module docstring)."""
    year = draw(st.integers(1990, 2030))
    issuer = draw(st.sampled_from(["湖南省人民政府办公厅", "广州市人民政府", "国务院办公厅", "中共湖南省委办公厅 湖南省人民政府办公厅"]))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(f"{issuer}文件")
    if draw(st.booleans()):
        code = draw(st.sampled_from(["湘政办发", "穗府办规", "国办发", "国发"]))
        open_, close = draw(st.sampled_from([("〔", "〕"), ("[", "]"), ("(", ")"), ("〔", "")]))
        lines.append(f"{code}{open_}{year}{close}{draw(st.integers(0, 300))}号")
    kind = draw(st.sampled_from(["通知", "意见", "办法", "方案", "决定"]))
    lines.append(f"{issuer}关于{draw(st.sampled_from(PHRASES))}的{kind}")
    if draw(st.booleans()):
        lines.append("各市州、县市区人民政府，省直机关各单位：")
    lines += draw(outline())
    if draw(st.booleans()):
        lines.append(f"到{year + 5}年，全省规模以上工业增加值达到{draw(st.integers(1, 9999))}亿元以上。")
    if draw(st.booleans()):
        lines.append(f"本办法自{year}年{draw(st.integers(1, 12))}月1日起施行，有效期{draw(st.integers(1, 5))}年。"
                     f"《关于{draw(st.sampled_from(PHRASES))}的通知》（湘政发〔{year - 3}〕{draw(st.integers(1, 40))}号）同时废止。")  # fmt: skip
    n_annex = draw(st.integers(0, 2))
    if n_annex:
        lines.append("附件：" + "".join(f"{i}.{draw(st.sampled_from(PHRASES))}" for i in range(1, n_annex + 1)))
    lines += [issuer, f"{year}年{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日"]
    for i in range(1, n_annex + 1):
        lines += [f"附件{i}", draw(st.sampled_from(["有关单位责任分工", "重点任务分工表"]))]
        lines += draw(bar_table()) if draw(st.booleans()) else [f"{u}：负责{draw(st.sampled_from(PHRASES))}。" for u in
                                                               draw(st.lists(st.sampled_from(UNITS), max_size=4))]  # fmt: skip
    if draw(st.booleans()):
        lines = [ln.replace("（", "(").replace("）", ")").replace("，", ",").replace("：", ":") for ln in lines]
    sep = draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n", ""]))  # "" = a document with all line breaks lost
    return sep.join(lines) + "\n"


# ----------------------------------------------------------------------------- mutations


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[tuple[str, bytes], ...]:
    """(name, UTF-8 bytes) of the seed and every dev text in corpora/."""
    files = sorted((CORPORA / "seed").glob("*.txt")) + sorted((CORPORA / "dev").glob("*.txt"))
    return tuple((f.name, f.read_bytes()) for f in files)


_INSERTS = "（）()【】〔〕《》[]{}|｜||\n、，。"
_ENCODINGS = ("gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig")


def _text_op(data: bytes, fn: Any) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    return fn(text).encode("utf-8", "surrogateescape")


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """One mutation of ``data``."""
    n = len(data)
    op = draw(st.sampled_from(["truncate", "flip", "encoding", "insert", "delete_lines", "duplicate_lines", "lie_bom"]))
    if op == "truncate":
        return data[: draw(st.integers(0, n))]
    if op == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            if out:
                i = draw(st.integers(0, len(out) - 1))
                out[i] ^= draw(st.integers(1, 255))
        return bytes(out)
    if op == "encoding":
        enc = draw(st.sampled_from(_ENCODINGS))
        return data.decode("utf-8", "replace").encode(enc, "replace")
    if op == "lie_bom":  # GBK bytes labelled as UTF-8 by a byte-order mark
        return b"\xef\xbb\xbf" + data.decode("utf-8", "replace").encode("gb18030", "replace")
    if op == "insert":
        def insert(text: str) -> str:
            for _ in range(draw(st.integers(1, 12))):
                i = draw(st.integers(0, len(text)))
                text = text[:i] + draw(st.sampled_from(_INSERTS)) + text[i:]
            return text
        return _text_op(data, insert)

    def lines_op(text: str) -> str:
        lines = text.split("\n")
        if not lines:
            return text
        for _ in range(draw(st.integers(1, 6))):
            if not lines:
                break
            i = draw(st.integers(0, len(lines) - 1))
            if op == "delete_lines":
                del lines[i]
            else:
                lines.insert(i, lines[i])
        return "\n".join(lines)

    return _text_op(data, lines_op)


@st.composite
def mutated_corpus_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """(corpus file name, its bytes after 1-4 mutations)."""
    name, data = draw(st.sampled_from(corpus_texts()))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(mutation(data))
    return name, data


@st.composite
def mutated_package(draw: st.DrawFn, package: bytes, part: str) -> bytes:
    """A zip package (.docx) with ``part`` mutated like a text, or its raw bytes flipped / truncated."""
    if draw(st.integers(0, 3)) == 0:
        return draw(mutation(package))
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info.filename, draw(mutation(body)) if info.filename == part else body)
    return out.getvalue()


# ----------------------------------------------------------------------------- fuzz targets
# A target draws ``(source, path)``: the input handed to parse() and the name it is given.

REALFILES = CORPORA / "realfiles"
PACKAGES = {  # package file -> the XML part whose text is mutated
    "docx": (CORPORA / "fixtures" / "seed.docx", "word/document.xml"),
    "wps_docx": (REALFILES / "10_synthetic_notice_wps.docx", "word/document.xml"),
    "ofd": (REALFILES / "06_luqiao_weishengju_pifu.ofd", "Doc_0/Pages/Page_0/Content.xml"),
}


@cache
def _bytes(path: Path) -> bytes:
    return path.read_bytes()


@st.composite
def generated_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    text = draw(policy_documents())
    return (text.encode("utf-8"), "generated.txt") if draw(st.booleans()) else (text, None)


@st.composite
def corpus_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    name, data = draw(mutated_corpus_bytes())
    return data, f"mutated/{name}"


@st.composite
def html_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    pages = sorted((CORPORA / "dev" / "html").glob("*.html"))
    page = draw(st.sampled_from(pages))
    data = _bytes(page)
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return data, f"mutated/{page.name}"


@st.composite
def package_target(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(PACKAGES)) -> tuple[Any, str | None]:
    kind = draw(st.sampled_from(kinds))
    file, part = PACKAGES[kind]
    return draw(mutated_package(_bytes(file), part)), f"mutated/{file.name}"


@st.composite
def pdf_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    file = REALFILES / "09_synthetic_notice_wps.pdf"
    data = _bytes(file)
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return data, f"mutated/{file.name}"


@st.composite
def binary_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    head = draw(st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>",
                                 b"\xef\xbb\xbf", b"\xff\xfe", b"\x89PNG\r\n\x1a\n"]))  # fmt: skip
    return head + draw(st.binary(max_size=2048)), "random.bin"


@st.composite
def bomb_target(draw: st.DrawFn) -> tuple[Any, str | None]:
    """A resource bomb of random size (tests/conftest_bombs.py): spans and grids (HTML rowspan ×
    colspan, .docx gridSpan/gridBefore/gridAfter), fan-out (OFD pages sharing one content part,
    PDF forms drawing forms), nesting (HTML elements, 《 title marks) and the long-input cases."""
    import conftest_bombs as bombs

    kind = draw(st.sampled_from(["html_span", "docx_grid", "ofd_shared", "pdf_forms", "html_nesting", "title_marks",
                                 "tasks_line", "items"]))  # fmt: skip
    big = st.one_of(st.integers(0, 64), st.integers(0, 70_000), st.integers(0, 2**31 - 1))
    if kind == "html_span":
        data = bombs.html_span_table(draw(st.integers(1, 3000)), draw(big), draw(big))
        return data, "bomb.html"
    if kind == "docx_grid":
        data = bombs.docx_grid(grid_span=draw(big), grid_before=draw(big), grid_after=draw(big),
                               rows=draw(st.integers(1, 500)))  # fmt: skip
        return data, "bomb.docx"
    if kind == "ofd_shared":
        return bombs.ofd_shared_content(draw(st.integers(1, 1200)), draw(st.integers(1, 30_000))), "bomb.ofd"
    if kind == "pdf_forms":
        return bombs.pdf_xobject_fanout(draw(st.integers(1, 40)), draw(st.integers(1, 20))), "bomb.pdf"
    if kind == "html_nesting":
        depth = draw(st.integers(1, 3000))
        tag = draw(st.sampled_from(["div", "table", "span", "p"]))
        page = f"<html><body><p>关于加强测试工作的通知</p>{f'<{tag}>' * depth}一、总体要求{f'</{tag}>' * depth}</body></html>"
        return page.encode(), "bomb.html"
    if kind == "title_marks":
        opened, closed = draw(st.integers(0, 100_000)), draw(st.integers(0, 100_000))
        return f"关于加强测试工作的通知\n依据{'《' * opened}文件{'》' * closed}执行。".encode(), "bomb.txt"
    if kind == "tasks_line":
        return bombs.tasks_on_one_line_text(draw(st.integers(1, 5000))).encode(), "bomb.txt"
    return bombs.numbered_items_text(draw(st.integers(1, 5000))).encode(), "bomb.txt"


#: name -> (strategy, examples in the CI profile)
TARGETS: dict[str, tuple[st.SearchStrategy[tuple[Any, str | None]], int]] = {
    "generated": (generated_target(), 80),
    "corpus": (corpus_target(), 100),
    "html": (html_target(), 60),
    "package": (package_target(), 60),
    "pdf": (pdf_target(), 40),
    "binary": (binary_target(), 100),
    "bombs": (bomb_target(), 12),
}


__all__ = ["PROFILE", "TARGETS", "TIME_BUDGET", "TIME_BUDGETS", "ContractViolation", "bar_table", "check_parse_contract", "cn_number",
           "corpus_texts", "marker", "mutated_corpus_bytes", "mutated_package", "mutation", "outline",
           "parenthetical", "policy_documents", "profile", "task_sentence"]  # fmt: skip
