"""Word segmenters with the project's domain dictionary: jieba (default) and pkuseg (optional).

Contract of :meth:`Segmenter.cut`: the tokens, concatenated, give back ``text`` exactly
(whitespace runs are tokens of their own), so token offsets are offsets into ``text``.

Both segmenters load lazily (the first ``cut`` pays) and once per process: :func:`get_segmenter`
returns the same instance for the same name. Both are given the domain dictionary: every unit
name and short form of the lexicon (``units.jsonl``), the regional forms the rules generate
(``省人力资源社会保障厅``, ``市卫生健康委``) and the words of ``data/userdict.txt``, so that these
stay whole. jieba runs in its own ``jieba.Tokenizer`` instance: the caller's global jieba is not
touched. pkuseg uses the model bundled in the pkuseg package; nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
from typing import Protocol, runtime_checkable

from ..errors import UsageError
from .lexicon import data_path, load_lexicon

__all__ = [
    "PKUSEG_INSTALL_HINT",
    "SEGMENTER_NAMES",
    "JiebaSegmenter",
    "PkusegSegmenter",
    "Segmenter",
    "domain_words",
    "get_segmenter",
    "pkuseg_model_dir",
]

SEGMENTER_NAMES = ("jieba", "pkuseg", "none")
PKUSEG_INSTALL_HINT = (
    "install it with: pip install numpy cython setuptools wheel && "
    "pip install --no-build-isolation pkuseg==0.0.25"
)
_WS = re.compile(r"(\s+)")


@runtime_checkable
class Segmenter(Protocol):
    """Anything with a ``name`` and ``cut(text) -> list[str]`` (tokens that concatenate to ``text``)."""

    name: str

    def cut(self, text: str) -> list[str]: ...


def _userdict_entries() -> list[tuple[str, str | None]]:
    """``(word, tag)`` pairs of ``data/userdict.txt`` (``word [tag]`` per line, ``#`` comments)."""
    entries = []
    for line in data_path("userdict.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        entries.append((parts[0], parts[1] if len(parts) > 1 else None))
    return entries


def domain_words() -> list[tuple[str, str | None]]:
    """The domain dictionary, sorted: ``(word, tag)`` with tag ``nt`` for organs.

    Two-character short forms (国办, 省委) are left out: added to a segmenter they would cut
    words such as 全国办理 wrongly.
    """
    lex = load_lexicon()
    words: dict[str, str | None] = {}
    for form in lex.surface_forms:
        if len(form) >= 3 and not form.startswith("州"):
            words[form] = "nt"
    for rec in lex.records:
        words[rec.canonical] = "nt"
    for word, tag in _userdict_entries():
        words[word] = tag
    return sorted(words.items())


class JiebaSegmenter:
    """jieba in a private ``jieba.Tokenizer`` loaded with the domain dictionary."""

    name = "jieba"

    def __init__(self) -> None:
        self._tokenizer = None
        self._lock = threading.Lock()

    def _load(self):
        import jieba

        logger = logging.getLogger("jieba")
        level = logger.level
        logger.setLevel(logging.WARNING)  # jieba prints "Building prefix dict ..." at DEBUG
        try:
            tk = jieba.Tokenizer()
            tk.initialize()
            for word, tag in domain_words():
                tk.add_word(word, tag=tag)
        finally:
            logger.setLevel(level)
        return tk

    @property
    def tokenizer(self):
        """The underlying ``jieba.Tokenizer`` (loaded on first access)."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._load()
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        return [w for w in self.tokenizer.cut(text, HMM=True) if w]


def pkuseg_model_dir() -> str:
    """The directory of pkuseg's bundled default model (for ``nlp.tokenizer.initialize(pkuseg_model=…)``)."""
    spec = importlib.util.find_spec("pkuseg")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("the pkuseg segmenter needs the pkuseg package", hint=PKUSEG_INSTALL_HINT)
    import os

    return os.path.join(list(spec.submodule_search_locations)[0], "models", "default")


class PkusegSegmenter:
    """pkuseg 0.0.25 with its bundled default model and the domain dictionary.

    pkuseg drops whitespace; :meth:`cut` segments each non-space run and keeps the whitespace
    runs as tokens, so the tokens still concatenate to the input.
    """

    name = "pkuseg"

    def __init__(self) -> None:
        if importlib.util.find_spec("pkuseg") is None:
            raise UsageError("the pkuseg segmenter needs the pkuseg package", hint=PKUSEG_INSTALL_HINT)
        self._seg = None
        self._lock = threading.Lock()

    def _load(self):
        import pkuseg

        return pkuseg.pkuseg(model_name="default", user_dict=[w for w, _ in domain_words()])

    @property
    def model(self):
        if self._seg is None:
            with self._lock:
                if self._seg is None:
                    self._seg = self._load()
        return self._seg

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        for part in _WS.split(text):
            if not part:
                continue
            if part.isspace():
                out.append(part)
            else:
                out.extend(self._align(part, self.model.cut(part)))
        return out

    @staticmethod
    def _align(part: str, words: list[str]) -> list[str]:
        """Re-cut ``part`` along ``words`` so that the tokens are exact substrings (pkuseg may normalize)."""
        if "".join(words) == part:
            return words
        tokens, pos = [], 0
        for w in words:
            tokens.append(part[pos:pos + len(w)])
            pos += len(w)
        if pos < len(part):
            tokens.append(part[pos:])
        return [t for t in tokens if t]


_INSTANCES: dict[str, Segmenter] = {}
_LOCK = threading.Lock()


def get_segmenter(name: str | None = None) -> Segmenter | None:
    """The process-wide segmenter called ``name``: ``jieba`` (also for None), ``pkuseg`` or ``none``.

    ``none`` returns None (parse without NLP). Raises :class:`~policyparse.errors.UsageError`
    for an unknown name, and with an install hint when pkuseg is not installed.
    """
    key = (name or "jieba").strip().lower()
    if key == "none":
        return None
    if key not in SEGMENTER_NAMES:
        raise UsageError(f"unknown segmenter {name!r}", hint="choose one of " + ", ".join(SEGMENTER_NAMES))
    seg = _INSTANCES.get(key)
    if seg is None:
        with _LOCK:
            seg = _INSTANCES.get(key)
            if seg is None:
                seg = JiebaSegmenter() if key == "jieba" else PkusegSegmenter()
                _INSTANCES[key] = seg
    return seg
