"""Settings objects: frozen dataclasses with named defaults, resolved from ``None | dict | instance``.

Shared by the readers' limits (:class:`policyparse.io.ReadLimits`) and the stages' settings
(:class:`policyparse.extract.tables.TableSettings`).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from .errors import UsageError

S = TypeVar("S")


def resolve_settings(cls: type[S], value: S | dict[str, Any] | None, *, what: str) -> S:
    """``None`` -> the defaults; a dict -> the defaults with those fields replaced; an instance -> itself."""
    if value is None:
        return cls()
    if isinstance(value, cls):
        return value
    if isinstance(value, dict):
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        unknown = sorted(set(value) - known)
        if unknown:
            raise UsageError(f"unknown {what}: {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(cls(), **value)  # type: ignore[type-var]
    raise UsageError(f"{what} must be None, a dict or {cls.__name__}, not {type(value).__name__}")
