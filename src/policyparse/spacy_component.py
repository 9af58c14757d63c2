"""spaCy integration: the ``policyparse`` pipeline component (needs ``pip install policyparse[spacy]``).

    >>> import spacy
    >>> nlp = spacy.blank("zh")            # spaCy's default: one token per character
    >>> nlp.add_pipe("policyparse")        # found through the spacy_factories entry point
    >>> doc = nlp(text)
    >>> [(e.text, e.label_, e._.canonical) for e in doc.ents]
    >>> doc._.policy                       # the PolicyDocument of policyparse.pipeline.parse_text(doc.text)

The component sets ``doc.ents`` from :func:`policyparse.nlp.entities.find_entities`: the same
rules (``data/entity_rules.json``, loaded at :meth:`PolicyParseComponent.initialize`) and the
same unit lexicon as the plain API. Labels: ``ORG`` (units), ``PERSON``, ``DOCNO`` (发文字号),
``DATE`` and ``LAW`` (titles in 《》). ``span._.canonical`` holds the entity's normalized value:
the canonical unit name (None when the unit is unknown), the person's name without padding,
the normalized document number, the ISO date, the title.

Entity boundaries do not depend on the segmenter (spaCy's ``char`` default, its ``jieba``
segmenter, or ours): a token that straddles an entity boundary is split there (``doc.retokenize``). :func:`make_nlp` builds a Chinese pipeline whose tokenizer
is policyparse's jieba or pkuseg segmenter with the domain dictionary.

This module imports spaCy at import time; nothing else in policyparse imports this module. It sits
above the pipeline (it reads :mod:`policyparse.nlp` and calls :mod:`policyparse.pipeline`), so no
lower layer reaches up to it.
"""

from __future__ import annotations

import importlib.util
import weakref
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces

from .errors import UsageError
from .nlp.entities import EntityRules, find_entities, load_entity_rules
from .nlp.lexicon import load_lexicon

__all__ = ["PolicyParseComponent", "SegmenterTokenizer", "make_component", "make_nlp"]

_POLICY_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _get_policy(doc: Doc):
    """``doc._.policy``: parse ``doc.text`` with policyparse.pipeline once per Doc."""
    cached = _POLICY_CACHE.get(doc)
    if cached is not None:
        return cached
    if importlib.util.find_spec("policyparse.pipeline") is None:
        raise UsageError(
            "doc._.policy needs policyparse.pipeline, which this installation does not have",
            hint="install a policyparse release with the parsing pipeline",
        )
    from . import pipeline

    result = pipeline.parse_text(doc.text)
    _POLICY_CACHE[doc] = result
    return result


if not Span.has_extension("canonical"):
    Span.set_extension("canonical", default=None)
if not Doc.has_extension("policy"):
    Doc.set_extension("policy", getter=_get_policy)


class PolicyParseComponent:
    """Sets ``doc.ents`` (ORG, PERSON, DOCNO, DATE, LAW) from policyparse's rules and lexicon."""

    def __init__(
        self,
        nlp: Language,
        name: str = "policyparse",
        *,
        province: str | None = None,
        city: str | None = None,
        rules_path: str | None = None,
        overwrite_ents: bool = True,
    ) -> None:
        self.name = name
        self.province = province
        self.city = city
        self.rules_path = rules_path
        self.overwrite_ents = overwrite_ents
        self.rules: EntityRules | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, rules_path: str | None = None) -> None:
        """Load the entity rules (``rules_path`` or ``data/entity_rules.json``) and the unit lexicon."""
        if rules_path is not None:
            self.rules_path = rules_path
        self.rules = load_entity_rules(self.rules_path)
        load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            self.initialize()
        entities = find_entities(doc.text, province=self.province, city=self.city, rules=self.rules)
        _split_at(doc, sorted({e.start for e in entities} | {e.end for e in entities}))
        spans = []
        for e in entities:
            span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="strict")
            if span is None:  # an entity that starts or ends inside whitespace: cannot happen, skip
                continue
            span._.canonical = e.value
            spans.append(span)
        if self.overwrite_ents:
            doc.ents = spans
        else:
            doc.set_ents(spans, default="unmodified")
        return doc


def _split_at(doc: Doc, offsets: list[int]) -> None:
    """Split every token that has one of ``offsets`` strictly inside its text."""
    if not offsets:
        return
    cuts: dict[int, list[int]] = {}
    k = 0
    for tok in doc:
        start, end = tok.idx, tok.idx + len(tok.text)
        while k < len(offsets) and offsets[k] <= start:
            k += 1
        j = k
        while j < len(offsets) and offsets[j] < end:
            cuts.setdefault(tok.i, []).append(offsets[j] - start)
            j += 1
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, rel in cuts.items():
            tok = doc[i]
            bounds = [0, *rel, len(tok.text)]
            orths = [tok.text[a:b] for a, b in pairwise(bounds) if b > a]
            retokenizer.split(tok, orths, heads=[(tok, 0)] * len(orths))


@Language.factory(
    "policyparse",
    default_config={"province": None, "city": None, "rules_path": None, "overwrite_ents": True},
    assigns=["doc.ents", "span._.canonical"],
)
def make_component(
    nlp: Language,
    name: str,
    province: str | None,
    city: str | None,
    rules_path: str | None,
    overwrite_ents: bool,
) -> PolicyParseComponent:
    """The ``policyparse`` factory. ``province``/``city`` fix the region for bare forms (``省X厅``);
    left None, each document's region is guessed from its issuer lines."""
    return PolicyParseComponent(
        nlp, name, province=province, city=city, rules_path=rules_path, overwrite_ents=overwrite_ents
    )


class SegmenterTokenizer:
    """A spaCy tokenizer over a policyparse :class:`~policyparse.nlp.segment.Segmenter`."""

    def __init__(self, vocab, segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.segmenter.cut(text) if w]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


def make_nlp(segmenter: str | None = "jieba", **component_config) -> Language:
    """``spacy.blank("zh")`` with policyparse's segmenter (``jieba``, ``pkuseg`` or ``none`` for
    spaCy's character segmentation) as tokenizer and the ``policyparse`` component added."""
    import spacy

    from .nlp.segment import get_segmenter

    seg = get_segmenter(segmenter)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    if seg is not None:
        nlp.tokenizer = SegmenterTokenizer(nlp.vocab, seg)
    nlp.add_pipe("policyparse", config=component_config)
    return nlp
