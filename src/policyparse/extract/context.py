"""What every extractor may read of one parse: :class:`ExtractionContext`.

Built once by the pipeline (:func:`policyparse.pipeline.debug_parse`) after the structure stage,
and handed to :func:`policyparse.extract.run_extractors` instead of loose positionals. It is
frozen: the extractors fill ``document`` (and its enclosed documents) in place, but never swap
the inputs. ``segmenter`` and ``tables`` are the parts of :class:`policyparse.settings.Settings`
that extraction reads, already resolved (the segmenter object, not its name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import PolicyDocument, SourceText
from ..structure import Line, Skeleton
from ..structure.outline import OutlineItem
from .tables import TableSettings

if TYPE_CHECKING:  # the segmenters load lazily; only their type is named here
    from ..nlp.segment import Segmenter


@dataclass(frozen=True)
class ExtractionContext:
    """One document's inputs to extraction.

    ``document``: the document the structure stage built (envelope, outline, annexes), whose
    findings the extractors fill. ``skeleton``: where its parts stand, with the skeletons of its
    enclosed documents in the same order as ``document.enclosed``. ``folded``: the folded text
    (same length as ``source.text``, so spans are shared); ``lines``: its lines; ``outline_items``:
    every outline node of the file in text order. ``source``: the reader's output (its text is the
    evidence, its blocks hold the tables a reader found). ``segmenter``: the tokenizer unit lists
    are cut with, or ``None`` for the unit lexicon and organ-name rules only. ``tables``: the
    settings of the flattened-table finder.
    """

    document: PolicyDocument
    skeleton: Skeleton
    folded: str
    lines: list[Line]
    outline_items: list[OutlineItem]
    source: SourceText
    segmenter: Segmenter | None = None
    tables: TableSettings = field(default_factory=TableSettings)


__all__ = ["ExtractionContext"]
