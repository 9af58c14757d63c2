"""Property-based and mutation tests of ``parse``.

For every input the strategies of tests/conftest_hypothesis.py produce — synthetic 公文 (titles,
一、/（一）/1. numbering, responsibility parentheticals, bar-flattened tables) and mutations of the
real corpus (truncation, byte flips, encoding swaps, inserted brackets and bars, deleted and
duplicated lines; HTML pages, .docx/.ofd packages and a PDF mutated likewise; random bytes):

* ``parse`` returns a PolicyDocument or raises a PolicyParseError naming the input — never
  anything else — within the time budget (5 s, measured with ``time.perf_counter``);
* every span lies inside the document's text;
* two parses of the same input give identical JSON (or the identical error).

Bounded for CI by the ``ci`` profile (80 examples or fewer per test, derandomized); the long
campaign is fuzz/campaign.py with the ``campaign`` profile (results in fuzz/RESULTS.md).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from policyparse.model import OutlineNode, PolicyDocument

from conftest_hypothesis import TARGETS, TIME_BUDGETS, check_parse_contract, policy_documents, profile


def _check(case: tuple[Any, str | None]) -> Any:
    source, path = case
    return check_parse_contract(source, path=path)


@profile(TARGETS["generated"][1])
@given(TARGETS["generated"][0])
def test_generated_policy_documents_parse_within_budget_deterministically(case: tuple[Any, str | None]) -> None:
    assert isinstance(_check(case), PolicyDocument), "well-formed text always gives a document"


@profile(TARGETS["corpus"][1])
@given(TARGETS["corpus"][0])
def test_mutated_corpus_texts_give_a_document_or_a_typed_error(case: tuple[Any, str | None]) -> None:
    _check(case)


@profile(TARGETS["html"][1])
@given(TARGETS["html"][0])
def test_mutated_html_pages_give_a_document_or_a_typed_error(case: tuple[Any, str | None]) -> None:
    _check(case)


@profile(TARGETS["package"][1])
@given(TARGETS["package"][0])
def test_mutated_docx_and_ofd_packages_give_a_document_or_a_typed_error(case: tuple[Any, str | None]) -> None:
    _check(case)


@profile(TARGETS["pdf"][1])
@given(TARGETS["pdf"][0])
def test_mutated_pdfs_give_a_document_or_a_typed_error(case: tuple[Any, str | None]) -> None:
    _check(case)


@profile(TARGETS["binary"][1])
@given(TARGETS["binary"][0])
def test_random_bytes_behind_any_magic_number_give_a_document_or_a_typed_error(case: tuple[Any, str | None]) -> None:
    _check(case)


@profile(TARGETS["bombs"][1])
@given(TARGETS["bombs"][0])
def test_resource_bombs_of_any_size_give_a_document_or_a_typed_error_within_the_budget(case: tuple[Any, str | None]) -> None:
    source, path = case
    check_parse_contract(source, path=path, time_budget=TIME_BUDGETS["bombs"])


def _nodes_nest(nodes: list[OutlineNode], level: int, lo: int, hi: int) -> bool:
    prev_end = lo
    for n in nodes:
        if n.level != level or not (prev_end <= n.span.start <= n.span.end <= hi):
            return False
        if not _nodes_nest(n.children, level + 1, n.span.start, n.span.end):
            return False
        prev_end = n.span.end
    return True


@profile(40)
@given(policy_documents(), st.sampled_from(["\n", "\r\n"]))
def test_outline_nodes_nest_inside_their_parents_in_order(text: str, newline: str) -> None:
    doc = check_parse_contract(text.replace("\n", newline), deterministic=False)
    assert isinstance(doc, PolicyDocument)
    for d in doc.walk():
        assert _nodes_nest(d.outline, 1, 0, len(doc.text or "")), d.outline
