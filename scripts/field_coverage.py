"""Coverage of the document's own identity on real originals (DOCX, PDF, DOC as published).

Over ``../shared/corpus/field/originals``: the share of readable originals with a number, a date, a
type and a signer, and every original without one, with the reason — a draft whose ``Số: /…`` or
``ngày … tháng`` is left blank is a right ``null``; an appendix or form that prints no header has no
number to find; a scan read by OCR is marked so.

    .venv/bin/python scripts/field_coverage.py [--corpus DIR] [--repo CHECKOUT] [--limit N]

``--repo`` imports the extractor from another checkout (``--repo /work/main`` for the figures of
the code on main), so before and after are measured by the same script.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, or beside the folder of worktrees (/work/wt/<name> → /work/shared)
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")
SUFFIXES = (".docx", ".pdf", ".doc")
FIELDS = ("number", "date", "type", "title", "signer")

_BLANK_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?:/|\.{3,}|…|$)", re.MULTILINE)
_BLANK_DAY = re.compile(r"ngày\s*(?:\.{2,}|…|_+)?\s*tháng", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^\s*Số\s*:?\s*\d", re.MULTILINE)
_PLACE_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
_FORM = re.compile(r"^\s*(?:Phụ\s+lục|PHỤ\s+LỤC|Mẫu|MẪU|Biểu|BIỂU)\b", re.MULTILINE)
_SUBJECT = re.compile(r"^\W*V/v\b", re.MULTILINE)
_SIGN_CUE = re.compile(r"^\s*(?:KT|TM|TL|TUQ|Q|PP)\.\s|^\s*Nơi\s+nhận", re.MULTILINE | re.IGNORECASE)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "field" / "originals")
    ap.add_argument("--repo", type=Path, default=REPO, help="checkout whose extractor is measured")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--quiet", action="store_true", help="only the summary, not the list of misses")
    args = ap.parse_args()
    import_checkout(args.repo.resolve())
    from danchieu.ingest.pipeline import extract_file

    from danchieu.errors import ReadError

    files = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in SUFFIXES)
    if args.limit:
        files = files[:args.limit]
    unreadable: list[tuple[str, str]] = []
    missing: dict[str, list[tuple[str, str]]] = {f: [] for f in FIELDS}
    found = Counter()
    by_format = Counter()
    ocr = 0
    start = time.perf_counter()
    for path in files:
        try:
            doc = extract_file(path)
        except ReadError as exc:
            unreadable.append((path.name, f"{getattr(exc, 'reason', 'unreadable')}: {str(exc)[:120]}"))
            continue
        except Exception as exc:  # noqa: BLE001 - a crash is a finding, never the end of the run
            unreadable.append((path.name, f"crash: {type(exc).__name__}: {str(exc)[:120]}"))
            continue
        by_format[doc.format] += 1
        ocr += doc.format == "pdf-ocr"
        info = doc.document
        values = {"number": info.number, "date": info.date, "type": info.type, "title": info.title,
                  "signer": doc.signers[0].name if doc.signers else None}
        for field in FIELDS:
            if values[field]:
                found[field] += 1
            else:
                missing[field].append((path.name, _reason(field, doc.text, doc.format)))
    readable = len(files) - len(unreadable)
    secs = time.perf_counter() - start

    print(f"field originals: {len(files)} files ({', '.join(f'{n} {s}' for s, n in _suffixes(files))}), "
          f"{readable} readable ({', '.join(f'{n} {f}' for f, n in sorted(by_format.items()))}), "
          f"{ocr} through OCR, {secs:.0f} s; extractor from {args.repo}")
    for field in FIELDS:
        right_null = sum(1 for _, r in missing[field] if r.startswith("right null"))
        print(f"  {field:7} {found[field] / max(readable, 1):6.1%}  ({found[field]}/{readable}; "
              f"{right_null} more are right nulls; {found[field] + right_null}/{readable} = "
              f"{(found[field] + right_null) / max(readable, 1):.1%} accounted for)")
    if not args.quiet:
        print(f"\nunreadable ({len(unreadable)}):")
        for name, why in unreadable:
            print(f"  {name}: {why}")
        for field in FIELDS:
            print(f"\nwithout a {field} ({len(missing[field])}):")
            for name, why in missing[field]:
                print(f"  {name}: {why}")
    return 0


def _suffixes(files: list[Path]) -> list[tuple[str, int]]:
    return sorted(Counter(p.suffix.lower() for p in files).items())


def _reason(field: str, text: str, fmt: str) -> str:
    """Why a field is missing, judged on the text the reader produced."""
    head = "\n".join(text.splitlines()[:40])
    scan = " (scan read by OCR)" if fmt == "pdf-ocr" else ""
    if _FORM.search(head[:300]) and not _NUMBER_LINE.search(head):
        return f"right null: an appendix or form without its own header{scan}"
    if field == "number":
        if _BLANK_NUMBER.search(head):
            return f"right null: draft, the number is left blank ('Số: /…'){scan}"
        if not _NUMBER_LINE.search(head):
            return f"prints no 'Số:' line in its header{scan}"
        return f"a number is printed but not read{scan}"
    if field == "date":
        if _BLANK_DAY.search(head) and not _PLACE_DATE.search(head):
            return f"right null: draft, the day is left blank ('ngày … tháng'){scan}"
        if not _PLACE_DATE.search(head):
            return f"prints no place-date line in its header{scan}"
        return f"a date is printed but not read{scan}"
    if field == "signer":
        if not _SIGN_CUE.search(text):
            return f"no signature block (no 'Nơi nhận', no KT./TM./Q. formula){scan}"
        return f"a signature block without a name read (unsigned draft, or missed){scan}"
    if field == "title":
        if _SUBJECT.search(head):
            return f"a 'V/v' subject is printed but not read{scan}"
        return f"no title read{scan}"
    return f"no type line or code read{scan}"


def import_checkout(repo: Path) -> None:
    """Import ``danchieu`` from ``repo``: an editable install maps the package to its own checkout
    whatever ``sys.path`` says, so its map is pointed at ``repo`` (a plain install reads ``sys.path``)."""
    sys.path[:1] = [str(repo)]
    for finder in sys.meta_path:
        module = sys.modules.get(getattr(finder, "__module__", ""))
        mapping = getattr(module, "MAPPING", None)
        if isinstance(mapping, dict) and "danchieu" in mapping:
            old = Path(mapping["danchieu"]).parent
            module.MAPPING = {k: str(repo / Path(v).relative_to(old)) for k, v in mapping.items()}
            module.NAMESPACES = {k: [str(repo / Path(x).relative_to(old)) for x in v]
                                 for k, v in getattr(module, "NAMESPACES", {}).items()}


if __name__ == "__main__":
    raise SystemExit(main())
