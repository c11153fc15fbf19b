"""MinHash signatures of texts: what finds the same document in two shapes (``graph/identity.py`` decides).

Word 5-shingles of the folded text (diacritics, đ and case removed: both tone-mark placements and any
casing give one signature), a 64-permutation MinHash, and 32 bands of 2 rows (``lsh``) that find
candidates without comparing every pair. Pure and deterministic — the permutations come from a fixed
seed — so signatures are comparable across processes, machines and runs: the extraction output
carries a document's signature (``ingest/partitions.py``) and the loaders use it as it is.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NUM_PERM = 64
BAND_ROWS = 2
SHINGLE_WORDS = 5
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
    return Signature(minhash, bands(minhash), len(sh))


def bands(minhash: Sequence[int]) -> tuple[str, ...]:
    """The LSH band keys of a MinHash: ``"<first row>:<crc32 of the band's rows>"``."""
    return tuple(f"{i}:{zlib.crc32(repr(tuple(minhash[i:i + BAND_ROWS])).encode()):08x}"
                 for i in range(0, len(minhash), BAND_ROWS))


__all__ = ["BAND_ROWS", "NUM_PERM", "SHINGLE_WORDS", "Signature", "bands", "shingles", "signature"]
