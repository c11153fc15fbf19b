"""MinHash signatures (ingest/minhash.py) are the textbook definition, only computed faster: the loader
compares signatures written by earlier runs, so a faster computation must give the very same values."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from danchieu.ingest import minhash as identity

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"  # in the repository


def _reference(text: str) -> tuple[tuple[int, ...], int]:
    words = identity._WORD.findall(identity._fold_fast(text))
    k = identity.SHINGLE_WORDS
    grams = ({" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)} if len(words) >= k
             else ({" ".join(words).encode()} if words else set()))
    if not grams:
        return (), 0
    p = (1 << 31) - 1
    hashes = [zlib.crc32(g) % p for g in grams]
    mins = tuple(min((int(a) * h + int(b)) % p for h in hashes)
                 for a, b in zip(identity._A, identity._B, strict=True))
    return mins, len(grams)


TEXTS = ["", "một", "a b c d", "a b c d e", "a b c d e f", "x " * 5,
         "Đà Nẵng, ngày 01 tháng 02 năm 2024. Ủy ban nhân dân thành phố Đà Nẵng hoà hòa ĐẠI HỘI " * 30,
         "Căn cứ Nghị định số 15/2023/NĐ-CP ngày 12 tháng 03 năm 2023 của Chính phủ;\n" * 3]


@pytest.mark.parametrize("text", TEXTS + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))])
def test_signature_is_the_definition(text: str) -> None:
    sig = identity.signature(text)
    assert (sig.minhash, sig.shingles) == _reference(text)
    assert len(sig.lsh) == (identity.NUM_PERM // identity.BAND_ROWS if sig.minhash else 0)
