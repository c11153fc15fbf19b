"""PDF → text by geometry, with OCR for pages that hold no usable text layer.

Word boxes come from poppler's ``pdftotext -bbox`` (Debian ``poppler-utils``), not from pdfminer:
e-signed state documents have their number and day stamped by the signing tool as annotation
appearances (``Số: 1178/ĐCK-CTT``, ``ngày 09``), which poppler draws and pdfminer does not see.
The words are laid out by :mod:`danchieu.ingest.page_layout` (header and signature columns apart).

A page goes through OCR (``pdftoppm`` + Tesseract ``vie``) when its text layer is empty (a scan) or
garbled — fonts embedded without a usable Unicode map come out as ``6ӕ 466 /PC-VPUBND`` for
``Số 466/PC-VPUBND``, Latin letters shifted and Vietnamese ones turned Cyrillic. Without poppler the
reader falls back to pypdf's flat text and says so in a warning.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET  # noqa: S405 - poppler's own output, entities never expanded
from dataclasses import dataclass, field
from pathlib import Path

from danchieu.ingest.page_layout import Word, page_text

from danchieu.errors import ReadError, ScannedPdf
from danchieu.log import get_logger

log = get_logger(__name__)

# A page whose text layer holds fewer letters than this is an image of a page.
MIN_LETTERS_PER_PAGE = 20
# Share of a page's letters from the Cyrillic/Greek/Armenian blocks above which its font mapping is
# broken (a Vietnamese document has none; the broken mappings produce them in bulk).
_GARBLED_SHARE = 0.02
OCR_DPI = 300
OCR_MAX_PAGES = 60  # beyond this a scanned file is refused rather than tie up a worker for minutes
_TIMEOUT_S = 120  # per external command and page
# red minus the larger of green and blue above which a pixel is the seal's ink; blue stays, for the
# number and day are often typed in blue by the e-office system
_COLOUR_CHROMA = 40
_MIN_CONFIDENCE = 80  # see _is_ink
_MARKS = frozenset({"-", "–", "+", "•", "*", "./.", ":", ";", ",", ".", "(", ")", "…", "/"})
_JUNK = frozenset("=*~`^|<>{}[]\\£$#@")
# a letter and a digit glued in a short word ("S6:", "ngdy7f", "c{r") or a symbol inside a word
_ODD_TOKEN = re.compile(r"^[^\W\d_]{1,5}\d[^\W\d_]{0,4}\W*$|^\d[^\W\d_]{1,3}\W*$|\w[{}€|\\]\w?")
_XML_INVALID = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(slots=True)
class PdfText:
    text: str
    ocr_pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages read by OCR
    warnings: list[str] = field(default_factory=list)


def read_pdf(data: bytes, label: str) -> PdfText:
    if not shutil.which("pdftotext"):
        return _read_flat(data, label)
    with tempfile.TemporaryDirectory(prefix="danchieu-pdf-") as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        pages = _poppler_pages(path, label)
        out = PdfText("")
        needs_ocr = [i for i, words in enumerate(pages) if _needs_ocr(words)]
        if needs_ocr:
            if not ocr_available():
                if len(needs_ocr) == len(pages):
                    raise ScannedPdf(f"{label}: scanned PDF, needs OCR: its {len(pages)} page(s) have no usable "
                                     f"text layer and Tesseract with its Vietnamese model is not installed "
                                     f"(apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)")
                out.warnings.append(f"pages {_page_list(needs_ocr)} have no usable text layer and OCR is not "
                                    f"installed: their text is missing")
            elif len(needs_ocr) > OCR_MAX_PAGES:
                raise ScannedPdf(f"{label}: {len(needs_ocr)} scanned pages is over the OCR limit of "
                                 f"{OCR_MAX_PAGES}; split the file")
            else:
                for i in needs_ocr:
                    ocr_words = _ocr_page(path, i + 1, label)
                    if ocr_words:
                        pages[i] = ocr_words
                        out.ocr_pages.append(i + 1)
                out.warnings.append(f"pages {_page_list(needs_ocr)} read by OCR (Tesseract, Vietnamese): "
                                    f"letters and numbers may be misread")
        # a form feed between pages, as pdftotext writes it; normalisation treats it as a page break
        out.text = "\n\f".join(page_text(words) for words in pages)
        if sum(c.isalpha() for c in out.text) < MIN_LETTERS_PER_PAGE:
            raise ScannedPdf(f"{label}: scanned PDF, OCR found no text on its {len(pages)} page(s); "
                             f"check that the scan is legible (300 dpi, upright) and not only pictures")
        return out


def ocr_available() -> bool:
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    return "vie" in _tesseract_langs()


def _tesseract_langs() -> set[str]:
    try:
        res = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {s.strip() for s in res.stdout.splitlines()[1:]}


def _page_list(indices: list[int]) -> str:
    return ", ".join(str(i + 1) for i in indices)


def _run(cmd: list[str], label: str, what: str) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page: the machine is shared
    try:
        res = subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT_S, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"{label}: {what} took longer than {_TIMEOUT_S} s; the PDF may be damaged") from exc
    if res.returncode != 0:
        msg = res.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"{label}: the PDF cannot be read by {what} ({msg[-1] if msg else res.returncode}); "
                        f"re-export it")
    return res.stdout


def _poppler_pages(path: Path, label: str) -> list[list[Word]]:
    xml = _run(["pdftotext", "-q", "-bbox", "-enc", "UTF-8", str(path), "-"], label, "pdftotext")
    # a garbled font maps glyphs to control characters, which XML 1.0 does not allow
    root = ET.fromstring(_XML_INVALID.sub(b"", xml))  # noqa: S314 - generated by poppler, no DTD is resolved
    pages: list[list[Word]] = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = []
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            if w.text:
                words.append(Word(float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)),
                                  float(w.get("yMax", 0)), w.text))
        pages.append(words)
    return pages


def _needs_ocr(words: list[Word]) -> bool:
    letters = foreign = 0
    for w in words:
        for c in w.text:
            if c.isalpha():
                letters += 1
                if 0x370 <= ord(c) <= 0x58F:  # Greek, Cyrillic, Armenian
                    foreign += 1
    if letters < MIN_LETTERS_PER_PAGE:
        return True
    if foreign > _GARBLED_SHARE * letters and foreign < 0.5 * letters:
        return True
    return _foreign_ocr_layer(words, letters)


def _foreign_ocr_layer(words: list[Word], letters: int) -> bool:
    """A scan whose invisible text layer came from OCR without Vietnamese: its letters lack their marks
    ("BO CONG THIJoNG", "S6:", "ngdy7f") — Vietnamese prints one letter in four or so with a mark.
    Digits glued inside short words tell it from a text in English, which OCR need not read again."""
    marked = sum(1 for w in words for c in w.text if c.isalpha() and ord(c) > 0x7F)
    if marked > 0.06 * letters:
        return False
    odd = sum(1 for w in words if _ODD_TOKEN.search(w.text))
    return odd > 0.03 * len(words)


def _ocr_page(path: Path, page: int, label: str) -> list[Word]:
    """One page rasterised at 300 dpi, its coloured ink removed, read by Tesseract; word boxes in pixels."""
    ppm = _run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(OCR_DPI), str(path)], label, "pdftoppm")
    if not ppm:
        return []
    tsv = _tesseract(drop_colour(ppm), label)
    return parse_tesseract_tsv(tsv.decode("utf-8", "replace"))


def drop_colour(ppm: bytes) -> bytes:
    """A colour PPM (P6) → a grey PGM (P5) with the red seal's pixels turned white.

    The red seal stamped over the signature block makes Tesseract take the whole block for a
    picture and drop the signer's name under it; printed text is black (or blue).

    >>> pgm = drop_colour(b"P6\\n2 1\\n255\\n" + bytes([200, 20, 20, 10, 10, 10]))
    >>> pgm.split(b"\\n", 3)[3]
    b'\\xff\\n'
    """
    import numpy as np

    parts = ppm.split(b"\n", 3)
    if len(parts) != 4 or parts[0] != b"P6" or parts[2] != b"255":
        return ppm  # not the plain form pdftoppm writes: let Tesseract read it as it is
    pixels = parts[3]
    width, height = (int(v) for v in parts[1].split())
    rgb = np.frombuffer(pixels, dtype=np.uint8, count=width * height * 3).reshape(height, width, 3)
    red = rgb[..., 0].astype(np.int16)
    redness = red - np.maximum(rgb[..., 1], rgb[..., 2])
    grey = (rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114).astype(np.uint8)
    seal = ink = redness > _COLOUR_CHROMA
    # the anti-aliased rim of coloured strokes is grey: widen the mask by two pixels each way
    for _ in range(2):
        grown = ink.copy()
        grown[1:, :] |= ink[:-1, :]
        grown[:-1, :] |= ink[1:, :]
        grown[:, 1:] |= ink[:, :-1]
        grown[:, :-1] |= ink[:, 1:]
        ink = grown
    grey[seal | (ink & (grey > 90))] = 255  # black print under the seal's rim stays
    return b"P5\n%d %d\n255\n" % (width, height) + grey.tobytes()


def _tesseract(image: bytes, label: str) -> bytes:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        res = subprocess.run(["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "3", "tsv"], input=image,
                             capture_output=True, timeout=_TIMEOUT_S, check=False, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"{label}: OCR took longer than {_TIMEOUT_S} s on one page") from exc
    if res.returncode != 0:
        raise ReadError(f"{label}: OCR failed ({res.stderr.decode('utf-8', 'replace').strip()[-200:]})")
    return res.stdout


def parse_tesseract_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV (level 5 rows are words) → word boxes; empty and unreadable words dropped.

    >>> parse_tesseract_tsv("level\\tpage_num\\tblock_num\\tpar_num\\tline_num\\tword_num\\tleft\\ttop\\twidth"
    ...                     "\\theight\\tconf\\ttext\\n5\\t1\\t1\\t1\\t1\\t1\\t10\\t20\\t30\\t12\\t91.5\\tSố:")
    [Word(x0=10.0, top=20.0, x1=40.0, bottom=32.0, text='Số:', line=0)]
    """
    words: list[Word] = []
    confidences: list[float] = []
    lines: dict[tuple[str, ...], int] = {}  # (page, block, paragraph, line) → line index
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            left, top, width, height, conf = (float(c) for c in cols[6:11])
        except ValueError:
            continue
        text = cols[11].strip()
        if _is_ink(text, conf):
            continue
        confidences.append(conf)
        line = lines.setdefault((cols[1], cols[2], cols[3], cols[4]), len(lines))
        words.append(Word(left, top, left + width, top + height, text, line))
    return _drop_strokes(words, confidences)


