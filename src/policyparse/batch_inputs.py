"""What a batch reads: inputs collected from folders, globs, .zip archives and paths (no processes).

Contract of :func:`collect_inputs`:

* A folder is walked (not through links to folders unless ``follow_links``) for
  :data:`SUPPORTED_SUFFIXES` (case-insensitive). Every path that matches but cannot be read
  becomes an input with a ``problem`` (its record is that error, nothing is lost silently): a
  folder that cannot be listed, a dangling link, a link loop, a FIFO/socket/device, and a link
  whose target lies outside the folder given (refused unless ``follow_links``). All of these are
  :class:`~policyparse.errors.UnreadableFile` (E008).
* File names are taken as the OS gives them: names that are not UTF-8 arrive as ``str`` with
  surrogate escapes (PEP 383) and stay so in ``Input.path``; the batch writes them as JSON
  ``\\udcXX`` escapes, which read back to the same ``str`` (and ``os.fsencode`` to the same bytes).
* A ``.zip`` yields its members with supported suffixes (record path ``archive.zip!member``;
  a name that occurs more than once gets ``#<member index>`` so each member has its own record).
  The archive is checked like a .docx: more than ``max_archive_members`` members or more than
  ``max_archive_uncompressed`` declared bytes is one InputTooLarge record for the archive;
  a member above ``max_input_bytes`` or ``max_zip_ratio`` is an InputTooLarge record for that
  member. :class:`ArchiveReader` reads the members of each archive from one open ``ZipFile``.
* A URL (``s3://bucket/prefix/``, ``file://…``, ``zip::s3://…/x.zip``; :mod:`policyparse.storage`)
  is listed through fsspec; each input's record path and ``file`` is its full URL, read by the
  worker. An archive in object storage is read member by member through fsspec's zip layer
  (``s3://…/x.zip`` is taken as ``zip::s3://…/x.zip``); the archive-wide limits above apply to
  local archives only, the per-input ``max_input_bytes`` to every member.
"""

from __future__ import annotations

import glob as _glob
import os
import stat as _stat
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FileNotFound, InputTooLarge, PolicyParseError, UnreadableFile, UsageError
from .io.limits import ZIP_ERRORS, ReadLimits
from .storage import is_url

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm", ".ofd", ".doc", ".wps")
_GLOB_CHARS = set("*?[")

#: (error class name, code, message, budget) of an input known to fail before it is parsed
Problem = tuple[str, str, str, str | None]


@dataclass(frozen=True, order=True)
class Input:
    """One input: ``path`` is what the record says; ``file`` is read, or member ``index`` (named
    ``member``) of ``archive``; ``problem`` is the error its record gives without parsing."""

    path: str
    file: str | None = None
    archive: str | None = None
    member: str | None = None
    index: int | None = None
    problem: Problem | None = None


def _supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def _problem(exc: PolicyParseError) -> Problem:
    return (type(exc).__name__, exc.code, exc.message + (f" ({exc.hint})" if exc.hint else ""),
            getattr(exc, "budget", None))  # fmt: skip


def _unreadable(path: str, message: str) -> Input:
    return Input(path=path, file=path, problem=_problem(UnreadableFile(message)))


# ------------------------------------------------------------------------------------- archives


def _archive_limits(limits: ReadLimits | None) -> ReadLimits:
    return limits or ReadLimits()


