"""The JSON contract: committed schema is current, every output validates, spans are evidence, output is deterministic."""

from __future__ import annotations

import json

import jsonschema
import pytest

from policyparse.serialize import json_schema, schema_text, to_json
from policyparse.serialize.json import SCHEMA_PATH

from conftest import SEED, dev_files, parsed

CONTRACT_KEYS = {"schema_version", "source", "doc_type", "title", "doc_number", "issuers", "recipients", "date",
                 "attachments", "outline", "enclosed", "tasks", "lead_rules", "repeals", "annexes", "warnings"}


def test_the_committed_schema_is_current():
    # regenerate with: python -m policyparse.serialize.json
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json_schema())


@pytest.mark.parametrize("path", [SEED, *dev_files()], ids=lambda p: p.stem[:12])
def test_every_test_document_validates_against_the_schema(path, validator):
    data = json.loads(to_json(parsed(str(path))))
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[:3]
    assert CONTRACT_KEYS <= set(data)
    assert {"path", "format", "sha256"} <= set(data["source"])


def _spans(x, out):
    if isinstance(x, dict):
        if "start" in x and "end" in x and isinstance(x.get("start"), int):
            out.append(x)
        for v in x.values():
            _spans(v, out)
    elif isinstance(x, list):
        for v in x:
            _spans(v, out)
    return out


@pytest.mark.parametrize("path", [SEED, *dev_files()], ids=lambda p: p.stem[:12])
def test_every_span_points_inside_the_readers_text(path):
    doc = parsed(str(path))
    data = doc.model_dump(mode="json")
    spans = _spans({k: v for k, v in data.items() if k != "text"}, [])
    assert spans
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(doc.text)
    for key, ev in doc.evidence.items():
        assert doc.text[ev.span.start : ev.span.end] == ev.text, key


def test_every_item_with_a_value_carries_a_span(seed_doc):
    for d in seed_doc.walk():
        for o in d.issuers + d.recipients:
            assert seed_doc.text[o.span.start : o.span.end].strip()
        for a in d.attachments:
            assert a.title[:2] in seed_doc.text[a.span.start : a.span.end]
        assert d.title is None or "title" in d.evidence


def test_the_same_input_gives_byte_identical_json():
    from policyparse.pipeline import parse

    a = to_json(parse(SEED))
    b = to_json(parse(SEED.read_bytes(), path=str(SEED)))
    assert a == b