def _is_ink(text: str, conf: float) -> bool:
    """Specks of a seal, strokes of a signature read as "`", "=zzz*", "Ti". Vietnamese has many words
    of one or two letters ("Về", "dữ", "số"), so only a very unsure short word goes; digits stay (a
    misread digit is still the best reading of a number: "tháng 5" at confidence 17)."""
    alnum = sum(c.isalnum() for c in text)
    if not alnum:
        return text not in _MARKS
    if any(c.isdigit() for c in text):
        return False
    if any(c in _JUNK for c in text):
        return conf < _MIN_CONFIDENCE
    return conf < _MIN_CONFIDENCE / 4 or (alnum <= 2 and conf < _MIN_CONFIDENCE / 2)


def _drop_strokes(words: list[Word], confidences: list[float]) -> list[Word]:
    """Words nearly twice as tall as the page's print are the strokes of a handwritten signature ("—", "/x")."""
    if len(words) < 10:
        return words
    heights = sorted(w.bottom - w.top for w in words)
    limit = 1.8 * heights[len(heights) // 2]
    return [w for w, conf in zip(words, confidences, strict=True) if w.bottom - w.top <= limit or conf >= 90]


def _read_flat(data: bytes, label: str) -> PdfText:
    """Without poppler: pypdf's text, columns interleaved, no OCR."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # most government PDFs are "encrypted" with an empty user password
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as exc:
        raise ReadError(f"{label}: the PDF cannot be parsed ({exc}); re-export it") from exc
    letters = sum(sum(1 for c in page if c.isalpha()) for page in pages)
    if not pages or letters < MIN_LETTERS_PER_PAGE * len(pages):
        raise ScannedPdf(f"{label}: scanned PDF, needs OCR: its {len(pages)} page(s) have no text layer "
                         f"({letters} letters); install poppler-utils, tesseract-ocr and tesseract-ocr-vie")
    return PdfText("\n\f".join(pages), warnings=["PDF read without poppler-utils: two-column headers and "
                                                 "signature blocks may be interleaved"])