def _zip_inputs(zpath: str, limits: ReadLimits | None = None) -> list[Input]:
    lim = _archive_limits(limits)
    try:
        with zipfile.ZipFile(zpath) as z:
            infos = z.infolist()
    except (*ZIP_ERRORS,) as exc:
        raise UsageError(f"cannot open the archive: {exc}", path=zpath) from exc
    if len(infos) > lim.max_archive_members:
        exc2 = InputTooLarge(f"archive has {len(infos)} members, above max_archive_members={lim.max_archive_members}",
                             path=zpath, budget="max_archive_members")  # fmt: skip
        return [Input(path=zpath, archive=zpath, problem=_problem(exc2))]
    total = sum(i.file_size for i in infos)
    if total > lim.max_archive_uncompressed:
        exc2 = InputTooLarge(f"archive expands to {total} bytes, above max_archive_uncompressed="
                             f"{lim.max_archive_uncompressed}", path=zpath, budget="max_archive_uncompressed")
        return [Input(path=zpath, archive=zpath, problem=_problem(exc2))]
    wanted = [(k, i) for k, i in enumerate(infos) if not i.is_dir() and _supported(i.filename)]
    counts = Counter(i.filename for _, i in wanted)
    return [Input(path=f"{zpath}!{i.filename}" + (f"#{k}" if counts[i.filename] > 1 else ""), archive=zpath,
                  member=i.filename, index=k) for k, i in wanted]  # fmt: skip


class ArchiveReader:
    """Reads archive members for the batch, each archive from one open ``ZipFile`` (closed by :meth:`close`)."""

    def __init__(self, limits: ReadLimits | None = None) -> None:
        self.limits = _archive_limits(limits)
        self._open: dict[str, zipfile.ZipFile] = {}

    def read(self, item: Input) -> bytes:
        """The bytes of member ``item``; raises InputTooLarge (size, ratio) or CorruptDocument."""
        from .errors import CorruptDocument, EncryptedDocument

        assert item.archive is not None
        z = self._open.get(item.archive)
        if z is None:
            try:
                z = self._open[item.archive] = zipfile.ZipFile(item.archive)
            except ZIP_ERRORS as exc:
                raise CorruptDocument(f"cannot open the archive: {exc}", path=item.path) from exc
        infos = z.infolist()
        if item.index is not None and item.index < len(infos):
            info = infos[item.index]
        else:
            info = z.getinfo(item.member or "")
        lim = self.limits
        if info.file_size > lim.max_input_bytes:
            raise InputTooLarge(f"archive member of {info.file_size} bytes exceeds max_input_bytes={lim.max_input_bytes}",
                                path=item.path, budget="max_input_bytes")  # fmt: skip
        if info.file_size > lim.zip_ratio_floor and info.file_size / max(1, info.compress_size) > lim.max_zip_ratio:
            raise InputTooLarge(f"archive member expands {info.file_size / max(1, info.compress_size):.0f}x, above "
                                f"max_zip_ratio={lim.max_zip_ratio:g}", path=item.path, budget="max_zip_ratio")
        try:
            return z.read(info)
        except RuntimeError as exc:
            raise EncryptedDocument("the archive member is encrypted", path=item.path) from exc
        except ZIP_ERRORS as exc:
            raise CorruptDocument(f"broken archive member: {exc}", path=item.path) from exc

    def close(self) -> None:
        for z in self._open.values():
            z.close()
        self._open.clear()


# -------------------------------------------------------------------------------------- folders


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: str, follow_links: bool, recursive: bool = True) -> list[Input]:
    """Every supported file under ``root`` (in ``root`` itself only, unless ``recursive``) and a
    problem input for every matching path that cannot be read."""
    out: list[Input] = []
    root_real = os.path.realpath(root)
    seen = {root_real}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            out.append(_unreadable(folder, f"the folder cannot be listed: {exc.strerror or exc}"))
            continue
        for e in entries:
            try:
                if e.is_symlink():
                    out.extend(_link(e, root_real, follow_links, seen, stack))
                elif e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                elif _supported(e.name):
                    if e.is_file(follow_symlinks=False):
                        out.append(Input(path=e.path, file=e.path))
                    else:
                        out.append(_unreadable(e.path, "not a regular file (a FIFO, socket or device)"))
            except OSError as exc:
                if _supported(e.name):
                    out.append(_unreadable(e.path, f"cannot be read: {exc.strerror or exc}"))
        if not recursive:
            break  # the subfolders queued while reading ``root`` stay unread
    return out


