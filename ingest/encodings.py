"""Text encodings of Vietnamese files: detect which one a file uses and decode it to Unicode NFC.

Handled: UTF-8 (with or without BOM), UTF-16 (BOM or none), Windows-1258, and the two legacy *font*
encodings old government files still use, TCVN3 ("ABC", .VnTime fonts) and VNI Windows (VNI-Times).
The legacy tables are data (``ingest/data/encodings/*.tsv``, sources noted there).

Detection decodes the bytes every plausible way and keeps the reading in which most words are
well-formed Vietnamese syllables: ``"Céng hßa"`` (TCVN3 read as Latin-1) scores low, ``"Cộng hòa"``
scores high. A UTF-8 file whose *characters* are VNI or TCVN3 (an old file converted blindly, e.g.
``"Coäng hoøa"``) is repaired the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from danchieu.errors import EncodingUndetected

DATA = Path(__file__).resolve().parent / "data" / "encodings"

# Tone marks as combining characters (grave, acute, tilde, hook above, dot below).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A Vietnamese syllable without its tone: initial consonant, vowel nucleus, final consonant.
# The nuclei are the vowel clusters Vietnamese spelling allows; a wrong reading of a legacy file
# produces clusters such as "oọ" or "oứ" that are not among them.
_NUCLEI = ["iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "ai",
           "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi",
           "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "a", "ă", "â", "e", "ê",
           "i", "o", "ô", "ơ", "u", "ư", "y"]
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"(?:" + "|".join(_NUCLEI) + r")(?:ch|ng|nh|[cmnpt])?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_LEGACY_MARKERS = re.compile(r"[\u00a1-\u00ff]")
_UNICODE_ONLY = re.compile(r"[\u1ea0-\u1ef9]")


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for line in (DATA / "tcvn3.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("byte"):
            code, char = line.split("\t")
            table[int(code, 16)] = char
    return table


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    """VNI sequence (as Windows-1252 characters) → Unicode character."""
    table: dict[str, str] = {}
    for line in (DATA / "vni.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("char\t"):
            char, seq = line.split("\t")
            table[seq] = char
    return table


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    # Longest sequences first so that "oâ" (ô) wins over "o" + "â".
    seqs = sorted(_vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in seqs))


# --- decoding the legacy encodings -------------------------------------------------------------

def tcvn3_to_unicode(text: str) -> str:
    """Re-read characters that are TCVN3 bytes seen through Latin-1: ``"Céng hßa"`` → ``"Cộng hòa"``."""
    table = _tcvn3_table()
    return "".join(table.get(ord(c), c) if ord(c) < 256 else c for c in text)


def vni_to_unicode(text: str) -> str:
    """Re-read characters that are VNI bytes seen through Windows-1252: ``"Coäng hoøa"`` → ``"Cộng hòa"``."""
    table = _vni_table()
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> bytes:
    """Encode Unicode text as TCVN3 bytes (used to generate test fixtures and for export)."""
    reverse = {char: code for code, char in _tcvn3_table().items()}
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        if c in reverse:
            out.append(reverse[c])
        elif c.lower() in reverse:  # ABC capitals with tones live in the .VnTimeH font as lowercase codes
            out.append(reverse[c.lower()])
        else:
            out += c.encode("cp1252", errors="replace")
    return bytes(out)


def unicode_to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258, which stores most toned letters as base letter + combining tone."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        try:
            out += c.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", c)
        base = unicodedata.normalize("NFC", "".join(x for x in decomposed if x not in _TONES))
        tones = "".join(x for x in decomposed if x in _TONES)
        out += (base + tones).encode("cp1258", errors="replace")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Encode Unicode text as VNI Windows bytes."""
    reverse = {char: seq for seq, char in _vni_table().items()}
    return "".join(reverse.get(c, c) for c in unicodedata.normalize("NFC", text)).encode(
        "cp1252", errors="replace")


# --- scoring ---------------------------------------------------------------------------------------

