"""Document identity: exact duplicates by content hash, near-duplicates by MinHash.

The same notice reaches us in several shapes: the signed PDF text (sometimes without its header, so
without a number), a news report that quotes most of it ("Văn phòng Chính phủ vừa ban hành Thông báo
494/TB-VPCP ngày 29/11/2023 …"), a re-scrape with different spacing. Exact duplicates share the
``text_hash`` of the normalised text. Near-duplicates share word 5-shingles: a 64-permutation MinHash
estimates the overlap, 32 bands of 2 rows (``lsh``) find candidates without comparing every pair
(:mod:`danchieu.ingest.minhash`).

Overlap is measured as *containment* (shared shingles / shingles of the smaller text), because a
news report holds the notice plus its own lead and captions: Jaccard would punish that.

Decisions (see :func:`decide`):
- a numberless document contained in a news report that reports on exactly one document *is* that
  document: it takes the reported key (``494/TB-VPCP@2023``), the report's ``REPORTS_ON`` points at it;
- a numberless document near a numbered one is the same text without its header: skipped;
- a numbered document near an already-loaded numberless one absorbs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from danchieu.ingest.minhash import BAND_ROWS, NUM_PERM, SHINGLE_WORDS, Signature, shingles, signature

CONTAINMENT_THRESHOLD = 0.5  # seed pair 000/002: ≈0.9; two different COVID notices of the same office: < 0.2


def jaccard(a: tuple[int, ...] | list[int], b: tuple[int, ...] | list[int]) -> float:
    """MinHash estimate of the Jaccard similarity of two shingle sets."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def containment(a: Signature, b_minhash: list[int] | tuple[int, ...], b_shingles: int) -> float:
    """Estimated share of the smaller text's shingles found in the other text."""
    j = jaccard(a.minhash, b_minhash)
    if j == 0.0 or not b_shingles or not a.shingles:
        return 0.0
    inter = j * (a.shingles + b_shingles) / (1 + j)
    return min(1.0, inter / min(a.shingles, b_shingles))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A loaded document that shares a MinHash band with the new one."""

    key: str
    minhash: list[int]
    shingles: int
    type: str | None
    reports_on: list[str]

    @property
    def weak(self) -> bool:
        return self.key.startswith("sha:")


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with a new document. ``action``: load / rekey_self / skip / rekey_other / absorb."""

    action: str
    other: str | None = None  # the candidate's key
    target: str | None = None  # the key a numberless document takes
    score: float = 0.0


def decide(key: str, sig: Signature, reports_on: list[str], candidates: list[Candidate],
           threshold: float = CONTAINMENT_THRESHOLD) -> Decision:
    """Pick the identity decision for a new document (pure; the loader applies it).

    >>> decide("sha:1", Signature((1,), ("0:a",), 10), [], []).action
    'load'
    """
    scored = sorted(((containment(sig, c.minhash, c.shingles), c) for c in candidates),
                    key=lambda sc: (-sc[0], sc[1].key))
    for score, c in scored:
        if score < threshold:
            break
        if reports_on:  # the new document is a report
            if c.weak and not c.reports_on and len(reports_on) == 1:  # about a numberless text already loaded
                return Decision("rekey_other", other=c.key, target=reports_on[0], score=score)
            continue  # two reports of the same event, or a report quoting a numbered text: both stay
        if key.startswith("sha:"):
            if len(c.reports_on) == 1:  # the text a report is about
                return Decision("rekey_self", other=c.key, target=c.reports_on[0], score=score)
            if not c.reports_on:  # the same text, once with its header
                return Decision("skip", other=c.key, score=score)
            continue
        if c.weak and not c.reports_on:  # the numbered original of a numberless text
            return Decision("absorb", other=c.key, score=score)
    return Decision("load")


__all__ = ["BAND_ROWS", "NUM_PERM", "SHINGLE_WORDS", "Candidate", "Decision", "Signature", "containment", "decide",
           "jaccard", "shingles", "signature"]