def _link(e: Any, root_real: str, follow_links: bool, seen: set[str], stack: list[str]) -> list[Input]:
    """The inputs a symbolic link stands for (a folder it names is queued in ``stack``)."""
    try:
        named = _supported(e.name) or _supported(os.readlink(e.path))
    except OSError:
        named = _supported(e.name)
    try:
        target = os.path.realpath(e.path, strict=True)
        st = os.stat(target)
    except FileNotFoundError:
        return [_unreadable(e.path, "a dangling symbolic link (its target does not exist)")] if named else []
    except OSError as exc:  # ELOOP: a link loop
        return [_unreadable(e.path, f"the symbolic link cannot be resolved: {exc.strerror or exc}")] if named else []
    is_dir = _stat.S_ISDIR(st.st_mode)
    if not _inside(target, root_real) and not follow_links:
        if named or is_dir:
            return [_unreadable(e.path, "a symbolic link leaving the input folder; refused (pass follow_links / "
                                        "--follow-links to read it)")]  # fmt: skip
        return []
    if is_dir:
        if follow_links and target not in seen:
            seen.add(target)
            stack.append(e.path)
        return []
    if not _supported(e.name):
        return []
    if not _stat.S_ISREG(st.st_mode):
        return [_unreadable(e.path, "the link names no regular file (a FIFO, socket or device)")]
    return [Input(path=e.path, file=e.path)]


def _expand(item: str | os.PathLike[str], follow_links: bool, limits: ReadLimits | None,
            recursive: bool = True) -> list[Input]:
    s = os.fspath(item)
    if isinstance(s, str) and is_url(s):
        from .storage import collect_remote

        if s.lower().endswith(".zip") and "::" not in s:
            s = "zip::" + s  # the members of an archive in object storage
        return [Input(path=u, file=u) for u in collect_remote(s, recursive=recursive) if _supported(u.split("::", 1)[0])]
    p = Path(s)
    if p.is_dir():
        return _walk(s, follow_links, recursive)
    if p.is_file() and p.suffix.lower() == ".zip":
        return _zip_inputs(s, limits)
    if not os.path.lexists(s) and _GLOB_CHARS & set(s):
        out: list[Input] = []
        for m in _glob.glob(s, recursive=True):
            out.extend(_expand(m, follow_links, limits, recursive) if Path(m).is_dir() or m.lower().endswith(".zip")
                       else [Input(path=m, file=m)])  # fmt: skip
        return out
    return [Input(path=s, file=s)]


def collect_inputs(
    paths_or_archive: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    follow_links: bool = False,
    limits: ReadLimits | None = None,
    recursive: bool = True,
) -> list[Input]:
    """The sorted, de-duplicated inputs a folder / glob / zip / list of paths stands for.

    A single path that does not exist (and is no glob pattern) raises :class:`FileNotFound`;
    inside a list, a missing path is an input whose record will say ``FileNotFound``.
    Subfolders are searched unless ``recursive=False``. No input at all raises
    :class:`UsageError`.
    """
    if isinstance(paths_or_archive, (str, os.PathLike)):
        s = os.fspath(paths_or_archive)
        if not is_url(s) and not os.path.lexists(s) and not (_GLOB_CHARS & set(s)):
            raise FileNotFound("no such file or folder", path=s)
        given: list[str | os.PathLike[str]] = [s]
    else:
        given = list(paths_or_archive)
    items = [x for it in given for x in _expand(it, follow_links, limits, recursive)]
    if not items:
        names = [os.fspath(g) for g in given]
        what = ", ".join(map(str, names[:3])) + (" …" if len(names) > 3 else "") if names else "an empty list"
        hint = "" if recursive else " (subfolders were not searched: recursive=False / --no-recursive)"
        raise UsageError(f"no documents to parse in {what}: nothing with a suffix of "
                         f"{' '.join(SUPPORTED_SUFFIXES)}{hint}")
    uniq = {i.path: i for i in items}
    return [uniq[k] for k in sorted(uniq)]


__all__ = ["SUPPORTED_SUFFIXES", "ArchiveReader", "Input", "Problem", "collect_inputs"]
