"""PolicyDocument -> JSON / JSONL, and the committed JSON Schema.

Output is deterministic: keys sorted, no timestamps, ids derived from positions; the same
input gives byte-identical JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import PolicyDocument

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "policy_document.schema.json"


def to_dict(doc: PolicyDocument, *, include_text: bool = True) -> dict[str, Any]:
    d = doc.model_dump(mode="json")
    if not include_text:
        d.pop("text", None)
    return d


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=indent)


def to_json(doc: PolicyDocument, *, indent: int | None = 2, include_text: bool = True) -> str:
    return dumps(to_dict(doc, include_text=include_text), indent=indent)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`PolicyDocument` (what ``policyparse schema`` prints)."""
    schema = PolicyDocument.model_json_schema(mode="serialization")
    schema["$id"] = "https://policyparse.invalid/schema/policy_document.schema.json"
    schema["title"] = "PolicyDocument"
    return schema


def schema_text() -> str:
    return dumps(json_schema()) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    """Regenerate the committed schema file (``python -m policyparse.serialize.json``)."""
    path.write_text(schema_text(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write_schema())
