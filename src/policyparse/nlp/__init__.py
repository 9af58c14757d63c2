"""Chinese language layer: segmenters, the unit lexicon, persons and entities (the spaCy component that
uses them is :mod:`policyparse.spacy_component`, above the pipeline).

Importing this package is cheap: jieba, pkuseg and spaCy are imported only when a segmenter
first cuts text or when :mod:`policyparse.spacy_component` is imported (spaCy does that
itself through the ``spacy_factories`` entry point).

    >>> from policyparse.nlp import canonicalize, region_of, split_units
    >>> province, city = region_of(["中共湖南省委办公厅", "湖南省人民政府办公厅"])
    >>> canonicalize("省发展改革委", province=province, city=city)
    ('湖南省发展和改革委员会', 'lexicon')
"""

from __future__ import annotations

from .entities import Entity, find_entities, guess_region
from .lexicon import load_lexicon
from .persons import looks_like_person, normalize_person
from .segment import SEGMENTER_NAMES, JiebaSegmenter, PkusegSegmenter, Segmenter, get_segmenter
from .units import canonicalize, find_units, is_collective, is_unit, region_of, split_units

__all__ = [
    "SEGMENTER_NAMES",
    "Entity",
    "JiebaSegmenter",
    "PkusegSegmenter",
    "Segmenter",
    "canonicalize",
    "find_entities",
    "find_units",
    "get_segmenter",
    "guess_region",
    "is_collective",
    "is_unit",
    "load_lexicon",
    "looks_like_person",
    "normalize_person",
    "region_of",
    "split_units",
]
