"""Settings objects: frozen dataclasses with named defaults, resolved from ``None | dict | instance``.

Shared by the readers' limits (:class:`policyparse.io.ReadLimits`), the stages' settings
(:class:`policyparse.extract.tables.TableSettings`) and the object that carries them all
(:class:`policyparse.settings.Settings`).

A dict is checked before it is used: an unknown key is a :class:`~policyparse.errors.UsageError`
naming the known ones, and a value whose type does not fit the field's default (a string for a
number, a number for a word list) is a UsageError naming the field. A list is accepted where the
default is a tuple (TOML and JSON have no tuples) and an integer where it is a float.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

from .errors import UsageError

S = TypeVar("S")


def _coerce(name: str, default: Any, value: Any, what: str) -> Any:
    """``value`` as the type of the field's ``default``, or a UsageError."""
    def bad() -> UsageError:
        return UsageError(f"{what}: {name} must be {type(default).__name__} like its default {default!r}, "
                          f"not {type(value).__name__} {value!r}")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise bad()
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad()
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad()
        return float(value)
    elif isinstance(default, str):
        if not isinstance(value, str):
            raise bad()
    elif isinstance(default, tuple):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise bad()
        return tuple(value)
    return value


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
            raise UsageError(f"unknown {what}: {', '.join(map(str, unknown))}; known: {', '.join(sorted(known))}")
        base = cls()
        return replace(base, **{k: _coerce(k, getattr(base, k), v, what) for k, v in value.items()})  # type: ignore[type-var]
    raise UsageError(f"{what} must be None, a dict or {cls.__name__}, not {type(value).__name__}")
