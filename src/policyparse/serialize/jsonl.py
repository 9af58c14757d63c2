"""One record -> one JSON line, fast, with the bytes of the standard library's encoder.

Contract of :func:`record_line`: its bytes are exactly
``(escape_surrogates(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))) + "\\n").encode()``
for every record ``json.dumps`` accepts (and it raises what ``json.dumps`` raises for the others).
orjson writes the line when it is installed and the record is made only of ``dict`` (``str`` keys),
``list``, ``str``, ``int``, ``bool``, ``None`` and finite ``float`` values that are ``0`` or at
least ``1e-4`` in magnitude: for these the two encoders agree byte for byte (same escapes, keys in
code-point order, ``repr`` of floats). Everything else takes the ``json`` path: a lone surrogate (a
non-UTF-8 file name, written ``\\udcXX``), an integer past 64 bits, NaN/Infinity (orjson would write
``null``), a float under ``1e-4`` (orjson writes ``0.00001`` where ``repr`` gives ``1e-05``), tuples,
subclasses and any other type. The second value returned says which path wrote the line:
:func:`loads_line` reads an orjson line back with orjson (exact for what orjson wrote) and any other
line with ``json.loads``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

_orjson: Any
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; without it every line takes the json path
    _orjson = None

_SURROGATE = re.compile("[\ud800-\udfff]")
_SMALLEST_FAST_FLOAT = 1e-4  # below this, repr() switches to an exponent and orjson does not


def escape_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (a byte of a non-UTF-8 file name, PEP 383) written as the
    JSON escape ``\\udcXX``: valid UTF-8 that ``json.loads`` reads back to the same ``str``."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_LEAVES = frozenset((str, int, bool, type(None)))


def _plain(obj: Any) -> bool:
    """True when ``obj`` holds only the types on which orjson and json.dumps write the same bytes."""
    t = type(obj)
    if t is dict:
        for v in obj.values():
            if type(v) not in _LEAVES and not _plain(v):
                return False
        return True
    if t is list:
        for v in obj:
            if type(v) not in _LEAVES and not _plain(v):
                return False
        return True
    if t is float:
        return obj == 0.0 or (math.isfinite(obj) and abs(obj) >= _SMALLEST_FAST_FLOAT)
    return t in _LEAVES


def json_line(record: Any) -> bytes:
    """The line as the standard library writes it (the reference :func:`record_line` must equal)."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (escape_surrogates(text) + "\n").encode("utf-8")


def record_line(record: Any) -> tuple[bytes, bool]:
    """(the JSON line of ``record`` ending in ``\\n``, whether orjson wrote it); see the module doc."""
    if _orjson is not None:
        try:
            if _plain(record):
                return _orjson.dumps(record, option=_orjson.OPT_SORT_KEYS | _orjson.OPT_APPEND_NEWLINE), True
        except (TypeError, _orjson.JSONEncodeError, RecursionError):  # a lone surrogate, an integer past 64 bits
            pass
    return json_line(record), False


def loads_line(line: bytes, fast: bool = False) -> Any:
    """The record of one line; ``fast``: the line came from orjson (:func:`record_line`), read with orjson."""
    if fast and _orjson is not None:
        return _orjson.loads(line)
    return json.loads(line)


__all__ = ["escape_surrogates", "json_line", "loads_line", "record_line"]
