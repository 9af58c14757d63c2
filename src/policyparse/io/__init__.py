"""Readers: bytes of any supported format -> :class:`~policyparse.model.SourceText`.

:func:`read` is the one entry point. It detects the format by content
(:mod:`policyparse.io.detect`), refuses what it cannot read with a typed error, and hands
the bytes to the format's reader (``text``, ``docx``, ``pdf``, ``html``; the last three
import their third-party parser lazily).

Every reader honours the same contract (see :mod:`policyparse.model.blocks`): ``text`` is
the whole document as one string; blocks are paragraphs and tables, separated by exactly
one ``\\n``; a paragraph block holds no newline; a table block spans one line per origin
cell holding text, in row-major order (covered positions are not repeated, empty cells
get no line and no span), and each :class:`~policyparse.model.Cell` span points at its
line. :class:`~policyparse.io.assemble.TextAssembler` is the shared piece that keeps those offsets
right; this module only detects and dispatches, and imports no reader at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import FileNotFound, UnreadableFile, UsageError
from ..model import SourceText
from .assemble import contract_violations
from .detect import detect_format, ensure_readable, looks_like_html_text, suffix_format
from .limits import ReadLimits

_FORMAT_ALIASES = {"text": "txt", "txt": "txt", "htm": "html", "html": "html", "docx": "docx", "pdf": "pdf", "ofd": "ofd"}


def read(
    source: Path | os.PathLike[str] | bytes | bytearray | str,
    *,
    format: str | None = None,  # noqa: A002 - the public keyword the pipeline uses
    path: str | None = None,
    limits: ReadLimits | dict[str, int | float] | None = None,
) -> SourceText:
    """Read one document.

    ``source``: a path (``Path``/``os.PathLike``; read from disk), ``bytes`` (any format), or
    a ``str`` holding the document's *text* (plain text or HTML markup; never a file name).
    ``format``: 'txt', 'html', 'docx' or 'pdf' to skip detection; ``None`` detects by content.
    ``path``: the name recorded in provenance and error messages (defaults to the path read).
    ``limits``: :class:`ReadLimits`, a dict of overrides, or ``None`` for the defaults.

    Raises :class:`~policyparse.errors.InputError` subclasses (UnsupportedFormat,
    EncryptedDocument, CorruptDocument, NoTextLayer, EmptyDocument, FileNotFound …) and
    :class:`~policyparse.errors.InputTooLarge`; never returns an empty document.
    """
    lim = ReadLimits.resolve(limits)
    fmt = _FORMAT_ALIASES.get(format.lower(), format.lower()) if format else None
    if isinstance(source, str):
        return _read_str(source, fmt=fmt, path=path, limits=lim)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (Path, os.PathLike)):
        file = Path(source)
        path = path or str(file)
        data = _read_file(file, path, lim)
    else:
        raise UsageError(f"read() takes a path, bytes or str, not {type(source).__name__}")
    lim.check_input_bytes(len(data), path=path)
    warnings: list[str] = []
    if fmt is None:
        fmt = detect_format(data, path=path)
        named = suffix_format(path)
        if named and named != fmt and not (named == "txt" and fmt == "html"):
            warnings.append(f"the file name says {named} but the content is {fmt}; read as {fmt}")
    if fmt in ("doc", "wps") and lim.convert_legacy:
        from .convert import find_converter, read_legacy

        exe = find_converter()
        if exe is not None:
            return read_legacy(data, fmt, exe=exe, path=path, limits=lim)
    ensure_readable(fmt, path=path)
    result = _dispatch(fmt, data, path=path, limits=lim)
    if warnings:
        result = result.model_copy(update={"warnings": warnings + list(result.warnings)})
    return result


def _read_file(file: Path, path: str, limits: ReadLimits) -> bytes:
    """The bytes of a regular file: FileNotFound when nothing is there, UnreadableFile for a path that
    exists but cannot be read (permission, dangling or looping link, FIFO, device, folder)."""
    import stat as _stat

    try:
        st = file.stat()
    except FileNotFoundError as exc:
        if file.is_symlink():
            raise UnreadableFile("a dangling symbolic link (its target does not exist)", path=path) from exc
        raise FileNotFound("no such file", path=path) from exc
    except OSError as exc:  # ELOOP, EACCES on a folder on the way, name too long …
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}", path=path) from exc
    if not _stat.S_ISREG(st.st_mode):
        kind = "a folder" if _stat.S_ISDIR(st.st_mode) else "not a regular file (a FIFO, socket or device)"
        raise UnreadableFile(f"{kind}; only regular files are read", path=path)
    limits.check_input_bytes(st.st_size, path=path)
    try:
        return file.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot be read: {exc.strerror or exc}", path=path) from exc


def _read_str(source: str, *, fmt: str | None, path: str | None, limits: ReadLimits) -> SourceText:
    if fmt is None:
        fmt = "html" if looks_like_html_text(source) else "txt"
    if fmt not in ("txt", "html"):
        raise UsageError(f"a str source holds text or HTML; pass {fmt} input as bytes or a Path")
    limits.check_input_bytes(len(source.encode("utf-8")), path=path)
    if fmt == "html":
        from .html import read_html

        return read_html(source, path=path, limits=limits)
    from .text import read_text

    return read_text(source, path=path)


def _dispatch(fmt: str, data: bytes, *, path: str | None, limits: ReadLimits) -> SourceText:
    if fmt == "txt":
        from .text import read_text

        return read_text(data, path=path)
    if fmt == "html":
        from .html import read_html

        return read_html(data, path=path, limits=limits)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, path=path, limits=limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path=path, limits=limits)
    if fmt == "ofd":
        from .ofd import read_ofd

        return read_ofd(data, path=path, limits=limits)
    raise UsageError(f"unknown format {fmt!r}; use one of txt, html, docx, pdf, ofd")


__all__ = ["ReadLimits", "contract_violations", "detect_format", "read"]
