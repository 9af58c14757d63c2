"""A batch record's JSON line: the fast encoder writes exactly the bytes of the json.dumps path.

The batch writes each record as ``json.dumps(record, ensure_ascii=False, sort_keys=True,
separators=(",", ":"))`` with lone surrogates escaped (:func:`policyparse.serialize.jsonl.json_line`);
the worker writes it with orjson when that gives the same bytes (:func:`record_line`). These tests
hold the two to the same bytes on every document of corpora/ and on the values where the encoders
differ (escapes, floats, surrogates, big integers), and read each line back to the same record.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyparse.serialize import jsonl
from policyparse.serialize.jsonl import json_line, loads_line, record_line

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "corpora" / "golden"

orjson = pytest.importorskip("orjson")


def _golden_records() -> list[tuple[str, dict[str, Any]]]:
    """Every golden document of corpora/ as a batch record, with its input's own text when it is a .txt."""
    out = []
    for g in sorted(GOLDEN.rglob("*.json")):
        doc = json.loads(g.read_text(encoding="utf-8"))
        source = ROOT / "corpora" / g.relative_to(GOLDEN).with_suffix("")
        if source.suffix == ".txt" and source.is_file():
            doc["text"] = source.read_bytes().decode("utf-8", errors="surrogateescape")
        out.append((str(g.relative_to(GOLDEN)), {"path": str(source), "ok": True, "document": doc}))
    return out


def test_it_writes_the_bytes_of_json_dumps_for_every_document_of_the_corpora():
    records = _golden_records()
    assert len(records) >= 100, "corpora/golden is missing"
    slow = []
    for name, rec in records:
        line, by_orjson = record_line(rec)
        assert line == json_line(rec), name
        assert loads_line(line, by_orjson) == json.loads(json_line(rec)), name
        if not by_orjson:
            slow.append(name)
    # the fast path is really taken: only a text that is no UTF-8 (the hostile files in GB18030, GBK, UTF-16, whose
    # undecodable bytes the record carries as surrogates) takes the other
    assert slow == [name for name, rec in records if _surrogates(rec["document"].get("text", ""))]


def _surrogates(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def test_it_writes_a_parsed_document_as_json_dumps_does():
    from policyparse.pipeline import parse

    for path in (ROOT / "corpora" / "seed" / "000_f2a56335dda66f79.txt", ROOT / "corpora" / "fixtures" / "seed.docx"):
        rec = {"path": str(path), "ok": True, "document": parse(path).model_dump(mode="json")}
        line, by_orjson = record_line(rec)
        assert by_orjson and line == json_line(rec)


@pytest.mark.parametrize("value", [
    "\u2028\u2029", "".join(map(chr, range(0x20))) + "\x7f\"\\/", "é中文𝄞\uffff", {"😀": 1, "\uffff": 2, "é": 3, "e": 4},
    1e16, 1e15, 1e-4, 0.1, -0.0, 0.0, 1e22, 1.7976931348623157e308, 2**63, 2**64 - 1, -(2**63), True, None,
])
def test_values_both_encoders_agree_on_take_the_fast_path(value):
    line, by_orjson = record_line({"v": value})
    assert by_orjson and line == json_line({"v": value})


@pytest.mark.parametrize("value", [
    "\udc80name.txt", 2**64, -(2**63) - 1, float("nan"), float("inf"), -float("inf"), 1e-5, 3e-7, 5e-324, (1, 2),
    {1: "int key"},
])
def test_values_the_encoders_may_write_differently_take_the_json_path(value):
    line, by_orjson = record_line({"v": value})
    assert not by_orjson and line == json_line({"v": value})


def test_a_lone_surrogate_is_written_as_a_json_escape_that_reads_back_to_the_same_name():
    line, by_orjson = record_line({"path": "a\udcb0.txt"})
    assert line == b'{"path":"a\\udcb0.txt"}\n' and loads_line(line, by_orjson) == {"path": "a\udcb0.txt"}


def test_without_orjson_every_line_takes_the_json_path(monkeypatch):
    monkeypatch.setattr(jsonl, "_orjson", None)
    assert record_line({"a": "文"}) == (json_line({"a": "文"}), False)


_leaf = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
         | st.floats(allow_nan=True, allow_infinity=True) | st.text(st.characters(codec=None), max_size=8))
_json = st.recursive(_leaf, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                                         max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_any_json_value_gives_the_bytes_of_the_json_path(value):
    line, by_orjson = record_line(value)
    assert line == json_line(value)
    if by_orjson:  # what orjson wrote, orjson reads back to what json.loads gives
        again = loads_line(line, True)
        assert json_line(again) == json_line(json.loads(line))
        assert not any(isinstance(x, float) and not math.isfinite(x) for x in _leaves(again))


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]
