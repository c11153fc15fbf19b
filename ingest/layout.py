"""Layout parsing: the normalised text cut into header, body, signature block and copies.

Each line of the header is recognised by what it says, not where it stands, so that the same code
reads plain paragraphs, re-joined PDF text, markdown tables (one cell per line after normalisation),
two-column ``pdftotext -layout`` text (interleaved columns) and Công báo pages:

    VĂN PHÒNG CHÍNH PHỦ                issuer        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   motto
    Số: 285/TB-VPCP                    number        Hà Nội, ngày 27 tháng 10 năm 2021    place_date
    THÔNG BÁO                          type
    Kết luận của Thủ tướng …           title
    … body …                           body
    Nơi nhận: - …                      recipients    KT. BỘ TRƯỞNG, CHỦ NHIỆM / … / Tên    signature
    SAO LỤC …                          copy (a document of its own)

All offsets refer to the normalised text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from danchieu.ingest import codes, identity, signature
from danchieu.ingest.identity import _is_upper, proper_case
from danchieu.ingest.models import DocumentInfo, Section, Signer
from danchieu.ingest.signature import Line
from danchieu.ingest.textutil import fold, make_evidence

T = TypeVar("T")
_HEADER_LINES = 45  # the header never runs longer than this many lines
_SEPARATOR = re.compile(r"^[\s_\-–—=*.~]+$")
_BODY_CUE = re.compile(
    r"^[\s*_]*(?:Căn cứ|Ngày\s+\d|(?:Sáng|Chiều|Tối)\s+ngày|Thực hiện|Trên cơ sở|Theo đề nghị|Xét\s|Điều\s+1\b|"
    r"Chương\s+[IVX1]|Phần\s+(?:I|thứ)|I\.\s|1\.\s|Kính gửi|Vừa qua|Trong\s)")
_RECEIVED_MARK = re.compile(r"^\s*(?:CÔNG VĂN\s+)?ĐẾN\s*(?::|$)|^\s*ĐẾN\s+(?:Số|Ngày|Giờ)\b")
_RECEIVED_FIELD = re.compile(r"^\s*(?:Giờ|Ngày|Số|Chuyển|Lưu hồ sơ|Kính chuyển|Người nhận)\s*:")
_RECIPIENTS = re.compile(r"^[\s*_]*Nơi\s+nhận\s*:?", re.IGNORECASE)
_CELL_BAR = re.compile(r"^[\s|*_]*$")  # what is left of a table cell border in a scraped page
_LIST_ITEM = re.compile(r"^\s*[-–+•]\s*")
_NEWS_SOURCE = re.compile(
    r"^\s*\(?(?:Theo|Nguồn|Nguồn tin)\s*:?\s+(?P<src>[\w.\- ]{2,40}?(?:\.(?:vn|com|net|org|gov\.vn))?)\)?\s*$")
_NEWS_CUE = re.compile(r"\blượt xem\b|\s-\sẢnh:|\(Ảnh:|^Ảnh:", re.MULTILINE)
_ANNOUNCES = re.compile(r"(?m)^\s*(?P<who>[A-ZĐÀ-Ỹ][^\n.;:]{2,80}?)\s+(?:xin\s+)?thông báo\s+(?:để|cho|tới|đến)\b")
_END_OF_BODY = "./."
_ADDRESSEE = re.compile(r"^\W*Kính\s+gửi\s*:")
_FUSED_TAIL = re.compile(r"[;.,:]\s+(?=\S)")
_BLANK_SYMBOL = re.compile(r"^[/\-–][^\s/]*[A-ZĐ][^\s]*$")
_SUBJECT = re.compile(r"^\W*V/v\b")
# the authority a decision is issued by, printed under its title (Nghị định 30/2020/NĐ-CP, Phụ lục I)
_AUTHORITY_WORDS = ("BỘ TRƯỞNG", "CHỦ TỊCH", "THỦ TƯỚNG", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN",
                    "BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "CHÁNH VĂN PHÒNG")
_SEPARATED = re.compile(r"^[\-–—_=*~]{3,}")
# a title line that leads into the next one: "CỦA BỘ CHÍNH TRỊ," / "BAN BÍ THƯ"; "VỀ" / "PHÔNG LƯU TRỮ ĐẢNG …"
_OPEN_END = re.compile(r"(?:[,\-–]|\b(?:VỀ|CỦA|VÀ|VỚI|TẠI|CHO|TRÊN|THEO|GIỮA|ĐỐI VỚI|TỪ|ĐẾN))\s*$")
_ANNEX_OF = re.compile(
    r"^\W*(?:\(\s*)?(?:Ban hành\s+)?[Kk]èm theo\s+(?P<type>Công văn|Quyết định|Nghị quyết|Thông tư|Nghị định|Kế hoạch|"
    r"Chỉ thị|Thông báo|Công điện|Hướng dẫn|Kết luận|Quy định|Tờ trình|Báo cáo)\s+số\s*:?\s*"
    r"(?P<number>\d[\w./-]*[/-][\w./-]*\w)"
    r"(?:\s+ngày\s+(?P<d>\d{1,2})\s*(?:/|\s+tháng\s+)(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4}))?"
    r"(?:\s+của\s+(?P<of>[^)\n]{3,120}))?")
_REPORTS_ISSUANCE = re.compile(
    r"\b(?:vừa\s+|đã\s+)?(?:ký\s+)?ban hành\s+(?:Công văn|Quyết định|Nghị quyết|Thông tư|Nghị định|Kế hoạch|Chỉ thị|"
    r"Thông báo|Công điện|Hướng dẫn|Kết luận|Quy định|Luật)\s+(?:số\s+)?\d")
_BARE_SO = re.compile(r"^\s*[Ss]ố\s*:?\s*$")
_ADOPTED = re.compile(r"thông\s+qua\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
_UNIT_WORDS = ("van phong", "so ", "cuc ", "vu ", "ban ", "tong cuc", "chi cuc", "phong ", "trung tam",
               "vien ", "hoi dong", "thanh tra")


@dataclass(slots=True)
class ParsedLayout:
    document: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)  # texts of trailing certified copies

    def spans(self, kind: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sections if s.kind == kind]


def _lines(text: str) -> list[Line]:
    out = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append(Line(text[start:m.start()], start, m.start()))
        start = m.end()
    out.append(Line(text[start:], start, len(text)))
    return _join_wrapped_names(out)


def _join_wrapped_names(lines: list[Line]) -> list[Line]:
    """A signer's name wrapped in its table cell ("Vũ" / "Chiến Thắng") becomes one line. The joined
    line keeps both offsets and the same length (the line break reads as the space)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        cur = lines[i]
        if i + 1 < len(lines) and len(cur.text) < 25 and len(lines[i + 1].text) < 25 \
                and cur.text.strip() and cur.text == cur.text.strip():
            nxt = lines[i + 1]
            if nxt.text == nxt.text.strip() and signature.join_wrapped_name(cur.text, nxt.text):
                out.append(Line(f"{cur.text} {nxt.text}", cur.start, nxt.end))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


