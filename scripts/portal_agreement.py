"""Agreement of a legal-portal page's own text with the site's metadata block (issue 12).

For every page under the portal corpus (default ``../shared/corpus/field/portal``), the metadata block
(``Số hiệu``, ``Ngày ban hành``, ``Người ký``, ``Loại văn bản``, ``Nơi ban hành``) is read, then the
block is *removed from the page* — as in the hidden portal set — and the identity is extracted from
what is left. The share of pages where the body gives the same number, date, signer (and type and
issuer, for information) is printed with every disagreement.

    .venv/bin/python scripts/portal_agreement.py [DIR] [--min 0.95]

Exit status 1 when number, date or signer agreement is below ``--min``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from danchieu.ingest import pipeline, portal, read
from danchieu.ingest.textutil import fold

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent.parent / "shared" / "corpus" / "field" / "portal"
GATED = ("number", "date", "signer")


def without_block(text: str) -> str:
    """The page with the metadata block's lines deleted (what the hidden set holds)."""
    page = portal.read_page(text)
    if page is None or page.block is None:
        return text
    start, end = page.block
    return text[:start] + text[end:]


def _same(field: str, site: str, body: str | list[str] | None) -> bool:
    if body is None or body == []:
        return False
    if field == "signer":
        names = {fold(n) for n in body}  # the site names one signer; the body may print several
        return any(fold(n.strip()) in names for n in re.split(r",|;", site))
    if field == "type":
        return fold(site) == fold(str(body)) or fold(site) == "van ban khac"
    if field == "issuer":  # the site names the place alone ("Tỉnh Phú Thọ") or the organ without it
        a, b = fold(site), fold(str(body))
        return a in b or b in a
    if field == "number":
        return fold(site).replace(" ", "") == fold(str(body)).replace(" ", "")
    return fold(site) == fold(str(body))


def _printed(field: str, value: str, text: str) -> bool:
    """Whether the page (its furniture blanked) prints the site's value at all: when it does not, a
    null read from the body is right (issue 12 item 10)."""
    page = portal.read_page(text)
    body = fold(page.text if page else text)
    if field == "date":
        y, m, d = value.split("-")
        return re.search(rf"ngay\s+0?{int(d)}\s*(?:thang\s*|/)\s*0?{int(m)}\s*(?:nam\s*|/)\s*{y}", body) is not None
    return fold(value) in body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--min", type=float, default=0.95)
    args = ap.parse_args(argv)
    files = sorted(p for p in args.dir.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm"))
    if not files:
        print(f"error: no portal pages in {args.dir}", file=sys.stderr)
        return 2
    fields = ("number", "date", "signer", "type", "issuer")
    agree = {f: 0 for f in fields}
    total = {f: 0 for f in fields}
    misses: list[str] = []
    for path in files:
        raw = read.read_file(path).text
        site = (portal.read_page(raw) or portal.PortalPage(raw)).metadata
        extracted = pipeline.extract_text(without_block(raw), source=path.name)
        doc, signers = extracted.document, [s.name for s in extracted.signers]
        body = {"number": doc.number, "date": doc.date, "signer": signers, "type": doc.type, "issuer": doc.issuer}
        for f in fields:
            if not site.get(f):
                continue
            total[f] += 1
            if _same(f, site[f], body[f]):
                agree[f] += 1
            else:
                note = "" if body[f] or _printed(f, site[f], without_block(raw)) else "\t(printed nowhere in the body)"
                misses.append(f"{path.name}\t{f}\tsite={site[f]!r}\tbody={body[f]!r}{note}")
    print(f"{len(files)} portal pages, metadata block removed before extraction")
    print("field     agree / pages with the field in the block")
    ok = True
    for f in fields:
        share = agree[f] / total[f] if total[f] else 1.0
        gate = f"(gate ≥ {args.min})" if f in GATED else "(information)"
        print(f"{f:8s}  {share:.3f}  {agree[f]}/{total[f]}  {gate}")
        ok &= f not in GATED or share >= args.min
    print("\ndisagreements:")
    for line in misses:
        print("  " + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
