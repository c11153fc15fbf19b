"""Document identity: exact duplicates by content hash, near-duplicates by MinHash.

The same notice reaches us in several shapes: the signed PDF text (sometimes without its header, so
without a number), a news report that quotes most of it ("Văn phòng Chính phủ vừa ban hành Thông báo
494/TB-VPCP ngày 29/11/2023 …"), a re-scrape with different spacing. Exact duplicates share the
``text_hash`` of the normalised text. Near-duplicates share word 5-shingles: a 64-permutation MinHash
estimates the overlap, 32 bands of 2 rows (``lsh``) find candidates without comparing every pair.

Overlap is measured as *containment* (shared shingles / shingles of the smaller text), because a
news report holds the notice plus its own lead and captions: Jaccard would punish that.

Decisions (see :func:`decide`):
- a numberless document contained in a news report that reports on exactly one document *is* that
  document: it takes the reported key (``494/TB-VPCP@2023``), the report's ``REPORTS_ON`` points at it;
- a numberless document near a numbered one is the same text without its header: skipped;
- a numbered document near an already-loaded numberless one absorbs it.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

NUM_PERM = 64
BAND_ROWS = 2
SHINGLE_WORDS = 5
CONTAINMENT_THRESHOLD = 0.5  # seed pair 000/002: ≈0.9; two different COVID notices of the same office: < 0.2
_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20231129)  # fixed: signatures must be comparable across processes and runs
_A = _rng.integers(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+")
_WORD_BYTES = re.compile(rb"[a-z0-9]+")
_A_COL, _B_COL = _A[:, None], _B[:, None]
_P64 = np.array(_PRIME, dtype=np.uint64)
_SHIFT = np.array(31, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Signature:
    """MinHash of a text: ``minhash`` (64 ints), ``lsh`` band keys and the shingle count."""

    minhash: tuple[int, ...]
    lsh: tuple[str, ...]
    shingles: int


def _fold_bytes(text: str) -> bytes:
    """Diacritics, đ and case removed in C-speed steps (``danchieu.ingest.textutil.fold`` loops in Python;
    for whole texts that dominated the signature's cost), as ASCII bytes. Both tone-mark placements fold alike."""
    return unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").lower()


def _fold_fast(text: str) -> str:
    return _fold_bytes(text).decode()


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-grams of the folded text (diacritics and case do not matter)."""
    # the folded text is ASCII: its words are found and joined as bytes, never decoded (building each
    # k-gram from str words, then encoding it, cost most of a signature at national scale)
    words = _WORD_BYTES.findall(_fold_bytes(text))
    if len(words) < k:
        return {b" ".join(words)} if words else set()
    return set(map(b" ".join, zip(*(words[i:] for i in range(k)))))


def signature(text: str) -> Signature:
    """MinHash signature of ``text``; an empty text gets an empty signature."""
    sh = shingles(text)
    if not sh:
        return Signature((), (), 0)
    hashes = np.fromiter(map(zlib.crc32, sh), dtype=np.uint64, count=len(sh))
    hashes %= np.uint64(_PRIME)
    values = _A_COL * hashes
    values += _B_COL
    # values % (2**31 - 1) by folding the high bits onto the low ones (a Mersenne prime), twice: every value
    # ends in [0, P + 1], and the rare P or P + 1 is taken modulo P after (numpy's 64-bit % is 2× slower).
    # In place, with one scratch array: a fresh 64 × n temporary per step cost as much as the arithmetic.
    high = values >> _SHIFT
    values &= _P64
    values += high
    np.right_shift(values, _SHIFT, out=high)
    values &= _P64
    values += high
    if values.max() >= _P64:
        values %= _P64
    minhash = tuple(values.min(axis=1).tolist())
    lsh = tuple(f"{i}:{zlib.crc32(repr(minhash[i:i + BAND_ROWS]).encode()):08x}"
                for i in range(0, NUM_PERM, BAND_ROWS))
    return Signature(minhash, lsh, len(sh))


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