def parse(text: str) -> ParsedLayout:
    """Parse a normalised document.

    >>> p = parse("VĂN PHÒNG CHÍNH PHỦ\\nSố: 285/TB-VPCP\\nHà Nội, ngày 27 tháng 10 năm 2021\\nTHÔNG BÁO\\n"
    ...           "Kết luận của Thủ tướng\\n\\nNội dung./.\\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\\nPHÓ CHỦ NHIỆM\\n"
    ...           "Nguyễn Sỹ Hiệp")
    >>> p.document.number, p.document.type, p.document.issuer, p.document.date
    ('285/TB-VPCP', 'Thông báo', 'Văn phòng Chính phủ', '2021-10-27')
    >>> [(s.name, s.position, s.capacity) for s in p.signers]
    [('Nguyễn Sỹ Hiệp', 'Phó Chủ nhiệm', 'KT. Bộ trưởng, Chủ nhiệm')]
    """
    lines = _lines(text)
    copy_at = _copy_start(lines)
    main = lines[:copy_at]
    copies = [text[lines[copy_at].start:]] if copy_at < len(lines) else []
    parser = _Parser(text, main)
    parsed = parser.run()
    if copies:
        parsed.sections.append(Section("copy", lines[copy_at].start, len(text)))
    parsed.copies = copies
    parsed.sections.sort(key=lambda s: (s.start, s.end))
    return parsed


# --- copies (SAO LỤC / SAO Y / TRÍCH SAO) ---------------------------------------------------------

