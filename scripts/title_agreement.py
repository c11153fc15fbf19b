"""Agreement of extracted document titles with the gold annotations (the scorer does not read titles).

For every gold file of the seeds and the dev set, the document is extracted and its title compared with
the gold ``document.title``: exactly, and after folding (NFC, no diacritics, case folded, punctuation as
spaces: the scorer's comparison of names). Every disagreement is printed.

    .venv/bin/python scripts/title_agreement.py [--repo CHECKOUT]

``--repo`` imports the extractor from another checkout, as ``scripts/field_coverage.py`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")
SETS = ("seeds", "dev")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", type=Path, default=REPO, help="checkout whose extractor is measured")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from field_coverage import import_checkout

    import_checkout(args.repo.resolve())
    from danchieu.ingest.pipeline import extract_file
    from danchieu.ingest.textutil import fold

    exact = folded = total = 0
    for name in SETS:
        corpus = {p.stem: p for p in (SHARED / "corpus" / name).iterdir() if p.suffix != ".tsv"}
        for gold_path in sorted((SHARED / "gold" / name).glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))["document"].get("title") or None
            got = extract_file(corpus[gold_path.stem]).document.title or None
            total += 1
            exact += got == gold
            folded += fold(got) == fold(gold)
            if got != gold:
                print(f"{name}/{gold_path.stem}:\n  extracted {got!r}\n  gold      {gold!r}")
    print(f"titles of {', '.join(SETS)} (extractor from {args.repo}): exact {exact}/{total}, "
          f"the same after folding {folded}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
