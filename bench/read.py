"""Reading throughput: the Công báo texts, and real PDF and DOCX originals.

1. Gazette texts: read + normalise + layout, in characters per second, beside a baseline measured in
   the same run over the same texts (a plain ``str.splitlines()`` pass) and the ratio between the two.
2. Originals (``--originals``, default ``../shared/corpus/field/originals``): pages per second of the
   PDF reader (poppler word boxes + column layout; pages that need OCR are timed apart) beside
   ``pdftotext -layout`` on the same files, and of the DOCX reader beside a plain python-docx
   paragraph dump. A DOCX page count is Word's own (``docProps/app.xml``), else 3,000 characters.

    .venv/bin/python bench/read.py [--corpus DIR] [--originals DIR] [--limit N] [--stages] [--no-ocr]
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# bench/ holds other scripts (bench/ingest.py): the repository root must win over the script's folder
sys.path[:1] = [str(REPO)]

from danchieu.ingest import layout, normalize, read, read_pdf

from danchieu.errors import DanchieuError

SHARED = next((p for p in (REPO.parent / "shared", REPO.parent.parent / "shared") if p.is_dir()),
              REPO.parent / "shared")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "gazette")
    ap.add_argument("--originals", type=Path, default=SHARED / "corpus" / "field" / "originals")
    ap.add_argument("--no-ocr", action="store_true", help="leave out the PDFs that need OCR")
    ap.add_argument("--skip-gazette", action="store_true")
    ap.add_argument("--skip-originals", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0 = all)")
    ap.add_argument("--stages", action="store_true", help="also time each stage on its own")
    args = ap.parse_args()
    if not args.skip_gazette:
        gazette(args)
    if not args.skip_originals and args.originals.is_dir():
        originals(args)
    return 0


def gazette(args: argparse.Namespace) -> None:
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".pdf"))
    if args.limit:
        files = files[:args.limit]
    size = sum(p.stat().st_size for p in files)

    texts: list[str] = []
    t_read = t_norm = t_layout = 0.0
    failed = 0
    start = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        try:
            raw = read.read_file(path)
        except DanchieuError:  # counted, never fatal: the benchmark measures speed, tests check errors
            failed += 1
            continue
        t1 = time.perf_counter()
        norm = normalize.normalize(raw.text)
        t2 = time.perf_counter()
        layout.parse(norm.text)
        t3 = time.perf_counter()
        t_read, t_norm, t_layout = t_read + t1 - t0, t_norm + t2 - t1, t_layout + t3 - t2
        texts.append(raw.text)
    total = time.perf_counter() - start
    chars = sum(len(t) for t in texts)

    base_start = time.perf_counter()
    lines = 0
    for text in texts:
        lines += len(text.splitlines())
    baseline = time.perf_counter() - base_start

    print(f"corpus      {len(files)} files, {size / 1e6:.1f} MB, {chars / 1e6:.1f} M characters, "
          f"{lines} lines, {failed} unreadable")
    print(f"read+normalise+layout  {chars / total:14,.0f} chars/s  ({total:.2f} s)")
    print(f"str.splitlines()       {chars / baseline:14,.0f} chars/s  ({baseline:.3f} s)  baseline")
    print(f"ratio                  {baseline / total:14.4f}  (reader speed / splitlines speed)")
    if args.stages:
        for name, secs in (("read (decode)", t_read), ("normalise", t_norm), ("layout", t_layout)):
            print(f"  {name:20} {chars / secs:14,.0f} chars/s  ({secs:.2f} s, {secs / total:.0%})")


def originals(args: argparse.Namespace) -> None:
    pdfs = sorted(args.originals.glob("*.pdf"))
    docxs = sorted(args.originals.glob("*.docx"))
    if args.limit:
        pdfs, docxs = pdfs[:args.limit], docxs[:args.limit]
    print(f"\noriginals   {args.originals}: {len(pdfs)} PDF, {len(docxs)} DOCX")

    # PDF: the reader, with its OCR pages timed apart, beside pdftotext -layout on the same files
    if args.no_ocr:  # scanned files are then refused, as on a machine without Tesseract
        read_pdf.ocr_available = lambda: False
    text_pages = ocr_pages = 0
    t_text = t_ocr = t_poppler = 0.0
    for path in pdfs:
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            out = read_pdf.read_pdf(data, path.name)
        except DanchieuError:
            out = None
        t1 = time.perf_counter()
        pages = _pdf_pages(path)
        if out is not None and out.ocr_pages:
            ocr_pages += len(out.ocr_pages)
            t_ocr += t1 - t0
            continue
        if out is None:
            continue
        text_pages += pages
        t_text += t1 - t0
        t2 = time.perf_counter()
        subprocess.run(["pdftotext", "-q", "-layout", str(path), "-"], capture_output=True, check=False)
        t_poppler += time.perf_counter() - t2
    if text_pages:
        print(f"PDF reader (text layer)  {text_pages / t_text:10.1f} pages/s  ({text_pages} pages, {t_text:.2f} s)")
        print(f"pdftotext -layout        {text_pages / t_poppler:10.1f} pages/s  ({t_poppler:.2f} s)  baseline")
        print(f"ratio                    {t_poppler / t_text:10.3f}  (reader speed / pdftotext speed)")
    if ocr_pages:
        print(f"PDF reader (OCR pages)   {ocr_pages / t_ocr:10.2f} pages/s  ({ocr_pages} pages, {t_ocr:.1f} s)")

    # DOCX: the structure reader beside a plain python-docx paragraph dump
    import docx
    from danchieu.ingest.read_docx import read_docx

    pages = 0
    t_reader = t_plain = 0.0
    for path in docxs:
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            text = read_docx(data, path.name)
        except DanchieuError:
            continue
        t1 = time.perf_counter()
        "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        t2 = time.perf_counter()
        t_reader += t1 - t0
        t_plain += t2 - t1
        pages += _docx_pages(data, text)
    if pages:
        print(f"DOCX reader              {pages / t_reader:10.1f} pages/s  ({pages} pages, {t_reader:.2f} s)")
        print(f"python-docx paragraphs   {pages / t_plain:10.1f} pages/s  ({t_plain:.2f} s)  baseline")
        print(f"ratio                    {t_plain / t_reader:10.3f}  (reader speed / python-docx speed)")


def _pdf_pages(path: Path) -> int:
    res = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False)
    m = re.search(r"^Pages:\s+(\d+)", res.stdout, re.MULTILINE)
    return int(m.group(1)) if m else 1


def _docx_pages(data: bytes, text: str) -> int:
    try:
        app = zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml").decode("utf-8", "replace")
        m = re.search(r"<Pages>(\d+)</Pages>", app)
        if m and int(m.group(1)) > 0:
            return int(m.group(1))
    except (KeyError, zipfile.BadZipFile):
        pass
    return max(1, len(text) // 3000)


if __name__ == "__main__":
    raise SystemExit(main())
