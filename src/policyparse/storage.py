"""Inputs and outputs named by URL (``s3://``, ``gs://``, ``file://``, ``zip::…``), read through fsspec.

Contract:

* :func:`is_url` is true for a string with a protocol (``proto://`` or a chained ``proto::``);
  a Windows drive letter is not one. Plain paths never reach fsspec.
* Credentials and settings come from the environment, as the storage libraries read them
  (``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` / ``AWS_PROFILE`` for s3fs,
  ``GOOGLE_APPLICATION_CREDENTIALS`` for gcsfs) plus fsspec's own ``FSSPEC_<PROTOCOL>_<OPTION>``
  variables, read at each call (not only when fsspec is imported): ``FSSPEC_S3_ENDPOINT_URL=
  http://127.0.0.1:9000`` points s3fs at an S3-compatible server. Every worker reads its own
  environment, so a cluster's workers need the same variables.
* :func:`collect_remote` lists a URL: a folder (prefix) yields its files,
  recursively unless ``recursive=False``; a pattern (``*?[``) what it matches; a file itself.
  Each input's record path and ``file`` is its full URL (a chained URL keeps its chain:
  ``zip://a.txt::s3://bucket/x.zip``), so any worker can open it. A URL that names nothing
  is :class:`FileNotFound`; a storage that cannot be reached or read is :class:`UsageError`.
* :func:`read_url` returns the bytes of one input, refusing more than ``max_input_bytes``
  (InputTooLarge); a missing object is FileNotFound, any other storage failure UnreadableFile.
* :class:`RemoteOutput` stages a batch output in a local file and uploads it whole (an object
  store cannot append): at :meth:`RemoteOutput.upload` checkpoints and when the batch ends or
  stops. ``resume`` first downloads the object, so a resumed batch continues from the last
  uploaded prefix. The exclusive lock of a local output does not extend to objects: two batches
  writing the same URL are not detected.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .errors import FileNotFound, InputTooLarge, UnreadableFile, UsageError
from .io.limits import ReadLimits

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+(://|::)")
_GLOB_CHARS = set("*?[")
_HINT = "pip install 'policyparse[cloud]' (s3fs) or the fsspec backend of that protocol"


def is_url(s: Any) -> bool:
    """True for ``proto://…`` and chained ``proto::…`` strings (``C:\\`` is a path)."""
    return isinstance(s, str) and bool(_URL.match(s))


def _protocols(url: str) -> list[str]:
    from fsspec.core import split_protocol

    out = []
    for part in url.split("::"):
        proto, _ = split_protocol(part if "://" in part else part + "://")
        if proto:
            out.append(proto)
    return out


def storage_options(url: str) -> dict[str, Any]:
    """The ``FSSPEC_<PROTOCOL>_<OPTION>`` settings of the environment for each protocol of ``url``,
    keyed by protocol (how fsspec takes options for a chained URL)."""
    from fsspec.config import set_conf_env

    conf: dict[str, dict[str, Any]] = {}
    set_conf_env(conf, {k: v for k, v in os.environ.items() if k.startswith("FSSPEC_")})
    return {p: dict(conf[p]) for p in _protocols(url) if p in conf}


def url_to_fs(url: str) -> tuple[Any, str]:
    """(the fsspec filesystem, the path inside it) for ``url``; UsageError when fsspec or the
    protocol's backend is missing."""
    try:
        import fsspec.core
    except ImportError as exc:  # pragma: no cover - fsspec is a dependency
        raise UsageError(f"reading {url} needs fsspec: {_HINT}") from exc
    try:
        return fsspec.core.url_to_fs(url, **storage_options(url))
    except ImportError as exc:
        raise UsageError(f"no storage backend for {url}: {exc}", hint=_HINT) from exc
    except ValueError as exc:
        raise UsageError(f"not a storage URL fsspec knows: {exc}", path=url) from exc


def _full_url(fs: Any, path: str, url: str) -> str:
    """The URL a worker opens for ``path`` of ``fs``, listed from ``url`` (its chain kept)."""
    head = fs.unstrip_protocol(path)
    if "::" in url:
        return head + "::" + url.split("::", 1)[1]
    return head


def collect_remote(url: str, *, recursive: bool = True) -> list[str]:
    """The sorted URLs of every file ``url`` names (see the module doc; the caller keeps the suffixes it reads)."""
    fs, root = url_to_fs(url)
    try:
        if _GLOB_CHARS & set(root):
            found = [p for p in fs.glob(root) if not fs.isdir(p)]
        elif fs.isdir(root):
            found = list(fs.find(root, maxdepth=None if recursive else 1))
        elif fs.exists(root):
            found = [root]
        else:
            raise FileNotFound("no such object or prefix", path=url)
    except (FileNotFound, UsageError):
        raise
    except Exception as exc:  # noqa: BLE001 - a storage library's own errors (network, credentials)
        raise UsageError(f"cannot list {url}: {type(exc).__name__}: {exc}",
                         hint="check the credentials and endpoint in the environment") from exc
    return [_full_url(fs, p, url) for p in sorted(found)]


def read_url(url: str, limits: ReadLimits | None = None) -> bytes:
    """The bytes of the object ``url`` (see the module doc for the errors)."""
    lim = limits or ReadLimits()
    fs, path = url_to_fs(url)
    try:
        size = fs.size(path)
        if size is not None and size > lim.max_input_bytes:
            raise InputTooLarge(f"object of {size} bytes exceeds max_input_bytes={lim.max_input_bytes}",
                                path=url, budget="max_input_bytes")  # fmt: skip
        with fs.open(path, "rb") as f:
            data = f.read(lim.max_input_bytes + 1)
    except (FileNotFoundError, FileNotFound) as exc:
        raise FileNotFound("no such object", path=url) from exc
    except InputTooLarge:
        raise
    except Exception as exc:  # noqa: BLE001 - network, permission, throttling: this input's record
        raise UnreadableFile(f"the object cannot be read: {type(exc).__name__}: {exc}", path=url) from exc
    if len(data) > lim.max_input_bytes:
        raise InputTooLarge(f"object exceeds max_input_bytes={lim.max_input_bytes}", path=url, budget="max_input_bytes")
    return data


class RemoteOutput:
    """A batch output at ``url``, staged in a local file (``.local``) and uploaded whole."""

    def __init__(self, url: str, *, resume: bool) -> None:
        self.url = url
        self.fs, self.path = url_to_fs(url)
        self._dir = tempfile.mkdtemp(prefix="policyparse-out-")
        self.local = Path(self._dir) / "records.jsonl"
        try:
            if resume and self.fs.exists(self.path):
                self.fs.get_file(self.path, str(self.local))
        except Exception as exc:  # noqa: BLE001
            self.close()
            raise UsageError(f"cannot read the output to resume: {type(exc).__name__}: {exc}", path=url) from exc

    def upload(self) -> None:
        """Replace the object with the staged file (what is finished so far)."""
        if not self.local.exists():
            return
        try:
            parent = self.fs._parent(self.path)
            if parent and not self.fs.exists(parent):
                self.fs.makedirs(parent, exist_ok=True)
            self.fs.put_file(str(self.local), self.path)
            self.fs.invalidate_cache(self.path)
        except Exception as exc:  # noqa: BLE001
            raise UsageError(f"cannot write the output: {type(exc).__name__}: {exc}", path=self.url) from exc

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


__all__ = ["RemoteOutput", "collect_remote", "is_url", "read_url", "storage_options", "url_to_fs"]
