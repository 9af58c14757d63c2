"""The exception tree. Every error policyparse raises on purpose is a PolicyParseError.

    PolicyParseError                   base; ``code`` is a stable identifier (E0xx)
    ├── InputError                     the input cannot be read as a document
    │   ├── FileNotFound               E001 the path does not exist or is not a file
    │   ├── UnsupportedFormat          E002 a format policyparse does not read (.doc, .wps, images …)
    │   ├── EncryptedDocument          E003 password-protected PDF / docx
    │   ├── CorruptDocument            E004 the container is broken (truncated zip, bad PDF xref)
    │   ├── DecodingError              E005 bytes that decode as no supported text encoding
    │   ├── NoTextLayer                E006 a scanned PDF with no text to extract
    │   ├── EmptyDocument              E007 nothing but whitespace (or only NUL/control characters)
    │   └── UnreadableFile             E008 the path exists but cannot be read: permission, dangling or
    │                                       looping link, a FIFO or device, a link leaving the input folder
    ├── LimitExceeded                  a budget tripped; ``budget`` names it (a ReadLimits field)
    │   ├── InputTooLarge              E010 input bytes, pages, archive members, decompressed size or ratio
    │   ├── Timeout                    E011 the per-document wall-time budget ran out
    │   ├── TableTooLarge              E012 a table's grid (rows × columns) or one cell's span
    │   ├── TextTooLarge               E013 the text a document expands to (shared parts, repeated pages)
    │   ├── OutputTooLarge             E014 the JSON of one document
    │   ├── MemoryLimit                E015 the worker's address-space budget (batch)
    │   └── NestingTooDeep             E016 PDF form XObjects nested or fanned out past the budget
    └── UsageError                     E020 the caller passed something policyparse cannot take
        ├── DiffDoesNotApply           E021 a diff applied to units it was not made from
        └── SchedulerUnreachable       E022 no Dask scheduler answered at the address within the wait

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


class UnreadableFile(InputError):
    code = "E008"


class LimitExceeded(PolicyParseError):
    """A budget tripped. ``budget`` is the name of the limit (a :class:`~policyparse.io.limits.ReadLimits`
    field such as ``max_table_cells``, or ``timeout`` / ``memory``); batch records carry it."""

    code = "E010"
    budget: str | None = None

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None,
                 budget: str | None = None) -> None:
        super().__init__(message, path=path, hint=hint)
        if budget is not None:
            self.budget = budget

    def to_record(self) -> dict[str, str | None]:
        return {**super().to_record(), "budget": self.budget}


class InputTooLarge(LimitExceeded):
    code = "E010"


class Timeout(LimitExceeded):
    code = "E011"
    budget = "max_seconds"


class TableTooLarge(LimitExceeded):
    code = "E012"
    budget = "max_table_cells"


class TextTooLarge(LimitExceeded):
    code = "E013"
    budget = "max_text_chars"


class OutputTooLarge(LimitExceeded):
    code = "E014"
    budget = "max_output_bytes"


class MemoryLimit(LimitExceeded):
    code = "E015"
    budget = "max_memory"


class NestingTooDeep(LimitExceeded):
    code = "E016"
    budget = "max_pdf_xobjects"


class UsageError(PolicyParseError):
    code = "E020"


class DiffDoesNotApply(UsageError):
    code = "E021"


class SchedulerUnreachable(UsageError):
    code = "E022"


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
    "MemoryLimit",
    "NestingTooDeep",
    "NoTextLayer",
    "OutputTooLarge",
    "PolicyParseError",
    "SchedulerUnreachable",
    "TableTooLarge",
    "TextTooLarge",
    "Timeout",
    "UnreadableFile",
    "UnsupportedFormat",
    "UsageError",
]
