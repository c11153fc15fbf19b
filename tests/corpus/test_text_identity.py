"""Real legal-portal pages and news pages: the document's own identity and signers from the body.

Documents 01–13 of ``../shared/corpus/dev`` (thuvienphapluat pages with and without the site's
furniture, Party documents, provincial documents, news reports) against their hand-made gold, and
the 117 portal pages of ``../shared/corpus/field/portal`` against their own metadata block, read with
the block removed (issue 12). Without ``../shared`` these tests skip locally and fail under CI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from danchieu.ingest import pipeline, portal, read
from danchieu.ingest.textutil import fold

from tests.conftest import SHARED, shared

DEV, GOLD = SHARED / "corpus" / "dev", SHARED / "gold" / "dev"
PORTAL = SHARED / "corpus" / "field" / "portal"


@pytest.fixture(autouse=True)
def _needs_the_dev_set() -> None:
    shared("corpus", "dev")


TEXT_DOCUMENTS = [f"{n:02d}" for n in range(1, 14)]


def _dev_file(prefix: str) -> Path:
    found = sorted(DEV.glob(f"{prefix}_*"))
    assert found, f"no dev document {prefix} in {DEV}"
    return found[0]


def _accepts(gold: dict, field: str, value: str | None) -> bool:
    want = gold.get(field)
    options = [want, *gold.get(f"{field}_aliases", [])]
    if value is None or want is None:
        return value == want
    return fold(value) in {fold(o) for o in options if o}


@pytest.mark.parametrize("prefix", TEXT_DOCUMENTS)
def test_a_text_documents_identity_is_read_from_its_body(prefix: str) -> None:
    path = _dev_file(prefix)
    gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
    doc = pipeline.extract_file(path)
    got = {f: getattr(doc.document, f) for f in ("number", "type", "issuer", "date")}
    wrong = {f: (got[f], gold["document"].get(f)) for f in got if not _accepts(gold["document"], f, got[f])}
    assert wrong == {}
    assert sorted(fold(s.name) for s in doc.signers) == sorted(fold(s["name"]) for s in gold["signers"])


@pytest.mark.parametrize("prefix", TEXT_DOCUMENTS)
def test_its_own_number_is_never_one_of_its_citations(prefix: str) -> None:
    doc = pipeline.extract_file(_dev_file(prefix))
    if doc.document.number:
        assert fold(doc.document.number) not in {fold(c.number) for c in doc.citations}


@pytest.fixture(scope="module")
def portal_pages() -> list[tuple[str, str]]:
    files = sorted(PORTAL.glob("*.txt"))
    assert len(files) == 117, PORTAL
    return [(p.name, read.read_file(p).text) for p in files]


@pytest.mark.slow
def test_portal_pages_body_agrees_with_the_sites_metadata_block(portal_pages) -> None:
    """The block removed, the body alone gives the number, date and signer the site lists (≥ 0.95)."""
    agree = {"number": 0, "date": 0, "signer": 0}
    total = dict.fromkeys(agree, 0)
    for _, raw in portal_pages:
        page = portal.read_page(raw)
        assert page is not None and page.block is not None
        site = page.metadata
        body = pipeline.extract_text(raw[:page.block[0]] + raw[page.block[1]:])
        got = {"number": body.document.number, "date": body.document.date}
        for field in ("number", "date"):
            if site.get(field):
                total[field] += 1
                agree[field] += bool(got[field]) and fold(got[field]) == fold(site[field])
        if site.get("signer"):
            total["signer"] += 1
            agree["signer"] += fold(site["signer"]) in {fold(s.name) for s in body.signers}
    shares = {f: agree[f] / total[f] for f in agree}
    assert all(share >= 0.95 for share in shares.values()), shares


@pytest.mark.slow
def test_the_sites_own_notice_and_copyright_never_reach_the_document(portal_pages) -> None:
    for name, raw in portal_pages:
        doc = pipeline.extract_text(raw, source=name)
        assert doc.document.date != "2021-05-31", name  # "TP. HCM, ngày 31/05/2021", the site's notice
        assert "THƯ VIỆN PHÁP LUẬT" not in doc.text and "Đang tải văn bản" not in doc.text, name
        assert doc.document.metadata.get("source") == "portal metadata block", name
