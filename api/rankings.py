"""Influence of documents over the citation graph: PageRank, computed in Python over the CITES
pairs (a few thousand edges for the gazette — milliseconds; no Graph Data Science plugin needed).

A document cited by influential documents is influential; a document that cites many others
passes each a smaller share. Dangling documents (citing nothing) spread their rank evenly, so the
scores always sum to 1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

DAMPING = 0.85
ITERATIONS = 50
TOLERANCE = 1e-10


def pagerank(edges: Iterable[tuple[str, str]], damping: float = DAMPING,
             iterations: int = ITERATIONS) -> dict[str, float]:
    """``[("285/TB-VPCP@2021", "128/NQ-CP@2021")]`` (citing → cited) → score per document key."""
    out: dict[str, set[str]] = defaultdict(set)
    nodes: set[str] = set()
    for source, target in edges:
        if source != target:
            out[source].add(target)
        nodes.update((source, target))
    if not nodes:
        return {}
    n = len(nodes)
    rank = dict.fromkeys(nodes, 1.0 / n)
    incoming: dict[str, list[str]] = defaultdict(list)
    for source, targets in out.items():
        for target in targets:
            incoming[target].append(source)
    dangling = [k for k in nodes if not out.get(k)]
    for _ in range(iterations):
        spread = damping * sum(rank[k] for k in dangling) / n
        new = {k: (1.0 - damping) / n + spread + damping * sum(rank[s] / len(out[s]) for s in incoming.get(k, ()))
               for k in nodes}
        delta = sum(abs(new[k] - rank[k]) for k in nodes)
        rank = new
        if delta < TOLERANCE:
            break
    return rank
