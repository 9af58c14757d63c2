"""The exception tree. Every error policyparse raises on purpose is a PolicyParseError.

    PolicyParseError                   base; ``code`` is a stable identifier (E0xx)
    ├── InputError                     the input cannot be read as a document
    │   ├── FileNotFound               E001 the path does not exist or is not a file
    │   ├── UnsupportedFormat          E002 a format policyparse does not read (.doc, .wps, images …)
    │   ├── EncryptedDocument          E003 password-protected PDF / docx
    │   ├── CorruptDocument            E004 the container is broken (truncated zip, bad PDF xref)
    │   ├── DecodingError              E005 bytes that decode as no supported text encoding
    │   ├── NoTextLayer                E006 a scanned PDF with no text to extract
    │   └── EmptyDocument              E007 nothing but whitespace
    ├── LimitExceeded                  a resource limit tripped before work was done
    │   ├── InputTooLarge              E010 input bytes, pages, decompressed size or ratio
    │   └── Timeout                    E011 the per-document time budget ran out (batch)
    └── UsageError                     E020 the caller passed something policyparse cannot take
        └── DiffDoesNotApply           E021 a diff applied to units it was not made from

Uncertain findings are never exceptions: they are warnings and statuses on the document.
Third-party exceptions are translated at the reader boundary with ``raise … from exc``.
"""

from __future__ import annotations


class PolicyParseError(Exception):
    """Base of every policyparse error. ``str(err)`` is a one-line reason naming the file."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.path = path
        self.hint = hint
        text = f"{path}: {message}" if path else message
        if hint:
            text = f"{text} ({hint})"
        super().__init__(text)

    def to_record(self) -> dict[str, str | None]:
        return {"error": type(self).__name__, "code": self.code, "message": self.message, "path": self.path}


class InputError(PolicyParseError):
    code = "E000"


class FileNotFound(InputError):
    code = "E001"


class UnsupportedFormat(InputError):
    code = "E002"


class EncryptedDocument(InputError):
    code = "E003"


class CorruptDocument(InputError):
    code = "E004"


class DecodingError(InputError):
    code = "E005"


class NoTextLayer(InputError):
    code = "E006"


class EmptyDocument(InputError):
    code = "E007"


class LimitExceeded(PolicyParseError):
    code = "E010"


class InputTooLarge(LimitExceeded):
    code = "E010"


class Timeout(LimitExceeded):
    code = "E011"


class UsageError(PolicyParseError):
    code = "E020"


class DiffDoesNotApply(UsageError):
    code = "E021"


__all__ = [
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
    "PolicyParseError",
    "Timeout",
    "UnsupportedFormat",
    "UsageError",
]