def _word_is_vietnamese(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return _SYLLABLE.fullmatch(toneless) is not None


def vietnamese_score(text: str, sample: int = 20000) -> float:
    """Share of words in ``text[:sample]`` that are well-formed Vietnamese syllables (0..1).

    >>> vietnamese_score("Cộng hòa xã hội chủ nghĩa Việt Nam") > 0.9
    True
    """
    words = _WORD.findall(text[:sample])
    if not words:
        return 0.0
    # Words with diacritics carry the signal; plain ASCII words are the same in every reading.
    marked = [w for w in words if not w.isascii()]
    if not marked:
        return 0.5
    good = sum(1 for w in marked if _word_is_vietnamese(w))
    return good / len(marked)


_CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


def repair_legacy(text: str, sample: int = 20000) -> tuple[str, str | None]:
    """If a Unicode text is really TCVN3 or VNI characters, convert it; returns (text, legacy name).

    >>> repair_legacy("Coäng hoøa xaõ hoäi")
    ('Cộng hòa xã hội', 'vni')
    """
    head = text[:sample]
    if not _LEGACY_MARKERS.search(head) or len(_UNICODE_ONLY.findall(head)) >= 10:
        # legacy bytes never decode to ạ…ỹ (U+1EA0–U+1EF9): text holding many of them is real Unicode
        return text, None
    base = vietnamese_score(head)
    if base > 0.9:  # already good Vietnamese: leave it alone (and stay fast)
        return text, None
    best_name, best = None, base
    for name, convert in _CONVERTERS.items():
        score = vietnamese_score(unicodedata.normalize("NFC", convert(head)))
        if score > best + 0.2:
            best_name, best = name, score
    if best_name is None:
        return text, None
    return _CONVERTERS[best_name](text), best_name


# --- detection -------------------------------------------------------------------------------------

def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    # Vietnamese UTF-16 has many ASCII code units (high byte 0) and many U+1Exx (high byte 0x1E).
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes to NFC text; returns ``(text, encoding name)``.

    >>> decode("Cộng hòa".encode("utf-8"))
    ('Cộng hòa', 'utf-8')
    >>> decode(b"C\\xe9ng h\\xdfa")  # TCVN3 ("ò" is 0xDF in TCVN 5712)
    ('Cộng hòa', 'tcvn3')
    >>> decode(b"C\\xe9ng h\\xb5a")[1]  # a tie on syllables: the reading without foreign letters wins
    'tcvn3'

    Raises :class:`EncodingUndetected` when no reading gives Vietnamese or plain text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _finish(data[3:].decode("utf-8", errors="replace"), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _finish(data.decode("utf-16", errors="replace"), "utf-16")
    utf16 = _looks_utf16(data)
    if utf16:
        return _finish(data.decode(utf16, errors="replace"), "utf-16")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:  # a file cut inside its last character
            return _finish(data.decode("utf-8", errors="replace"), "utf-8")
    else:
        return _finish(text, "utf-8")
    mixed = decode_mixed(data)
    if mixed is not None:
        return mixed
    return _decode_single_byte(data)


# --- a file mixing UTF-8 lines and legacy lines ------------------------------------------------------

MIXED_PREFIX = "mixed:utf-8+"


def _line_kind(line: bytes) -> str:
    """``ascii`` (the same in every encoding), ``utf-8`` (valid UTF-8 holding non-ASCII), ``legacy``
    (bytes UTF-8 cannot hold, and no valid multi-byte UTF-8 sequence), or ``both``: invalid bytes
    beside a valid multi-byte sequence (a TCVN3 word pasted inside a UTF-8 line, or chance)."""
    if line.isascii():
        return "ascii"
    try:
        line.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return "both" if _UTF8_MULTIBYTE.search(line) else "legacy"


# a lead byte and its continuation bytes: what a UTF-8 line's Vietnamese letters are made of
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_legacy(data: bytes, name: str) -> str:
    if name == "windows-1258":
        return data.decode("cp1258", errors="replace")
    western = data.decode("cp1252", errors="replace")
    return tcvn3_to_unicode(western) if name == "tcvn3" else vni_to_unicode(western)


def decode_mixed(data: bytes) -> tuple[str, str] | None:
    """A file whose lines are some UTF-8 and some in a legacy encoding (a TCVN3 file pasted into a
    UTF-8 one), decoded line by line: ``(text, "mixed:utf-8+tcvn3")``, or None when the file does not
    mix (every non-ASCII line is in one encoding).

    The rule, per line (a line is the segment: an editor pastes whole lines or paragraphs):

    * a line that is valid UTF-8 is read as UTF-8 (TCVN3 or VNI text is almost never valid UTF-8: its
      toned letters are single bytes between ASCII letters, where UTF-8 needs a lead byte followed by
      continuation bytes);
    * a line UTF-8 cannot hold is read in the legacy encoding, chosen once from all such lines
      together (more words, a surer choice than line by line);
    * an ambiguous line, invalid as UTF-8 but holding valid multi-byte UTF-8 sequences too (both
      kinds inside one line), is read in the legacy encoding, whole, and counted in the warning
      (:func:`mixed_encoding_warning`): part of that line may be garbled.

    >>> decode_mixed("Cộng hòa\\n".encode() + b"C\\xe9ng h\\xdfa\\n")
    ('Cộng hòa\\nCộng hòa\\n', 'mixed:utf-8+tcvn3')
    """
    lines = data.splitlines(keepends=True)
    kinds = [_line_kind(line) for line in lines]
    if "utf-8" not in kinds or not any(k in ("legacy", "both") for k in kinds):
        return None
    legacy = b"".join(line for line, k in zip(lines, kinds, strict=True) if k in ("legacy", "both"))
    _, name = _decode_single_byte(legacy)  # EncodingUndetected when that part is no Vietnamese at all
    out = [line.decode("utf-8") if k == "utf-8" else
           line.decode("ascii") if k == "ascii" else _decode_legacy(line, name)
           for line, k in zip(lines, kinds, strict=True)]
    return unicodedata.normalize("NFC", "".join(out)), MIXED_PREFIX + name


def _decode_single_byte(data: bytes) -> tuple[str, str]:
    # TCVN3 fonts were typed on Windows: bytes below 0xA1 (smart quotes, dashes) are Windows-1252.
    western = data.decode("cp1252", errors="replace")
    candidates = [
        ("windows-1258", data.decode("cp1258", errors="replace")),
        ("tcvn3", tcvn3_to_unicode(western)),
        ("vni", vni_to_unicode(western)),
    ]
    scored = [(vietnamese_score(unicodedata.normalize("NFC", text)), -_foreign_share(text), name, text)
              for name, text in candidates]
    # ties on well-formed syllables go to the reading whose letters all belong to Vietnamese writing
    # ("Céng hµa" in Windows-1258 holds µ; the TCVN3 reading holds none): never to list order
    best_score, _, name, text = max(scored, key=lambda item: (item[0], item[1]))
    if best_score < 0.5:
        raise EncodingUndetected(
            f"the text is not UTF-8 and reads as Vietnamese in none of Windows-1258, TCVN3, VNI "
            f"(best: {name}, {best_score:.0%} of words well-formed); convert it to UTF-8 first")
    return unicodedata.normalize("NFC", text), name


_VIETNAMESE_BASE = frozenset("abcdefghijklmnopqrstuvwxyzđăâêôơư")


def _foreign_share(text: str, sample: int = 20000) -> float:
    """Share of non-ASCII letters in ``text`` that no Vietnamese word uses (µ, ß, Ð, ¢ …)."""
    letters = [c for c in text[:sample] if c.isalpha() and not c.isascii()]
    if not letters:
        return 0.0
    foreign = 0
    for c in letters:
        base = unicodedata.normalize("NFC", "".join(x for x in unicodedata.normalize("NFD", c.lower())
                                                    if x not in _TONES))
        foreign += base not in _VIETNAMESE_BASE
    return foreign / len(letters)


def _finish(text: str, name: str) -> tuple[str, str]:
    text = unicodedata.normalize("NFC", text)
    repaired, legacy = repair_legacy(text)
    if legacy:
        return unicodedata.normalize("NFC", repaired), f"{name}+{legacy}"
    return text, name


def mixed_encoding_warning(data: bytes, encoding: str | None) -> str | None:
    """A warning when a file mixes UTF-8 lines with lines in a legacy encoding (a TCVN3 file pasted
    into a UTF-8 one). Such a file is decoded line by line (:func:`decode_mixed`): the warning says
    so, and how many lines held both kinds (those may be partly garbled). ``None`` when the file is
    consistent.

    >>> mixed_encoding_warning("Cộng hòa\\n".encode() + b"C\\xe9ng h\\xb5a\\n", "mixed:utf-8+tcvn3")[:36]
    'mixed encodings: 1 line(s) are UTF-8'
    """
    kinds = [_line_kind(line) for line in data.splitlines()]
    utf8, legacy, both = kinds.count("utf-8"), kinds.count("legacy"), kinds.count("both")
    if not utf8 or not (legacy or both):
        return None
    if encoding and encoding.startswith(MIXED_PREFIX):
        name = encoding[len(MIXED_PREFIX):]
        doubt = (f"; {both} line(s) hold both and were read as {name}, so part of them may be garbled"
                 if both else "")
        return (f"mixed encodings: {utf8} line(s) are UTF-8 and {legacy + both} are {name}; each line was "
                f"decoded in its own encoding{doubt}: check the text, or convert the file to UTF-8 and send "
                "it again")
    return (f"mixed encodings: {utf8} line(s) are UTF-8 and {legacy + both} are not (read as "
            f"{encoding or 'unknown'}); one of the two parts is garbled: convert the file to UTF-8 and send it again")
