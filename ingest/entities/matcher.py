"""A syllable trie: leftmost-longest look-up of many phrases at once, in one pass over a text.

Built once per process from the gazetteers (thousands of phrases, generated provincial bodies
included); matching walks the trie from each syllable, so its cost grows with the text, not with
the number of phrases — the reason it is used instead of one regex alternation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from danchieu.ingest.entities.tokens import Tokens


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    payloads: list[Any] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TrieMatch:
    """Tokens ``first``..``last`` (inclusive) match ``payloads``."""

    first: int
    last: int
    payloads: tuple[Any, ...]


class SyllableTrie:
    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, folded: tuple[str, ...], payload: Any) -> None:
        if not folded:
            return
        node = self._root
        for syl in folded:
            node = node.children.setdefault(syl, _Node())
        if payload not in node.payloads:
            node.payloads.append(payload)
            self.size += 1

    def starts(self) -> frozenset[str]:
        """The first syllables of all phrases: a cheap filter before ``longest_at``."""
        return frozenset(self._root.children)

    def longest_at(self, toks: Tokens, i: int,
                   accept: Callable[[int, int, Any], bool] | None = None) -> TrieMatch | None:
        """The longest phrase starting at token ``i`` (syllables joined only across name gaps)."""
        node = self._root.children.get(toks.folds[i])
        best: TrieMatch | None = None
        j = i
        n = len(toks)
        while node is not None:
            if node.payloads:
                ok = tuple(p for p in node.payloads if accept is None or accept(i, j, p))
                if ok:
                    best = TrieMatch(i, j, ok)
            if j + 1 >= n or not toks.joinable(j):
                break
            j += 1
            node = node.children.get(toks.folds[j])
        return best

    def scan(self, toks: Tokens,
             accept: Callable[[int, int, Any], bool] | None = None) -> Iterator[TrieMatch]:
        """Leftmost-longest, non-overlapping matches over the whole token list."""
        i, n = 0, len(toks)
        children = self._root.children
        folds = toks.folds
        while i < n:
            if folds[i] in children:
                m = self.longest_at(toks, i, accept)
                if m is not None:
                    yield m
                    i = m.last + 1
                    continue
            i += 1
