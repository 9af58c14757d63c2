"""Caches of answers about short strings: is a name a unit, how a unit list splits, what a table cell holds.

The same names and cells recur within a document and across an archive (省发展改革委、省财政厅 in every other
notice), and each answer depends on the string alone (the lexicon and the data tables are the process's own,
loaded once), so each is computed once per process, up to a bound. :func:`text_cache` makes such a cache and
registers it; :func:`clear_text_caches` empties every one (the benchmarks time a document without the answers
its own earlier parse left, so that a repeated measurement measures the parse, not the cache).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

__all__ = ["clear_text_caches", "text_cache"]

F = TypeVar("F", bound=Callable[..., Any])
_REGISTERED: list[Any] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)`` for a pure function of strings, registered for :func:`clear_text_caches`."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _REGISTERED.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def clear_text_caches() -> None:
    """Empty every cache :func:`text_cache` made."""
    for cached in _REGISTERED:
        cached.cache_clear()
