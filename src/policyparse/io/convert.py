"""Word 97-2003 (.doc) and Kingsoft WPS (.wps) through an installed LibreOffice.

LibreOffice is never required: :func:`find_converter` looks for ``soffice``/``libreoffice`` on
the PATH at run time, and when none is there the caller refuses the file with a typed
:class:`~policyparse.errors.UnsupportedFormat` that says how to convert it. The conversion runs
headless in a throwaway profile and folder, with a time limit, and its result is read by the
.docx reader (the ``SourceText`` records the original format and hash). A ``created``/``modified``
date of the container that is not before the conversion started was written by LibreOffice, not
by the document's author, and is dropped, so that reading a file twice gives the same result.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import CorruptDocument, Timeout
from ..model import SourceText
from .limits import ReadLimits

CONVERTERS = ("soffice", "libreoffice")


def find_converter() -> str | None:
    """The LibreOffice executable on the PATH, or ``None``."""
    for name in CONVERTERS:
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def convert_to_docx(data: bytes, fmt: str, *, exe: str, path: str | None, timeout: float) -> bytes:
    """The .docx bytes LibreOffice makes of ``data`` (a .doc or .wps file)."""
    with tempfile.TemporaryDirectory(prefix="policyparse-convert-") as tmp:
        src = Path(tmp) / f"input.{fmt}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)  # noqa: S603 - fixed argv
        except subprocess.TimeoutExpired as exc:
            raise Timeout(f"LibreOffice did not convert the .{fmt} file within {timeout:g} s", path=path) from exc
        out = Path(tmp) / "input.docx"
        if not out.is_file():
            raise CorruptDocument(f"LibreOffice could not convert this .{fmt} file", path=path,
                                  hint="open it in Word or WPS Office and save it as .docx")
        return out.read_bytes()


def read_legacy(data: bytes, fmt: str, *, exe: str, path: str | None, limits: ReadLimits) -> SourceText:
    """Read a .doc/.wps file by converting it to .docx first."""
    from .docx import read_docx

    started = _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    st = read_docx(convert_to_docx(data, fmt, exe=exe, path=path, timeout=limits.convert_timeout), path=path, limits=limits)
    info = st.source.model_copy(update={"format": fmt, "sha256": hashlib.sha256(data).hexdigest()})
    metadata = {k: v for k, v in st.metadata.items() if not (k in ("created", "modified") and _not_before(v, started))}
    return st.model_copy(update={"source": info, "metadata": metadata,
                                 "warnings": [f"converted from .{fmt} with LibreOffice", *st.warnings]})


def _not_before(value: str, started: _dt.datetime) -> bool:
    """Whether an ISO timestamp is at or after ``started`` (a naive one is read as UTC)."""
    try:
        when = _dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return when >= started
