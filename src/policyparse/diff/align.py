"""Two lists of unit texts -> which old unit became which new one.

The stages, each a pure function (in the order :func:`align_texts` runs them):

1. :func:`texts_to_anchors`: runs of equal texts in the same order (``difflib`` on the lists),
   whatever the units' numbers, so 第二十一条 → 第二十三条 after two insertions is found;
2. :func:`equal_texts_to_pairs`: the remaining equal texts, in any order (moved units);
3. :func:`anchors_to_gaps` then :func:`gap_to_pairs`: between two consecutive aligned units, the
   order-keeping alignment of the units left that maximizes the summed similarity, counting only
   pairs at least :data:`SIMILAR_IN_PLACE` alike (amended units);
4. :func:`leftovers_to_pairs`: the units still left, best pair first, at least
   :data:`SIMILAR_MOVED` alike (units moved and amended);
5. :func:`pairs_to_moved`: aligned pairs off the longest run kept in order are *moved*.

Similarity is the Dice coefficient of the two texts' sets of character bigrams. Ties are broken
by position, so the result depends only on the inputs.
"""

from __future__ import annotations

from bisect import bisect_left
from difflib import SequenceMatcher

__all__ = [
    "SIMILAR_IN_PLACE",
    "SIMILAR_MOVED",
    "align_texts",
    "anchors_to_gaps",
    "bigrams",
    "equal_texts_to_pairs",
    "gap_to_pairs",
    "leftovers_to_pairs",
    "pairs_to_moved",
    "similarity",
    "texts_to_anchors",
]

SIMILAR_IN_PLACE = 0.5
SIMILAR_MOVED = 0.6
_DP_LIMIT = 400_000  # cells of one gap's alignment table; a larger gap is paired best-first

Pair = tuple[int, int]


def bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of ``text`` (whitespace removed); single characters for one-character texts."""
    t = "".join(text.split())
    if len(t) < 2:
        return frozenset(t)
    return frozenset(t[i:i + 2] for i in range(len(t) - 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two bigram sets: 1 for equal sets, 0 when nothing is shared."""
    if not a and not b:
        return 1.0
    return 2.0 * len(a & b) / (len(a) + len(b))


def texts_to_anchors(old: list[str], new: list[str]) -> list[Pair]:
    """Pairs of equal texts that keep their order, from the matching blocks of the two lists."""
    sm = SequenceMatcher(None, old, new, autojunk=False)
    return [(b.a + k, b.b + k) for b in sm.get_matching_blocks() for k in range(b.size)]


def equal_texts_to_pairs(old: list[str], new: list[str], pairs: list[Pair]) -> list[Pair]:
    """Each unpaired new text equal to an unpaired old one, paired with the first such old one."""
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    free: dict[str, list[int]] = {}
    for i, t in enumerate(old):
        if i not in used_old:
            free.setdefault(t, []).append(i)
    out: list[Pair] = []
    for j, t in enumerate(new):
        if j not in used_new and free.get(t):
            out.append((free[t].pop(0), j))
    return out


def longest_ordered(pairs: list[Pair]) -> list[Pair]:
    """The longest subsequence of ``pairs`` (sorted by new index) whose old indices increase."""
    ps = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []  # tails[k]: the old index ending the best run of length k+1
    tail_at: list[int] = []
    back: list[int] = [-1] * len(ps)
    for n, (i, _j) in enumerate(ps):
        k = bisect_left(tails, i)
        if k == len(tails):
            tails.append(i)
            tail_at.append(n)
        else:
            tails[k] = i
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    run: list[Pair] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(ps[n])
        n = back[n]
    return run[::-1]


def pairs_to_moved(pairs: list[Pair]) -> set[Pair]:
    """Pairs that are not on the longest run of pairs kept in order."""
    keep = set(longest_ordered(pairs))
    return {p for p in pairs if p not in keep}


def anchors_to_gaps(chain: list[Pair], n_old: int, n_new: int) -> list[tuple[range, range]]:
    """The stretches of old and new positions between consecutive pairs of an ordered chain."""
    out = []
    prev = (-1, -1)
    for p in [*chain, (n_old, n_new)]:
        old, new = range(prev[0] + 1, p[0]), range(prev[1] + 1, p[1])
        if len(old) and len(new):
            out.append((old, new))
        prev = p
    return out


def gap_to_pairs(old: list[int], new: list[int], sims: dict[Pair, float], threshold: float) -> list[Pair]:
    """The order-keeping pairing of ``old`` × ``new`` positions with the largest summed similarity.

    ``sims`` holds the similarity of every (old, new) position pair of the gap; pairs under
    ``threshold`` are never made.
    """
    n, m = len(old), len(new)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, nxt = score[a], score[a + 1]
        for b in range(m - 1, -1, -1):
            best = max(nxt[b], row[b + 1])
            s = sims[(old[a], new[b])]
            if s >= threshold and s + nxt[b + 1] > best:
                best = s + nxt[b + 1]
            row[b] = best
    out: list[Pair] = []
    a = b = 0
    while a < n and b < m:
        s = sims[(old[a], new[b])]
        if s >= threshold and abs(score[a][b] - (s + score[a + 1][b + 1])) < 1e-12:
            out.append((old[a], new[b]))
            a += 1
            b += 1
        elif score[a][b] == score[a + 1][b]:
            a += 1
        else:
            b += 1
    return out


def leftovers_to_pairs(sims: dict[Pair, float], threshold: float) -> list[Pair]:
    """Greedy pairing, most similar first (ties by position), of the pairs of ``sims`` at least ``threshold`` alike."""
    cands = sorted(((s, i, j) for (i, j), s in sims.items() if s >= threshold),
                   key=lambda x: (-x[0], x[1], x[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    out: list[Pair] = []
    for _s, i, j in cands:
        if i not in used_old and j not in used_new:
            out.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return sorted(out)


def _sims(old: list[int], new: list[int], grams_old: list[frozenset[str]], grams_new: list[frozenset[str]]) -> dict[Pair, float]:
    return {(i, j): similarity(grams_old[i], grams_new[j]) for i in old for j in new}


def align_texts(old: list[str], new: list[str]) -> tuple[list[Pair], set[Pair]]:
    """Aligned (old index, new index) pairs sorted by new index, and the subset that moved."""
    pairs = texts_to_anchors(old, new)
    pairs += equal_texts_to_pairs(old, new, pairs)
    grams_old = [bigrams(t) for t in old]
    grams_new = [bigrams(t) for t in new]
    used_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    for o_rng, n_rng in anchors_to_gaps(longest_ordered(pairs), len(old), len(new)):
        o = [i for i in o_rng if i not in used_old]
        n = [j for j in n_rng if j not in used_new]
        if not o or not n:
            continue
        sims = _sims(o, n, grams_old, grams_new)
        found = (gap_to_pairs(o, n, sims, SIMILAR_IN_PLACE) if len(o) * len(n) <= _DP_LIMIT
                 else leftovers_to_pairs(sims, SIMILAR_IN_PLACE))
        pairs += found
        used_old.update(i for i, _ in found)
        used_new.update(j for _, j in found)
    o = [i for i in range(len(old)) if i not in used_old]
    n = [j for j in range(len(new)) if j not in used_new]
    if o and n:
        pairs += leftovers_to_pairs(_sims(o, n, grams_old, grams_new), SIMILAR_MOVED)
    pairs.sort(key=lambda p: p[1])
    return pairs, pairs_to_moved(pairs)
