"""The identities of the history: document keys, title/number/organ keys, and the edge kinds.

Input: a :class:`~policyparse.model.PolicyDocument` or one of its fields; output: the string a
history node, a store row and every export compare on. :func:`doc_key` is the one identity of a
document (extend it here only). Pure functions of the model, no networkx: the store and the
record exports import this module without pulling in the graph; :mod:`.graph` builds on it and
:mod:`.export` reads the constants.
"""

from __future__ import annotations

import re

from ..model import DocNumber, PolicyDocument
from ..normalize import fold, squeeze

__all__ = ["EDITION_EDGES", "EDITION_MAKING", "PRIVATE_ATTRS", "doc_key", "issuers_agree", "number_key", "organ_key",
           "title_key"]  # fmt: skip

#: edges from an edition to the next edition of the same title
EDITION_EDGES = ("amended_by", "revised_by")


EDITION_MAKING = ("amended", "revised")


PRIVATE_ATTRS = ("number_key", "title_keys", "root_key", "edition_event")  # node attributes used for resolution, not exported


def title_key(title: str | None) -> str | None:
    """Title for comparison: widths folded, 《》〈〉 and every space removed."""
    if not title:
        return None
    t = squeeze(fold(title))
    t = re.sub(r"[\s《》〈〉<>‹›「」]", "", t).rstrip("。")
    return t or None


def number_key(dn: DocNumber | str | None) -> str | None:
    """发文字号 for comparison: the normalized form without 原 / 中华人民共和国, 国令 = 国务院令."""
    if dn is None:
        return None
    s = dn.normalized if isinstance(dn, DocNumber) else dn
    s = re.sub(r"\s+", "", fold(s)).replace("[", "〔").replace("]", "〕")
    s = re.sub(r"^(?:原|中华人民共和国)+", "", s)
    if s.startswith("国令"):
        s = "国务院令" + s[2:]
    return s or None


def organ_key(name: str) -> str:
    """An issuing organ for containment comparison: padding removed, leading 原 / 中共 dropped."""
    return re.sub(r"^(?:原|中共)", "", squeeze(name).replace(" ", ""))


def issuers_agree(ref: list[str], doc: list[str]) -> bool:
    if not ref or not doc:
        return True
    a = [organ_key(x) for x in ref]
    b = [organ_key(x) for x in doc]
    return any(x in y or y in x for x in a for y in b)


def doc_key(doc: PolicyDocument) -> str:
    """The one identity of a document, the same in every command, query and export (with
    ``@<edition date>`` after the 发文字号 of an amended or revised statute edition).

    ``doc:<发文字号>`` (normalized, :func:`number_key`), else ``doc:<title>@<date>`` (``@<date>``
    only when the date is known), else ``doc:sha256:<first 16 hex digits of the content hash>``.
    Where the file lies is never part of it: copies of one document (a .txt and an .html of the
    same notice, the same file in two folders) have one key, and moving a file keeps its key.
    The store and every history export use this function; extend it here only.
    """
    nk = number_key(doc.doc_number)
    if nk:
        # an amended or revised edition keeps its first order's number: its edition date tells it apart
        return f"doc:{nk}@{doc.date}" if doc.date and any(e.kind in EDITION_MAKING for e in doc.events) else f"doc:{nk}"
    tk = title_key(doc.title)
    if tk:
        return f"doc:{tk}@{doc.date}" if doc.date else f"doc:{tk}"
    if doc.source is not None and doc.source.sha256:
        return f"doc:sha256:{doc.source.sha256[:16]}"
    return "doc:?"