def _copy_start(lines: list[Line]) -> int:
    """Index of the first line of a trailing certified copy, or ``len(lines)``."""
    n = len(lines)
    markers = tuple(t.words for t in identity.type_words() if t.copy)  # SAO LỤC, SAO Y, TRÍCH SAO
    for i in range(n - 1, max(-1, n // 3 - 1), -1):
        if not any(m in lines[i].text for m in markers):  # most lines: skip the full match cheaply
            continue
        t = identity.match_type_line(lines[i].text)
        if not t or not t[0].copy or lines[i].text.strip() != lines[i].text.strip().upper():
            continue
        # walk back over the copy's own header: issuer lines, "*", its number, its date
        j = i
        while j - 1 >= 0:
            s = lines[j - 1].text.strip()
            if not s or _SEPARATOR.match(s) or identity.parse_number_line(s) or identity.parse_place_date(s) \
                    or (_is_upper(s) and not signature.match_formula(s) and len(s) < 80):
                j -= 1
                continue
            break
        if j > n // 3:
            return j
    return n


# --- the parser -------------------------------------------------------------------------------------

class _Parser:
    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.lines = lines
        self.sections: list[Section] = []
        self.used: set[int] = set()
        self.doc = DocumentInfo()
        self._number_parts: codes.NumberParts | None = None
        self._prefix_type: str | None = None  # "Luật" in "Luật số: 51/2024/QH15"
        self._consolidated = False  # the gazette labels the text "VĂN BẢN HỢP NHẤT"
        self._type_rest = ""  # title words printed on the type line itself

    def add(self, kind: str, first: int, last: int | None = None) -> None:
        last = first if last is None else last
        self.sections.append(Section(kind, self.lines[first].start, self.lines[last].end))
        self.used.update(range(first, last + 1))

    def run(self) -> ParsedLayout:
        head = min(len(self.lines), _HEADER_LINES)
        self._received(head)
        number_at = self._number(head)
        self._place_date(head)
        type_at = self._type(head)
        self._motto(head, type_at)
        body_start = self._title(type_at) if type_at is not None else self._body_start(head)
        self._issuer(min(type_at if type_at is not None else body_start, head))
        sig_zone = self._signature_zone(body_start)
        signers = signature.parse_signers(self.text, self._signature_lines(sig_zone))
        self._body(body_start, sig_zone)
        if number_at is None:
            number_at = self._annex_number(body_start)
        self._news(number_at, type_at, signers)
        self._fallbacks(type_at)
        self._standing_committee(signers)
        return ParsedLayout(document=self.doc, sections=self.sections, signers=signers)

    # header lines ------------------------------------------------------------------------------
    def _received(self, head: int) -> None:
        for i in range(head):
            if self.lines[i].text.strip() and _RECEIVED_MARK.match(self.lines[i].text):
                first, last = i, i
                prev = i - 1
                while prev >= 0 and not self.lines[prev].text.strip():
                    prev -= 1
                if prev >= 0 and _is_upper(self.lines[prev].text) and not identity.find_motto(
                        self.lines[prev].text) and not identity.match_type_line(self.lines[prev].text):
                    first = prev  # the receiving office's name printed on the stamp
                k = i + 1
                while k < len(self.lines) and (_RECEIVED_FIELD.match(self.lines[k].text)
                                               or self.lines[k].text.strip().startswith("...")):
                    last = k
                    k += 1
                self.add("received", first, last)
                return

    def _number(self, head: int) -> int | None:
        """The "Số:" line: in the header; else anywhere (a consolidated text prints it at the end,
        under "XÁC THỰC VĂN BẢN HỢP NHẤT"); else a gazette continuation heading
        ("Thông tư số 102/2018/TT-BTC ngày …") among the first lines."""
        passes = [(range(head), "plain"), (range(head, len(self.lines)), "plain"), (range(head), "heading")]
        self._consolidated = any(self.lines[i].text.lstrip()[:16].upper() == "VĂN BẢN HỢP NHẤT"
                                 for i in range(head))
        if self._consolidated:
            # a consolidated text reprints the original's header ("Số: 49/2018/NĐ-CP"); its own
            # number is the VBHN one under "XÁC THỰC VĂN BẢN HỢP NHẤT"
            passes = [(range(len(self.lines)), "consolidated")]
        for scope, kind in passes:
            for i in scope:
                s = self.lines[i].text
                if i in self.used or len(s) > 160 or "ố" not in s.lower():
                    continue
                last = i
                if _BARE_SO.match(s) and i + 1 < len(self.lines):
                    s, last = f"{s.strip()} {self.lines[i + 1].text.strip()}", i + 1  # "Số:" / "285/TB-VPCP"
                parts = identity.parse_number_line(s)
                if parts is None:
                    continue
                prefix_type = identity.number_line_type(s)
                is_heading = prefix_type is not None and not re.search(r"[Ss]ố\s*:", s)
                if kind == "consolidated":
                    if parts.type_code is None or codes.type_name(parts.type_code) != "Văn bản hợp nhất":
                        continue
                elif is_heading != (kind == "heading"):
                    continue
                self._prefix_type = prefix_type
                self.add("number", i, last)
                self.doc.number = parts.symbol
                self.doc.number_parts = {"number": parts.number, "year": parts.year,
                                         "type_code": parts.type_code, "issuer_code": parts.issuer_code}
                value_start = self.lines[last].start if last > i else self.lines[i].start + _value_offset(s)
                self.doc.evidence = make_evidence(self.text, value_start, self.lines[last].end)
                self._number_parts = parts
                return i
        return None

    def _place_date(self, head: int) -> None:
        for i in range(head):
            if i in self.used:
                continue
            if identity.parse_place_date(self.lines[i].text):
                break  # a whole date is read below
            place, last = self._joined_at(i, identity.parse_place_blank_date)
            if place:  # a draft: "Lào Cai, ngày      tháng 12 năm 2025" gives the place, never a date
                self.doc.place = place
                self.add("place_date", i, last)
                return
        for scope in (range(head), range(head, len(self.lines))):
            for i in scope:
                if i in self.used or len(self.lines[i].text) > 120:
                    continue
                found, last = self._place_date_at(i)
                if found:
                    self.doc.place, self.doc.date = found
                    self.add("place_date", i, last)
                    return

    def _place_date_at(self, i: int) -> tuple[tuple[str, str] | None, int]:
        """The place-date line starting at line ``i``, also when its table cell wrapped it over up to
        three lines ("*Hà" / "Nội, ngày 21 tháng 11 năm" / "2025 *"); and the last line it takes."""
        return self._joined_at(i, identity.parse_place_date)

    def _joined_at(self, i: int, parse: Callable[[str], T | None]) -> tuple[T | None, int]:
        first = self.lines[i].text
        found = parse(first)
        if found or len(first) > 60 or not first.strip():
            return found, i
        joined = first
        for k in range(i + 1, min(len(self.lines), i + 3)):
            nxt = self.lines[k].text.strip()
            if not nxt or len(nxt) > 60 or k in self.used or parse(nxt):
                break  # a place-date line of its own is found at its own line
            joined = f"{joined} {nxt}"
            if "ngày" not in joined:
                continue
            found = parse(joined)
            if found:
                return found, k
        return None, i

    def _type(self, head: int) -> int | None:
        for i in range(head):
            if i in self.used:
                continue
            s = self.lines[i].text.strip()
            if _ADDRESSEE.match(s):
                break  # the type line stands above "Kính gửi"; a "BÁO CÁO" below it heads an annex form
            if not s or identity.is_gazette_label(s):
                continue
            found = identity.match_type_line(s)
            if found and (not found[0].copy or i > 0):
                self.doc.type = found[0].type
                self._type_rest = s[found[1]:].strip()
                self.add("type", i)
                return i
        return None

    def _motto(self, head: int, type_at: int | None) -> None:
        for i in range(head):
            if i in self.used:
                continue
            m = identity.find_motto(self.lines[i].text)
            if m and type_at is not None and i > type_at and m.start() > 0:
                continue  # "VỀ" / "PHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM": a title naming the Party, under the type
            if m:
                last = i
                if i + 1 < len(self.lines) and i + 1 not in self.used:
                    # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM": the motto's end wrapped to the next line
                    first, nxt = self.lines[i].text.rstrip(), self.lines[i + 1].text.strip()
                    m = identity.find_motto(f"{first} {nxt}")
                    if nxt and _is_upper(nxt) and m and m.end() > len(first) + 1:
                        last = i + 1
                self.add("motto", i, last)
                continue
            # a motto wrapped in its table cell ("ĐẢNG CỘNG SẢN" / "VIỆT NAM", "CỘNG" / "HÒA XÃ HỘI …")
            for span in (2, 3):
                if i + span > len(self.lines) or any(k in self.used for k in range(i, i + span)):
                    break
                parts = [self.lines[k].text.strip() for k in range(i, i + span)]
                if not all(parts) or not all(_is_upper(p) for p in parts):
                    break
                m = identity.find_motto(" ".join(parts))
                if m and m.start() == 0 and m.end() > len(" ".join(parts[:-1])):
                    self.add("motto", i, i + span - 1)
                    break

    def _title(self, type_at: int) -> int:
        """Collect the title after the type line; returns the index of the first body line."""
        parts = [self._type_rest] if self._type_rest else []
        first = last = None
        i = type_at + 1
        while i < len(self.lines):
            s = self.lines[i].text.strip()
            if i in self.used and not parts:
                i += 1
                continue
            if not s:
                if parts:
                    break
                i += 1
                continue
            if _SEPARATOR.match(s) or _BODY_CUE.match(s) or len(s) > 400 or i in self.used or _RECIPIENTS.match(s) \
                    or identity.parse_place_date(s) or identity.parse_number_line(s):
                break
            if parts and _is_upper(s) and not all(_is_upper(p) for p in parts):
                break  # the authority line ("CHÍNH PHỦ") after a sentence-case title
            if parts and not _OPEN_END.search(parts[-1]) and (
                    _is_upper(s) and identity.known_issuer(s) or s.startswith(_AUTHORITY_WORDS)):
                # the authority under the title ("ỦY BAN NHÂN DÂN TỈNH …", "THỦ TƯỚNG CHÍNH PHỦ điện:"), not a
                # name the title's last line leads into
                break
            if _SEPARATED.match(s):
                break  # "-----Tại phiên họp …": the rule under the title, the body run onto it
            parts.append(s)
            first = i if first is None else first
            last = i
            i += 1
            if len(" ".join(parts)) > 500:
                break
        if parts:
            self.doc.title = _title_text(parts)
            party = self._number_parts is not None and self._number_parts.party
            if self.doc.type and (fold(self.doc.title).startswith("cua ")
                                  or party and fold(self.doc.title).startswith("ve ")):
                # "KẾT LUẬN" / "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ …": the type name opens the phrase; a Party
                # document is named by its type and subject as one ("Quy định về Phông lưu trữ …",
                # Hướng dẫn 36-HD/VPTW), a state one by its subject alone ("Về việc …")
                self.doc.title = f"{self.doc.type} {self.doc.title[:1].lower()}{self.doc.title[1:]}"
            if first is not None and last is not None:
                self.add("title", first, last)
        while i < len(self.lines) and (not self.lines[i].text.strip() or _SEPARATOR.match(self.lines[i].text)):
            i += 1
        return i

    def _body_start(self, head: int) -> int:
        """Without a type line: the first line after the header lines already recognised."""
        last_used = max((i for i in self.used if i < head), default=-1)
        i = last_used + 1
        while i < len(self.lines) and (not self.lines[i].text.strip() or _SEPARATOR.match(self.lines[i].text)):
            i += 1
        return i

    def _issuer(self, limit: int) -> None:
        candidates: list[tuple[int, str]] = []
        for i in range(limit):
            s = self.lines[i].text.strip()
            if i in self.used:
                m = identity.find_motto(s) if i < len(self.lines) else None
                if m and m.start() > 3 and _is_upper(s[:m.start()]):
                    candidates.append((i, s[:m.start()].strip()))  # "VĂN PHÒNG CHÍNH PHỦ CỘNG HÒA …"
                continue
            if not s or _SEPARATOR.match(s) or identity.is_gazette_label(s) or not _is_upper(s):
                continue
            if _BLANK_SYMBOL.match(s):
                continue  # "/ĐCK-CTT": the symbol of a number left blank (a draft), cut from its "Số:"
            if " " not in s and len(s) < 5 and not self._wraps_with_neighbour(i):
                continue  # OCR initials ("THT"), a lone "*"; but "BAN" / "CHẤP HÀNH TRUNG ƯƠNG" is one name
            candidates.append((i, s))
        if not candidates:
            return
        issuer = _compose_issuer([s for _, s in candidates])
        self.doc.issuer_parent = _issuer_parent([s for _, s in candidates])
        for i, _ in candidates:
            if i not in self.used:
                self.add("issuer", i)
        code_name = self._number_parts.issuer if self._number_parts else None
        known = identity.known_issuer(issuer)
        if known:
            self.doc.issuer = known
        elif fold(issuer) == "ban chap hanh trung uong":
            self.doc.issuer = "Ban Chấp hành Trung ương"  # the header names the Committee itself
        elif code_name and "ban chap hanh trung uong" in fold(issuer):
            # units of the Party Central Committee are named "… Trung ương Đảng" (Hướng dẫn 36-HD/VPTW)
            self.doc.issuer = code_name
        else:
            self.doc.issuer = issuer

    def _wraps_with_neighbour(self, i: int) -> bool:
        """A one-word capitalised line wrapped from or into the header line next to it."""
        s = self.lines[i].text.strip()
        if not s.isalpha():
            return False
        for k in (i - 1, i + 1):
            if 0 <= k < len(self.lines) and k not in self.used:
                other = self.lines[k].text.strip()
                if other and _is_upper(other) and not identity.find_motto(other):
                    return True
        return False

    # body, recipients and signature ------------------------------------------------------------
    def _is_recipient_line(self, i: int) -> bool:
        s = self.lines[i].text
        return bool(_RECIPIENTS.match(s) or _LIST_ITEM.match(s))

    def _signature_zone(self, body_start: int) -> list[int]:
        n = len(self.lines)
        anchors = [i for i in range(body_start, n) if _END_OF_BODY in self.lines[i].text]
        anchors += [i for i in range(body_start, n) if _RECIPIENTS.match(self.lines[i].text)]
        for a in sorted(set(anchors)):
            zone = self._zone_after(a + 1)
            if any((signature.person_name(self.lines[i].text) and not _is_upper(self.lines[i].text))
                   or self._name_under_title(i) for i in zone):
                return zone
        # no closing mark: the last cluster of signature lines holding a name
        for i in range(n - 1, body_start - 1, -1):
            s = self.lines[i].text
            if signature.person_name(s) and not _is_upper(s):
                j = i
                while j - 1 >= body_start and (signature.is_signature_line(self.lines[j - 1].text)
                                               or self._is_recipient_line(j - 1)
                                               or not self.lines[j - 1].text.strip()):
                    j -= 1
                if j < i:
                    return list(range(j, i + 1))
        return []

    def _signature_lines(self, zone: list[int]) -> list[Line]:
        """The zone's signature lines; a recipient line that an OCR column or a flattened table row
        fused with the signature cell ("- Lưu: VT, TH. KT. BỘ TRƯỞNG") gives its signature part."""
        out = []
        for i in zone:
            line = self.lines[i]
            if not self._is_recipient_line(i):
                out.append(line)
                continue
            tails = [(m.end(), line.text[m.end():].strip()) for m in _FUSED_TAIL.finditer(line.text)]
            found = next((t for t in tails if signature.match_formula(t[1])), None) or next(
                (t for t in tails if signature.person_name(t[1]) and not _is_upper(t[1])), None)
            if found:
                at, tail = found
                start = line.start + line.text.index(tail, at)
                out.append(Line(tail, start, start + len(tail)))
        return out

    def _name_under_title(self, i: int) -> bool:
        """A line of capitalised words right under a signature title ("PHÓ TRƯỞNG BAN" / "Mạnh Thị …")."""
        k = i - 1
        while k >= 0 and not self.lines[k].text.strip():
            k -= 1
        if k < 0:
            return False
        above = self.lines[k].text.strip()
        return _is_upper(above) and signature.is_signature_line(above) and not identity.find_motto(above) \
            and signature.name_under_title(self.lines[i].text) is not None

    def _zone_after(self, start: int) -> list[int]:
        zone: list[int] = []
        seen_name = False
        for i in range(start, min(len(self.lines), start + 60)):
            s = self.lines[i].text.strip()
            if not s or _CELL_BAR.match(s):
                continue
            if self._is_recipient_line(i) or (zone and self._continues_recipient(i)):
                zone.append(i)
                continue
            if signature.is_signature_line(s) or self._name_under_title(i):
                zone.append(i)
                if (signature.person_name(s) and not _is_upper(s)) or self._name_under_title(i):
                    seen_name = True
                continue
            if len(s) > 90 and not seen_name and not zone:
                continue  # "Luật này được Quốc hội … thông qua ngày …" before the signature
            if seen_name or zone:
                break
        return zone

    def _continues_recipient(self, i: int) -> bool:
        prev = self.lines[i - 1].text.rstrip() if i > 0 else ""
        return bool(_LIST_ITEM.match(prev)) and prev.endswith(",") and not signature.is_signature_line(
            self.lines[i].text)

    def _body(self, body_start: int, sig_zone: list[int]) -> None:
        n = len(self.lines)
        recipients = [i for i in sig_zone if self._is_recipient_line(i) or
                      (i > 0 and self._continues_recipient(i))]
        for first, last in _runs(recipients):
            self.add("recipients", first, last)
        signature_lines = [i for i in sig_zone if i not in recipients]
        if signature_lines:
            self.add("signature", signature_lines[0], signature_lines[-1])
        end = min(sig_zone) if sig_zone else n
        # the body is everything between the header and the signature zone (appendices included)
        if body_start < end:
            last = end - 1
            while last > body_start and not self.lines[last].text.strip():
                last -= 1
            self.sections.append(Section("body", self.lines[body_start].start, self.lines[last].end))
        if sig_zone and max(sig_zone) + 1 < n:
            tail = max(sig_zone) + 1
            while tail < n and not self.lines[tail].text.strip():
                tail += 1
            if tail < n:
                self.sections.append(Section("body", self.lines[tail].start, self.lines[n - 1].end))

    # news articles and fallbacks --------------------------------------------------------------
    def _annex_number(self, body_start: int) -> int | None:
        """A page that lost its header may still name itself in its annex heading: "(Kèm theo Công văn
        số 6225/BVHTTDL-VP ngày 18/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)". A heading line, never
        a sentence ("… ban hành kèm theo Quyết định số …" cites another document)."""
        for i in range(body_start, len(self.lines)):
            s = self.lines[i].text
            if "èm theo" not in s or len(s) > 300:
                continue
            m = _ANNEX_OF.match(s)
            if not m:
                continue
            parts = codes.split_number(m.group("number"))
            if parts is None or not any(c.isdigit() for c in parts.number):
                continue
            type_name = identity.match_type_line(m.group("type").upper())
            self.doc.number = parts.symbol
            self.doc.number_parts = {"number": parts.number, "year": parts.year,
                                     "type_code": parts.type_code, "issuer_code": parts.issuer_code}
            start = self.lines[i].start + m.start("number")
            self.doc.evidence = make_evidence(self.text, start, start + len(m.group("number")))
            self.sections.append(Section("number", start, start + len(m.group("number"))))
            self._number_parts = parts
            if type_name and not self.doc.type:
                self.doc.type = type_name[0].type
            if m.group("d") and not self.doc.date:
                self.doc.date = identity.iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if m.group("of") and not self.doc.issuer:
                self.doc.issuer = identity.known_issuer(m.group("of").strip(" .)")) or None
            return i
        return None

    def _news(self, number_at: int | None, type_at: int | None, signers: list[Signer]) -> None:
        if number_at is not None or signers or self._addressed():
            return  # a news article prints no number of its own, no signature, no "Kính gửi"
        if type_at is not None and not self._news_lead(type_at):
            return
        source = None
        for i, line in enumerate(self.lines):
            m = _NEWS_SOURCE.match(line.text)
            if m and len(line.text) <= 60:
                source = line.text.strip().strip("()")
                self.add("source", i)
        # a source line, a news page's furniture, or a lead reporting that a document was issued
        # ("Chủ tịch Quốc hội vừa ký ban hành Nghị quyết số 196/2025/QH15 …"), reproducing it or not
        if source or _NEWS_CUE.search(self.text) or type_at is not None or self._reports_issuance():
            self.doc.type = "Bài báo"
            self.doc.source = source
            self.doc.issuer = None
            self.doc.date = None if not self.doc.place or type_at is not None else self.doc.date
            if type_at is not None:
                self.doc.title = None  # the title under the type line is the reproduced document's

    def _standing_committee(self, signers: list[Signer]) -> None:
        """A Party committee's document signed "T/M BAN THƯỜNG VỤ" is issued by its Standing Committee:
        "Tỉnh ủy Lào Cai" → "Ban Thường vụ Tỉnh ủy Lào Cai" (Hướng dẫn 36-HD/VPTW, thẩm quyền ký)."""
        issuer = self.doc.issuer or ""
        if not _PARTY_COMMITTEE.match(fold(issuer)):
            return
        if any(s.capacity and fold(s.capacity).split(",")[0].strip().endswith("ban thuong vu") for s in signers):
            self.doc.issuer_parent = self.doc.issuer_parent or issuer
            self.doc.issuer = f"Ban Thường vụ {issuer}"

    def _addressed(self) -> bool:
        return any(_ADDRESSEE.match(line.text) for line in self.lines[:_HEADER_LINES * 2])

    def _news_lead(self, type_at: int) -> bool:
        """Whether a reporting sentence stands before the type line, with no header line above it."""
        lead = [line.text.strip() for line in self.lines[:type_at] if line.text.strip()]
        return bool(lead) and not any(_is_upper(s) for s in lead) \
            and _REPORTS_ISSUANCE.search(" ".join(lead)) is not None

    def _reports_issuance(self) -> bool:
        head = "\n".join(line.text for line in self.lines[:12])
        return _REPORTS_ISSUANCE.search(head) is not None and not any(
            s.kind in ("motto", "place_date", "type") for s in self.sections)

    def _subject_line(self) -> bool:
        """A "V/v …" subject line under the number: the mark of a công văn (Nghị định 30/2020/NĐ-CP,
        Phụ lục I: a công văn prints no type name; its subject follows "V/v"). A "Kính gửi" without a
        type line says the same (Tờ trình, Báo cáo and Công điện print their type name)."""
        return any(_SUBJECT.match(line.text) for line in self.lines[:_HEADER_LINES])

    def _subject_title(self) -> None:
        """A công văn's title is its subject ("trích yếu"): the "V/v …" line under the number, with the
        lines its table cell wrapped it onto (each goes on in lower case), as printed, "V/v" included."""
        for i in range(min(len(self.lines), _HEADER_LINES)):
            if i in self.used or not _SUBJECT.match(self.lines[i].text):
                continue
            parts, last = [self.lines[i].text.strip()], i
            while last + 1 < len(self.lines) and last - i < 4:
                s = self.lines[last + 1].text.strip()
                if not s[:1].islower() or last + 1 in self.used or identity.parse_place_date(s):
                    break
                parts.append(s)
                last += 1
            title = re.sub(r"\s+", " ", " ".join(parts)).strip(" *_|").rstrip(".").strip(" *_|")
            if len(re.findall(r"\w{2,}", title)) >= 3:  # three words after "V/v": not a form's "V/v ………"
                self.doc.title = title
                self.add("title", i, last)
            return

    def _fallbacks(self, type_at: int | None = None) -> None:
        parts = self._number_parts
        if type_at is None and self.doc.type != "Bài báo" and parts is None and self._subject_line():
            self.doc.type = "Công văn"  # a draft ("Số:      /SCT-CN") is a công văn by its "V/v" line alone
        if type_at is None and self.doc.type != "Bài báo" and parts is not None and not parts.party \
                and (self._subject_line() or self._addressed()):
            # a công văn prints no type line; its symbol is ISSUER-UNIT, so a first code that spells a
            # type ("5348/CT-CS": CT is the issuer Cục Thuế) is the issuer's code here
            self.doc.type = "Công văn"
            if parts.type_code:
                units = [parts.issuer_code, *parts.units] if parts.issuer_code else list(parts.units)
                parts = replace(parts, type_code=None, issuer_code=parts.type_code, units=tuple(u for u in units if u))
                self._number_parts = parts
                self.doc.number_parts.update(type_code=None, issuer_code=parts.issuer_code)
        if self.doc.title is None and self.doc.type != "Bài báo":
            self._subject_title()
        if self._prefix_type and self.doc.type != self._prefix_type:
            # "Thông tư số 102/2018/TT-BTC ngày …" heading a gazette continuation names its own type
            self.doc.type = self._prefix_type
        if self._consolidated:
            self.doc.type = "Văn bản hợp nhất"
        if parts is not None:
            if parts.type_code and codes.type_name(parts.type_code) == "Văn bản hợp nhất":
                self.doc.type = "Văn bản hợp nhất"  # the header names the consolidated text's type
            elif not self.doc.type:
                self.doc.type = parts.type
            if not self.doc.issuer:
                self.doc.issuer = parts.issuer
        if not self.doc.date and self.doc.type != "Bài báo":
            # a law or a resolution of the National Assembly is dated by its adoption
            m = _ADOPTED.search(self.text)
            if m:
                self.doc.date = identity.iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if self.doc.type != "Bài báo":
            self.doc.issuer = identity.complete_local_issuer(self.doc.issuer, self.doc.place)
        if not self.doc.issuer and self.doc.type != "Bài báo":
            for m in _ANNOUNCES.finditer(self.text):
                known = identity.known_issuer(m.group("who"))
                if known:  # "Văn phòng Chính phủ thông báo để các Bộ … biết, thực hiện"
                    self.doc.issuer = known
                    break


def _value_offset(line: str) -> int:
    m = re.search(r"[Ss]ố\s*:?\s*", line)
    return m.end() if m else 0


def printed_in_capitals(title: str) -> bool:
    """Whether a title as printed opens with words in capitals (which :func:`_title_text` sets in sentence
    case, so names in it lost their capitals)."""
    words = [w for w in title.split() if any(c.isalpha() for c in w)][:2]
    return len(words) == 2 and all(_is_upper(w) for w in words)


def _title_text(parts: list[str]) -> str:
    text = re.sub(r"\s+", " ", " ".join(parts)).strip()
    # "KẾT LUẬN CỦA LÃNH ĐẠO CHỦ CHỐT về …": the capitalised lead in sentence case
    words = text.split(" ")
    lead = 0
    while lead < len(words) and _is_upper(words[lead]) or lead < len(words) and not any(
            c.isalpha() for c in words[lead]):
        lead += 1
    if lead >= 2:
        text = " ".join([proper_case(" ".join(words[:lead])), *words[lead:]])
    return text


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of line indices: [3, 4, 5, 9] → [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _compose_issuer(lines: list[str]) -> str:
    """Issuer name from the capitalised header lines (parent organ first, issuing unit last)."""
    unique = _header_organs(lines)
    if not unique:
        return ""
    if len(unique) == 1:
        return _organ_case(unique[0]) if identity.known_issuer(unique[0]) else _unit_name(_organ_case(unique[0]))
    parent, child = unique[-2], unique[-1]
    fchild, fparent = fold(child), fold(parent)
    party = _PARTY_COMMITTEE.match(fchild)
    if party and fparent.startswith("dang bo ") and len(fchild) == party.end():
        # "ĐẢNG BỘ TỈNH LÀO CAI" / "TỈNH ỦY": the committee of that Party organisation, "Tỉnh ủy Lào Cai"
        place = re.sub(r"^ĐẢNG BỘ\s+(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)?\s*", "", parent)
        return f"{proper_case(child)} {identity.place_case(place) if place else ''}".strip()
    if fparent.startswith("bo ") or not any(fchild.startswith(w.strip()) for w in _UNIT_WORDS):
        return _unit_case(proper_case(child))
    child = _unit_name(proper_case(child))
    place = re.sub(r"^(?:uy ban nhan dan|hoi dong nhan dan)\s+", "", fparent)
    if fchild == "van phong":  # "UBND TỈNH LÀO CAI / VĂN PHÒNG": the office of that organ
        return f"Văn phòng {_organ_case(parent)}"
    if place != fparent:  # "UBND TỈNH BẮC GIANG / SỞ Y TẾ" → "Sở Y tế tỉnh Bắc Giang"
        words = parent.split()[len(parent.split()) - len(place.split()):]
        return f"{child} {identity.place_case(' '.join(words))}"
    return f"{child} {_organ_case(parent)}"


def _issuer_parent(lines: list[str]) -> str | None:
    """The organ above the issuing unit: "Bộ Công Thương" for "BỘ CÔNG THƯƠNG" / "CỤC HÓA CHẤT"."""
    unique = _header_organs(lines)
    return _organ_case(unique[-2]) if len(unique) >= 2 else None


_PARTY_COMMITTEE = re.compile(r"^(?:tinh uy|thanh uy|huyen uy|quan uy|thi uy|dang uy)\b")
_UNIT_HEADS = ("Cục", "Vụ", "Sở", "Ban", "Trung tâm", "Chi cục", "Tổng cục", "Phòng")  # not "Viện kiểm sát"


def _unit_name(name: str) -> str:
    """A unit's name cased: "Sở y tế" → "Sở Y tế" (the field spelt as in its ministry's name, "Bộ Y tế"),
    "Cục hóa chất" → "Cục Hóa chất"; place words after it keep their case."""
    unit, _, field_ = name.partition(" ")
    if unit in ("Sở", "Phòng") and field_:
        for cut in range(len(field_.split()), 0, -1):
            head = " ".join(field_.split()[:cut])
            ministry = identity.known_issuer(f"Bộ {head}")
            if ministry:
                return " ".join([unit, ministry[3:], *field_.split()[cut:]])
    return _unit_case(name)


def _unit_case(name: str) -> str:
    """The field of a unit's name starts with a capital: "Cục hóa chất" → "Cục Hóa chất"
    (Nghị định 30/2020/NĐ-CP, Phụ lục II: viết hoa chữ cái đầu của từ chỉ chức năng, lĩnh vực)."""
    for head in _UNIT_HEADS:
        if name.startswith(head + " ") and len(name) > len(head) + 1:
            rest = name[len(head) + 1:]
            return f"{head} {rest[:1].upper()}{rest[1:]}"
    return name


def _header_organs(lines: list[str]) -> list[str]:
    """The distinct organs the capitalised header lines name, wrapped lines joined, the place of a
    local organ joined to it: ["BỘ CÔNG THƯƠNG", "CỤC HÓA CHẤT"]."""
    lines = [identity.expand_header_abbreviations(line) for line in lines]
    merged: list[str] = []
    joiner = ""  # " - " after a line ending in a hyphen (joint issuers), " " after "VÀ"
    for line in lines:
        s = re.sub(r"\s+", " ", line).strip()
        if merged and (joiner or s.startswith(("VÀ ", "- ")) or _wrapped(merged[-1], s)):
            merged[-1] = f"{merged[-1]}{joiner or ' '}{s.strip(' -')}"
        else:
            merged.append(s.strip(" -"))
        joiner = " - " if s.endswith("-") else " " if s.endswith(" VÀ") else ""
    # a name wrapped over lines ("NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM") is one known issuer
    joined: list[str] = []
    for s in merged:
        if joined and identity.known_issuer(f"{joined[-1]} {s}"):
            joined[-1] = f"{joined[-1]} {s}"
        else:
            joined.append(s)
    merged = joined
    unique: list[str] = []
    for s in merged:
        if all(fold(s) != fold(u) for u in unique) and not any(fold(s) in fold(u) for u in unique):
            unique.append(s)
    if len(unique) >= 2 and unique[-1].startswith(tuple(w + " " for w in identity.place_words())) \
            and not _PARTY_COMMITTEE.match(fold(unique[-1])):
        # "ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG": the place completes the organ above it
        unique = [*unique[:-2], f"{unique[-2]} {unique[-1]}"]
    return unique


def _wrapped(previous: str, line: str) -> bool:
    """Whether ``line`` continues the organ name on the line above, wrapped in its table cell
    ("BAN" / "CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG CHÍNH" / "PHỦ"), rather than naming the next organ
    ("BỘ CÔNG THƯƠNG" / "CỤC HÓA CHẤT") or its place ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG TRỊ")."""
    starts = identity.organ_words() + identity.place_words()
    if any(line == w or line.startswith(w + " ") for w in starts):
        return False
    if identity.find_motto(line) or not _is_upper(line):
        return False
    return not identity.known_issuer(previous) or bool(identity.known_issuer(f"{previous} {line}"))


def _organ_case(upper: str) -> str:
    """``"ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"`` → ``"Ủy ban nhân dân tỉnh Bắc Giang"``."""
    known = identity.known_issuer(upper)
    if known:
        return known
    for word in identity.place_words():
        at = upper.find(" " + word + " ")
        if at > 0:
            return f"{proper_case(upper[:at])} {identity.place_case(upper[at + 1:])}"
    return proper_case(upper)



