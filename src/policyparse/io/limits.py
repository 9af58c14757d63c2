"""Resource limits (budgets) the readers enforce before doing expensive work.

One settings object, :class:`ReadLimits`, with named defaults, on by default; :meth:`ReadLimits.resolve`
accepts ``None`` (defaults), a ``dict`` of overrides or an instance. Every check raises a
:class:`~policyparse.errors.LimitExceeded` subclass whose ``budget`` is the field that tripped
(InputTooLarge, TableTooLarge, TextTooLarge, OutputTooLarge, NestingTooDeep; Timeout comes from
:mod:`policyparse.budget`) and whose hint says how to raise it. Sizes are checked before the
allocation they bound: a table's grid before it is filled, a span before it is walked.

The zip checks trust the sizes the archive declares: CPython's ``zipfile`` stops
decompressing a member at its declared size, so a member cannot inflate past what
:meth:`ReadLimits.check_zip` has already accepted.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from .._settings import resolve_settings
from ..errors import InputTooLarge, OutputTooLarge, TableTooLarge, TextTooLarge

MiB = 1024 * 1024

#: what ``zipfile`` raises on a damaged archive: a bad header or offset (BadZipFile, ValueError
#: "negative seek value", struct.error), a truncated member (EOFError, OSError), a corrupt deflate
#: stream (zlib.error), an unknown compression method (NotImplementedError), an encrypted
#: member (RuntimeError). Readers translate these into CorruptDocument / EncryptedDocument.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error, zlib.error,
    NotImplementedError, RuntimeError,
)  # fmt: skip


@dataclass(frozen=True)
class ReadLimits:
    """Limits applied by :func:`policyparse.io.read` and the format readers.

    ``max_input_bytes``: size of the file or bytes handed to the reader.
    ``max_pdf_pages``: pages of a PDF.
    ``max_zip_entries``: members of a .docx (or other zip container).
    ``max_zip_uncompressed``: total declared uncompressed size of a .docx's members.
    ``max_zip_ratio``: uncompressed/compressed ratio allowed for any member larger than
    ``zip_ratio_floor`` bytes (small XML parts compress extremely well and are harmless).
    ``max_html_chars``: decoded characters of an HTML page.
    ``convert_legacy``: read .doc/.wps through LibreOffice when it is installed (else refuse them).
    ``convert_timeout``: seconds one LibreOffice conversion may take.
    ``max_seconds``: wall time of one document (``parse`` and every batch input); see
    :mod:`policyparse.budget`.
    ``max_table_cells``: grid positions (rows × columns) of one table; ``max_table_span``: the
    rows or columns one cell may span (HTML rowspan/colspan, .docx gridSpan/gridBefore/gridAfter).
    ``max_text_chars``: characters (glyphs) a paged reader may collect over all pages: bounds
    OFD pages that share one content part and PDF content drawn many times.
    ``max_pdf_xobjects``: form XObjects drawn on one PDF page; ``max_pdf_xobject_depth``: how
    deeply they may nest.
    ``max_output_bytes``: the JSON of one document (a batch record, ``parse -o``).
    ``max_memory``: address space of one batch worker process (``RLIMIT_AS``, POSIX only).
    ``max_archive_members`` / ``max_archive_uncompressed``: members and declared bytes of a
    ``.zip`` given to ``batch`` (its members also obey ``max_input_bytes`` and ``max_zip_ratio``).
    """

    max_input_bytes: int = 100 * MiB
    max_pdf_pages: int = 1000
    max_zip_entries: int = 5000
    max_zip_uncompressed: int = 400 * MiB
    max_zip_ratio: float = 200.0
    zip_ratio_floor: int = 2 * MiB
    max_html_chars: int = 20 * MiB
    convert_legacy: bool = True
    convert_timeout: float = 120.0
    max_seconds: float = 60.0
    max_table_cells: int = 250_000
    max_table_span: int = 1000
    max_text_chars: int = 500_000
    max_pdf_xobjects: int = 2000
    max_pdf_xobject_depth: int = 16
    max_output_bytes: int = 64 * MiB
    max_archive_members: int = 100_000
    max_archive_uncompressed: int = 4096 * MiB
    max_memory: int = 1536 * MiB

    @classmethod
    def resolve(cls, value: ReadLimits | dict[str, Any] | None) -> ReadLimits:
        """``None`` -> defaults; a dict -> defaults with those fields replaced; an instance as is."""
        return resolve_settings(cls, value, what="read limits")

    def check_input_bytes(self, size: int, *, path: str | None = None) -> None:
        if size > self.max_input_bytes:
            raise InputTooLarge(
                f"input is {size} bytes, above max_input_bytes={self.max_input_bytes}",
                path=path,
                hint="pass limits={'max_input_bytes': N} to accept larger files",
                budget="max_input_bytes",
            )

    def check_pdf_pages(self, pages: int, *, path: str | None = None) -> None:
        if pages > self.max_pdf_pages:
            raise InputTooLarge(
                f"PDF has {pages} pages, above max_pdf_pages={self.max_pdf_pages}",
                path=path,
                hint="pass limits={'max_pdf_pages': N} to accept longer PDFs",
                budget="max_pdf_pages",
            )

    def check_html_chars(self, size: int, *, path: str | None = None) -> None:
        if size > self.max_html_chars:
            raise InputTooLarge(f"HTML page has {size} characters, above max_html_chars={self.max_html_chars}", path=path,
                                budget="max_html_chars")

    def check_zip(self, archive: zipfile.ZipFile, *, path: str | None = None) -> None:
        """Refuse zip bombs: too many members, too much declared output, or an extreme ratio."""
        infos = archive.infolist()
        if len(infos) > self.max_zip_entries:
            raise InputTooLarge(f"archive has {len(infos)} members, above max_zip_entries={self.max_zip_entries}", path=path,
                                budget="max_zip_entries")
        total = 0
        for info in infos:
            total += info.file_size
            if total > self.max_zip_uncompressed:
                raise InputTooLarge(
                    f"archive expands to more than max_zip_uncompressed={self.max_zip_uncompressed} bytes",
                    path=path,
                    hint="a zip bomb, or raise the limit with limits={'max_zip_uncompressed': N}",
                    budget="max_zip_uncompressed",
                )
            if info.file_size > self.zip_ratio_floor:
                ratio = info.file_size / max(1, info.compress_size)
                if ratio > self.max_zip_ratio:
                    raise InputTooLarge(
                        f"member {info.filename!r} expands {ratio:.0f}x, above max_zip_ratio={self.max_zip_ratio:g}",
                        path=path,
                        hint="a zip bomb, or raise the limit with limits={'max_zip_ratio': N}",
                        budget="max_zip_ratio",
                    )

    def check_span(self, span: int, *, what: str, path: str | None = None) -> None:
        """A cell spanning more than ``max_table_span`` rows or columns (checked before it is walked)."""
        if span > self.max_table_span:
            raise TableTooLarge(f"a table cell spans {span} {what}, above max_table_span={self.max_table_span}",
                                path=path, hint="pass limits={'max_table_span': N} to accept it",
                                budget="max_table_span")  # fmt: skip

    def check_table(self, n_rows: int, n_cols: int, *, path: str | None = None) -> None:
        """A table grid of more than ``max_table_cells`` positions (checked before it is filled)."""
        if n_rows * n_cols > self.max_table_cells:
            raise TableTooLarge(f"a table of {n_rows} rows × {n_cols} columns exceeds max_table_cells="
                                f"{self.max_table_cells}", path=path,
                                hint="pass limits={'max_table_cells': N} to accept it")  # fmt: skip

    def check_text_chars(self, n: int, *, path: str | None = None) -> None:
        """More than ``max_text_chars`` characters collected by a paged reader."""
        if n > self.max_text_chars:
            raise TextTooLarge(f"the document expands to more than max_text_chars={self.max_text_chars} characters",
                               path=path, hint="pages sharing one content part, or content drawn many times; "
                               "pass limits={'max_text_chars': N} to accept it")  # fmt: skip

    def check_output_bytes(self, n: int, *, path: str | None = None) -> None:
        """A document whose JSON is larger than ``max_output_bytes``."""
        if n > self.max_output_bytes:
            raise OutputTooLarge(f"the document's JSON is {n} bytes, above max_output_bytes={self.max_output_bytes}",
                                 path=path, hint="pass limits={'max_output_bytes': N} to accept it")


__all__ = ["ZIP_ERRORS", "ReadLimits"]
