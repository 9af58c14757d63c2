"""One settings object for a parse, from the command line down to the readers and extractors.

:class:`Settings` gathers what a caller may choose: the segmenter that cuts unit lists, the
read limits and budgets (:class:`~policyparse.io.limits.ReadLimits`: sizes, pages, ``max_seconds``,
``max_memory`` …) and the settings of the flattened-table finder
(:class:`~policyparse.extract.tables.TableSettings`). It is a frozen dataclass, so it pickles
(``parse_many`` hands it to worker processes and Dask workers) and compares by value.

Every entry point takes it the same way: ``settings=None`` (the defaults, which give the output
policyparse has always given), a ``dict`` (the defaults with those fields replaced; nested dicts
for ``limits`` and ``tables``) or a :class:`Settings`. :meth:`Settings.from_toml` reads the same
shape from a TOML file (the CLI's ``--settings FILE``)::

    segmenter = "jieba"
    [limits]
    max_seconds = 30
    [tables]
    max_cols = 24

An unknown key at any level, or a value of the wrong type, is a
:class:`~policyparse.errors.UsageError` naming the known keys or the field.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, get_args

from ._settings import resolve_settings
from .errors import UsageError
from .extract.tables import TableSettings
from .io.limits import ReadLimits

#: how unit lists (``省发展改革委、省财政厅``) are cut: ``rules`` the unit lexicon and organ-name
#: rules only (the default, fastest); ``jieba`` / ``pkuseg`` those rules plus the segmenter's tokens,
#: which keep a name the rules do not know whole
SegmenterName = Literal["rules", "jieba", "pkuseg"]
SEGMENTERS: tuple[str, ...] = get_args(SegmenterName)
#: older spellings still accepted: ``none`` (and ``None``) meant the rules only
_ALIASES = {"none": "rules"}


def segmenter_name(value: str | None) -> SegmenterName:
    """The one meaning of a segmenter choice: ``None``/``"none"``/``"rules"`` -> ``"rules"``;
    ``"jieba"``/``"pkuseg"`` as they are (case and spaces ignored); anything else a UsageError."""
    if value is None:
        return "rules"
    if not isinstance(value, str):
        raise UsageError(f"segmenter must be one of {', '.join(SEGMENTERS)}, not {type(value).__name__} {value!r}")
    key = value.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in SEGMENTERS:
        raise UsageError(f"unknown segmenter {value!r}; known: {', '.join(SEGMENTERS)}")
    return key  # type: ignore[return-value]


@dataclass(frozen=True)
class Settings:
    """What one parse (or every parse of a batch) may be told.

    ``segmenter``: see :data:`SegmenterName`; default ``"rules"``.
    ``limits``: the readers' limits and the budgets (:class:`ReadLimits`): ``parse`` reads with
    them and runs under ``limits.max_seconds``; a batch takes its per-document time budget
    (unless ``timeout=`` says otherwise) and its workers' ``max_memory`` from them.
    ``tables``: how flattened annex tables of plain text are found (:class:`TableSettings`).

    ``limits`` and ``tables`` may be given as dicts; they are resolved on construction.
    """

    segmenter: SegmenterName = "rules"
    limits: ReadLimits = field(default_factory=ReadLimits)
    tables: TableSettings = field(default_factory=TableSettings)

    def __post_init__(self) -> None:
        object.__setattr__(self, "segmenter", segmenter_name(self.segmenter))
        object.__setattr__(self, "limits", ReadLimits.resolve(self.limits))
        object.__setattr__(self, "tables", TableSettings.resolve(self.tables))

    @classmethod
    def resolve(cls, value: Settings | dict[str, Any] | None) -> Settings:
        """``None`` -> defaults; a dict -> defaults with those fields replaced; an instance as is."""
        return resolve_settings(cls, value, what="settings")

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Settings:
        """The settings a TOML file states (top-level ``segmenter``, tables ``[limits]`` and
        ``[tables]``). A missing or unreadable file, bad TOML, an unknown key or a
        value of the wrong type is a UsageError."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError("no such settings file", path=os.fspath(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read the settings file: {exc}", path=os.fspath(path)) from exc
        except tomllib.TOMLDecodeError as exc:
            raise UsageError(f"the settings file is not valid TOML: {exc}", path=os.fspath(path)) from exc
        return cls.resolve(data)

    def with_segmenter(self, segmenter: str | None) -> Settings:
        """These settings with another segmenter (``None`` keeps this one): for shortcuts such as
        ``parse(..., segmenter=...)`` and the CLI's ``--segmenter``, which override the object."""
        return self if segmenter is None else replace(self, segmenter=segmenter_name(segmenter))


def resolve(settings: Settings | dict[str, Any] | None, *, segmenter: str | None = None) -> Settings:
    """:meth:`Settings.resolve` of ``settings``, then ``segmenter`` (when given) over it."""
    return Settings.resolve(settings).with_segmenter(segmenter)


__all__ = ["SEGMENTERS", "SegmenterName", "Settings", "resolve", "segmenter_name"]
