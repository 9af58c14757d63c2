"""policyparse: Chinese government policy documents (公文) as validated data.

    >>> import policyparse
    >>> doc = policyparse.parse("notice.txt")          # a path (str or PathLike), or bytes with format=
    >>> doc = policyparse.parse_text("关于…的通知\n…")    # document text
    >>> doc.title, [t.lead_units for t in doc.tasks]
"""

from __future__ import annotations

from typing import Any

from .errors import (
    CorruptDocument,
    DecodingError,
    DiffDoesNotApply,
    EmptyDocument,
    EncryptedDocument,
    FileNotFound,
    InputError,
    InputTooLarge,
    LimitExceeded,
    NoTextLayer,
    PolicyParseError,
    Timeout,
    UnsupportedFormat,
    UsageError,
)
from .model import SCHEMA_VERSION, PolicyDocument, Table, Task

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # parse / parse_many are imported on first use so that ``import policyparse`` stays cheap.
    if name in ("parse", "parse_text"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "diff":  # the stage package, callable as policyparse.diff(old, new)
        import importlib

        return importlib.import_module(".diff", __name__)
    if name == "parse_many":
        from .batch import parse_many

        return parse_many
    if name == "Settings":  # one settings object for every entry point (policyparse.settings)
        from .settings import Settings

        return Settings
    raise AttributeError(f"module 'policyparse' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "CorruptDocument",
    "DecodingError",
    "DiffDoesNotApply",
    "EmptyDocument",
    "EncryptedDocument",
    "FileNotFound",
    "InputError",
    "InputTooLarge",
    "LimitExceeded",
    "NoTextLayer",
    "PolicyDocument",
    "PolicyParseError",
    "Settings",
    "Table",
    "Task",
    "Timeout",
    "UnsupportedFormat",
    "UsageError",
    "__version__",
    "diff",
    "parse",
    "parse_many",
    "parse_text",
]
