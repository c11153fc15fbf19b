"""People: names next to titles, names after words of address, names in the signature block.

Patterns, in Vietnamese drafting order:

* title, then name — "Phó Thủ tướng Chính phủ Vũ Đức Đam", "Bộ trưởng Bộ Y tế Nguyễn Thanh Long",
  "Bí thư tỉnh ủy Bắc Giang Dương Văn Thái" (a body in lower case is accepted after a title);
* name, comma, title — "đồng chí Nguyễn Văn Nên, Bí thư Thành ủy Thành phố Hồ Chí Minh",
  "Bà Angela Pratt, Trưởng Đại diện Tổ chức Y tế Thế giới tại Việt Nam";
* a line holding only a name under the signing formula ("KT. BỘ TRƯỞNG … / Nguyễn Sỹ Hiệp").

A name is a run of 2–4 capitalised syllables joined by white space (line breaks included) that
starts with a Vietnamese family name, or follows a word of address (foreign names). Words of
address are stripped. Runs too long to be a name are cut with underthesea's POS tags (``Np``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from danchieu.ingest.entities.agencies import hit_mentions, lenient_accept
from danchieu.ingest.entities.gazetteer import AgencyHit, LocalHit, agency_by_key, entity_trie, load_data
from danchieu.ingest.entities.mentions import Mention
from danchieu.ingest.entities.provinces import slug
from danchieu.ingest.entities.titles import honorific_trie, is_surname, title_trie
from danchieu.ingest.entities.tokens import Tokens, fold_word, is_capitalised, tokenize, tone_key
from danchieu.ingest.textutil import fold

MAX_NAME = 4


def person_key(name: str) -> str:
    """``"Phạm Minh Chính"`` → ``"person:pham-minh-chinh"``."""
    return "person:" + slug(name)


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return frozenset(fold_word(w) for w in load_data("name_stops.yaml")["stops"])


@dataclass(slots=True)
class TitlePhrase:
    first: int
    last: int
    name: str
    orgs: list[Mention] = field(default_factory=list)


def _org_at(toks: Tokens, k: int) -> tuple[int, str, list[Mention]] | None:
    """The body named at token ``k`` after a title: its last token, its name, its mentions. A body
    named without its province ("Giám đốc Sở Y tế") keeps the words the text writes."""
    if k >= len(toks):
        return None
    m = entity_trie().longest_at(toks, k, lambda i, j, p: isinstance(p, (AgencyHit, LocalHit))
                                 and lenient_accept(toks, i, j, p))
    if m is None:
        return None
    hit = next((p for p in m.payloads if isinstance(p, AgencyHit)), m.payloads[0])
    mentions = hit_mentions(toks, m.first, m.last, hit)
    name = agency_by_key()[hit.key].name if isinstance(hit, AgencyHit) else mentions[0].name
    return m.last, name, mentions


def title_at(toks: Tokens, i: int) -> TitlePhrase | None:
    """The title phrase starting at token ``i``: head, the body it heads, a second title after a
    comma ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")."""
    m = title_trie().longest_at(toks, i)
    if m is None:
        return None
    head = m.payloads[0]
    phrase = TitlePhrase(i, m.last, head.name)
    org = _org_at(toks, m.last + 1) if m.last + 1 < len(toks) and toks.spaced(m.last) else None
    if org is not None:
        last, org_name, mentions = org
        phrase.last = last
        phrase.name = f"{head.name} {org_name}"
        phrase.orgs = mentions
        phrase.last = _place_tail(toks, phrase)
        return phrase
    nxt = m.last + 1
    if nxt < len(toks) and toks.gap(m.last).strip() == "," and not head.needs_org:
        second = title_trie().longest_at(toks, nxt)
        if second is not None:
            tail = title_at(toks, nxt)
            if tail is not None and tail.orgs:
                return TitlePhrase(i, tail.last, f"{head.name}, {tail.name}", tail.orgs)
    return None if head.needs_org else phrase


def _place_tail(toks: Tokens, phrase: TitlePhrase) -> int:
    """"Trưởng Đại diện Tổ chức Y tế Thế giới tại Việt Nam": keep "tại Việt Nam" in the title."""
    k = phrase.last + 1
    if k + 1 < len(toks) and toks.folds[k] == "tai" and toks.spaced(phrase.last):
        run = _cap_run(toks, k + 1, 3)
        if run:
            phrase.name += " " + " ".join(["tại", *(toks.word(x) for x in run)])
            return run[-1]
    return phrase.last


def _cap_run(toks: Tokens, k: int, limit: int) -> list[int]:
    run: list[int] = []
    while k < len(toks) and len(run) < limit + 1:
        w = toks.word(k)
        if not (is_capitalised(w) and w.isalpha()):
            break
        if run and not toks.spaced(k - 1):
            break
        run.append(k)
        k += 1
    return run


def _is_honorific_at(toks: Tokens, k: int) -> int | None:
    """Last token of a word of address starting at ``k``, or None."""
    m = honorific_trie().longest_at(toks, k)
    return m.last if m is not None else None


def name_after(toks: Tokens, k: int, blocked: set[int], foreign_ok: bool = False) -> list[int]:
    """Token indices of the name starting at ``k`` (after a title), or []."""
    if k < len(toks):
        hon = _is_honorific_at(toks, k)
        if hon is not None and hon + 1 < len(toks) and toks.spaced(hon):
            k, foreign_ok = hon + 1, True
    run: list[int] = []
    upper = False
    while k < len(toks) and len(run) <= MAX_NAME:
        w = toks.word(k)
        if not (is_capitalised(w) and w.isalpha()) or k in blocked:
            break
        if run and not toks.spaced(k - 1):
            break
        # A line break inside a name is a PDF wrap; after three syllables the name is complete
        # and the next line is something else ("Bùi Thanh Sơn / Ký bởi: …").
        if len(run) >= 3 and "\n" in toks.gap(k - 1):
            break
        if title_trie().longest_at(toks, k) is not None:
            break
        if not run:
            upper = w.isupper() and len(w) > 1
            # A name in capitals belongs to a heading line; across a line break it is the next
            # line of a signature block ("THỨ TRƯỞNG / VĂN PHÒNG"), not a name.
            if upper and k > 0 and "\n" in toks.gap(k - 1):
                break
        if upper and toks.folds[k] in _stops():
            break
        run.append(k)
        k += 1
    return _valid(toks, _cut(toks, run), foreign_ok)


def _cut(toks: Tokens, run: list[int]) -> list[int]:
    """A run longer than a name: keep the leading proper noun as underthesea tags it, reading
    the run with the words after it ("Nguyễn Thị Kim Tiến Thông Báo Rằng")."""
    if len(run) <= MAX_NAME:
        return run
    from underthesea import pos_tag  # loaded only when a run is ambiguous

    window = " ".join(toks.word(k) for k in range(run[0], min(len(toks), run[0] + 10)))
    tagged = pos_tag(window)
    if tagged and tagged[0][1] == "Np":
        size = len(tagged[0][0].split())
        if 2 <= size <= MAX_NAME:
            return run[:size]
    return run[:3]


def _valid(toks: Tokens, run: list[int], foreign_ok: bool) -> list[int]:
    if len(run) < 2:
        return []
    # Form templates write "Nguyễn Văn A"; no syllable of a name is a single letter but "Y".
    if any(len(toks.word(k)) == 1 and toks.folds[k] != "y" for k in run):
        return []
    # "Hà Nội, Chủ tịch …": a run that is exactly a place or a body is not a name.
    whole = entity_trie().longest_at(toks, run[0])
    if whole is not None and whole.last == run[-1]:
        return []
    if is_surname(toks.word(run[0])):
        return run
    return run if foreign_ok else []


def name_before(toks: Tokens, a: int, blocked: set[int]) -> list[int]:
    """The name ending right before token ``a`` (pattern "Nguyễn Văn Nên, Bí thư …")."""
    k = a - 1
    run: list[int] = []
    honorific = False
    while k >= 0 and len(run) < MAX_NAME:
        w = toks.word(k)
        if not (is_capitalised(w) and w.isalpha()) or k in blocked:
            break
        if run and not toks.spaced(k):
            break
        if _is_honorific_at(toks, k) == k and toks.folds[k] in ("ba", "ong", "ngai"):
            honorific = True
            break
        run.insert(0, k)
        k -= 1
    if not honorific and k >= 0 and _is_honorific_at(toks, k) is not None:
        honorific = True
    for s in range(len(run)):
        if is_surname(toks.word(run[s])) and len(run) - s >= 2:
            return _valid(toks, run[s:], False)
    return _valid(toks, run, True) if honorific else []


def name_text(toks: Tokens, run: list[int]) -> str:
    words = [toks.word(k) for k in run]
    if all(w.isupper() for w in words):
        words = [w.capitalize() for w in words]
    return " ".join(words)


def find_titled_persons(toks: Tokens, blocked: set[int]) -> tuple[list[Mention], list[Mention]]:
    """Persons found next to a title, and the bodies named inside those titles."""
    persons: list[Mention] = []
    orgs: list[Mention] = []
    trie = title_trie()
    roots = trie.starts()
    i, n = 0, len(toks)
    while i < n:
        if toks.folds[i] not in roots or not is_capitalised(toks.word(i)):
            i += 1
            continue
        phrase = title_at(toks, i)
        if phrase is None:
            i += 1
            continue
        orgs.extend(phrase.orgs)
        after = name_after(toks, phrase.last + 1, blocked) if (
            phrase.last + 1 < n and toks.spaced(phrase.last)) else []
        if after:
            persons.append(_person(toks, after, phrase.name, toks.starts[phrase.first]))
        if i > 0 and toks.gap(i - 1).strip() in (",", "-", "–"):
            before = name_before(toks, i, blocked)
            if before:
                persons.append(_person(toks, before, phrase.name, toks.starts[before[0]]))
        i = (after[-1] if after else phrase.last) + 1
    return persons, orgs


def find_addressed_persons(toks: Tokens, blocked: set[int]) -> list[Mention]:
    """Names after a word of address without a title: "đồng chí Nguyễn Văn Nên", "ông Lê Văn Tám".
    Only Vietnamese names (family name first): "Bà Rịa" is a place."""
    out: list[Mention] = []
    trie = honorific_trie()
    roots = trie.starts()
    for i in range(len(toks) - 1):
        if toks.folds[i] not in roots:
            continue
        m = trie.longest_at(toks, i)
        if m is None or m.last + 1 >= len(toks) or not toks.spaced(m.last):
            continue
        run = name_after(toks, m.last + 1, blocked)
        if run and is_surname(toks.word(run[0])):
            out.append(_person(toks, run, None, toks.starts[run[0]]))
    return out


def _person(toks: Tokens, run: list[int], title: str | None, anchor: int) -> Mention:
    name = name_text(toks, run)
    return Mention("person", person_key(name), toks.starts[run[0]], toks.ends[run[-1]], name, title=title,
                   anchor=anchor)


_SIGN_LINE = re.compile(r"^[ \t*_]*(?:Đã ký\s*:?\s*|\(Đã ký\)\s*)?(\w[^\n]{2,60}?)[ \t*_]*$", re.MULTILINE)
_FORMULA = re.compile(r"^[\s*_]*(?:KT|TM|TL|TUQ|Q|T/M)\.|Đã ký", re.MULTILINE)


def find_signers(text: str, issuer: str | None) -> list[Mention]:
    """Names alone on a line right under a signing formula or an upper-case position."""
    out: list[Mention] = []
    for m in _SIGN_LINE.finditer(text):
        cand = m.group(1)
        toks = tokenize(cand)
        if not 2 <= len(toks) <= MAX_NAME or not is_surname(toks.word(0)):
            continue
        if not all(_title_case(toks.word(k)) for k in range(len(toks))):
            continue
        if not _valid(toks, list(range(len(toks))), False):
            continue
        # Signers' names are printed in title case; a line in capitals is a position ("PHÓ CHỦ NHIỆM").
        if cand.replace(" ", "").isupper() or title_trie().longest_at(toks, 0) is not None:
            continue
        if entity_trie().longest_at(toks, 0) is not None:
            continue
        before = [ln.strip(" \t*_") for ln in text[max(0, m.start() - 300):m.start()].split("\n")]
        before = [ln for ln in before if ln][-3:]
        signed = "Đã ký" in m.group(0) or any(_FORMULA.search(ln) or _is_title_line(ln) for ln in before)
        if not signed:
            continue
        position = next((ln for ln in reversed(before) if _is_title_line(ln)), None)
        name = name_text(toks, list(range(len(toks))))
        start = m.start(1)
        out.append(Mention("person", person_key(name), start, start + len(cand), name,
                           title=_signer_title(position, issuer), anchor=start))
    return out


def _title_case(word: str) -> bool:
    return word.isalpha() and word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _is_title_line(line: str) -> bool:
    """A line that is only a position: "THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG", "PHÓ THỦ TƯỚNG"."""
    probe = tokenize(line)
    if not len(probe) or not line.isupper():
        return False
    hit = title_trie().longest_at(probe, 0)
    return hit is not None and hit.last == len(probe) - 1


def _signer_title(position: str | None, issuer: str | None) -> str | None:
    if not position:
        return None
    probe = tokenize(position)
    hit = title_trie().longest_at(probe, 0) if len(probe) else None
    head = hit.payloads[0].name if hit is not None and hit.last == len(probe) - 1 else position.capitalize()
    national = {fold(t) for t in load_data("titles.yaml").get("national", [])}
    if not issuer or fold(head) in national or fold(issuer) in fold(head):
        return head
    if head.endswith("Văn phòng") and issuer.startswith("Văn phòng"):
        return head[: -len("Văn phòng")] + issuer
    return f"{head} {issuer}"


def find_repeats(text: str, known: dict[str, str]) -> list[Mention]:
    """Later mentions of names already found, by the name alone."""
    out: list[Mention] = []
    for key, name in known.items():
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)"
        for m in re.finditer(pattern, text):
            out.append(Mention("person", key, m.start(), m.end(), name))
    return out


@lru_cache(maxsize=1)
def _not_person_before() -> tuple[tuple[str, ...], ...]:
    from danchieu.ingest.entities.tokens import fold_tokens

    return tuple(sorted({fold_tokens(w) for w in load_data("titles.yaml")["not_person_before"]}, key=len, reverse=True))


def _place_word_before(toks: Tokens, k: int) -> bool:
    """A place, street, school or doctrine word right before token ``k`` ("đường Lê Duẩn")."""
    for words in _not_person_before():
        a = k - len(words)
        if a >= 0 and tuple(toks.folds[a:k]) == words and all(toks.spaced(x) for x in range(a, k)):
            return True
    return False


def find_proposed_persons(toks: Tokens, proposals: list[tuple[int, int, str]], blocked: set[int]) -> list[Mention]:
    """Names no title or word of address introduces ("Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long",
    "Ông Hoàng Văn Thuận, Phó Giám đốc Sở — Trưởng đoàn", a byline, a footnote), proposed by
    underthesea (a proper noun, an NER person) and accepted when they have the shape of a
    Vietnamese name where nothing else stands: a family name and 1–3 more title-case syllables, not
    in a heading, not part of a known body or place, not after a place or street word, not inside
    a longer capitalised name."""
    out: list[Mention] = []
    for start, end, _source in proposals:
        first, stop = toks.index_at(start), toks.index_at(end)
        run = [k for k in range(first, stop) if toks.starts[k] < end]
        # the proposal may run on over a glued word ("Trương Hải Long dự"): keep the title-case part
        cut = next((i for i, k in enumerate(run) if not _title_case(toks.word(k))), len(run))
        run = run[:cut]
        if not 2 <= len(run) <= MAX_NAME or any(k in blocked for k in run):
            continue
        if any(not toks.spaced(k) or toks.gap(k).count("\n") > 1 for k in run[:-1]):
            continue
        if not is_surname(toks.word(run[0])) or not _valid(toks, run, False):
            continue
        if _place_word_before(toks, run[0]) or _not_a_person_list(toks, run[0]):
            continue
        if fold(" ".join(toks.word(k) for k in run)) in _place_names():
            continue  # "Hồ Chí Minh" alone in a list of provinces
        # Two syllables are as often a place ("Châu Quế", "Âu Lâu") as a name ("Cao Huy"), and the
        # NER model calls both persons: only in a list of people ("các Thứ trưởng: …", "Bà: …").
        if len(run) == 2 and not _person_list(toks, run[0]):
            continue
        prev, nxt = run[0] - 1, run[-1] + 1
        if prev >= 0 and (toks.word(prev).isdigit() and toks.spaced(prev)):
            continue  # "17 Nguyễn Gia Thiều": an address
        if prev >= 0 and toks.gap(prev).strip() in ("-", "–") and is_capitalised(toks.word(prev)):
            continue  # "Nam Lý - Đồng Hới", "Hà Nội – Lạng Sơn": a pair of places
        if prev >= 0 and toks.spaced(prev) and "\n" not in toks.gap(prev) and is_capitalised(toks.word(prev)) \
                and title_trie().longest_at(toks, prev) is None and _is_honorific_at(toks, prev) is None \
                and not _sentence_start(toks, prev):
            continue  # "Bệnh viện Hữu nghị Việt Đức", "Công ty Cổ phần Hà Đô": a longer proper name
        if nxt < len(toks) and toks.spaced(run[-1]) and "\n" not in toks.gap(run[-1]) \
                and _title_case(toks.word(nxt)) and title_trie().longest_at(toks, nxt) is None:
            continue
        out.append(_person(toks, run, None, toks.starts[run[0]]))
    return out


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    from danchieu.ingest.entities.provinces import all_provinces

    return frozenset(fold(n) for p in all_provinces() for n in (p.short_name, *p.variants))


def _person_list(toks: Tokens, k: int) -> bool:
    """Token ``k`` follows a word of address or a title and a colon, possibly after other names of
    the same list: "Bà: Nguyễn Thị Loan", "các Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long, Cao Huy"."""
    before = toks.text[max(0, toks.starts[k] - 200):toks.starts[k]]
    before = re.split(r"[.;\n]", before)[-1]
    if ":" not in before:
        return False
    head, items = before[:before.rindex(":")], before[before.rindex(":") + 1:]
    if items.strip() and not all(_title_case(w) for w in re.findall(r"\w+", items)):
        return False
    probe = tokenize(head)
    if not len(probe):
        return False
    for i in range(max(0, len(probe) - 4), len(probe)):
        hit = title_trie().longest_at(probe, i) or honorific_trie().longest_at(probe, i)
        if hit is not None and hit.last == len(probe) - 1:
            return True
    return False


def _not_a_person_list(toks: Tokens, k: int) -> bool:
    """Token ``k`` is an item of a list whose head names places or bodies ("các Bệnh viện: Hữu nghị
    Việt Đức, Bạch Mai"), not people ("các Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long")."""
    before = toks.text[max(0, toks.starts[k] - 200):toks.starts[k]]
    before = re.split(r"[.;\n]", before)[-1]
    if ":" not in before:
        return False
    probe = tokenize(before[:before.rindex(":")])
    if not len(probe):
        return False
    keys = [tone_key(probe.word(i)) for i in range(len(probe))]
    return any(len(keys) >= len(h) and tuple(keys[-len(h):]) == h for h in _list_heads())


@lru_cache(maxsize=1)
def _list_heads() -> tuple[tuple[tuple[str, str], ...], ...]:
    """Heads of lists that name no person, with their tone marks ("Trường" a school, not "Thứ trưởng")."""
    words = load_data("titles.yaml")["not_person_before"] + load_data("body_heads.yaml")["heads"]
    return tuple(tuple(tone_key(w) for w in h.split()) for h in words)


def _sentence_start(toks: Tokens, k: int) -> bool:
    """Token ``k`` opens a sentence or a line (its capital says nothing about a name)."""
    if k == 0:
        return True
    gap = toks.gap(k - 1)
    return "\n" in gap or gap.strip()[-1:] in (".", ":", ";", "!", "?", "-", "–", "(", "*")


_BYLINE_CACHE: dict[str, re.Pattern[str]] = {}


def _byline_re() -> re.Pattern[str]:
    if "re" not in _BYLINE_CACHE:
        labels = "|".join(re.escape(w) for w in sorted(load_data("titles.yaml")["bylines"], key=len, reverse=True))
        _BYLINE_CACHE["re"] = re.compile(
            rf"^[ \t*_#>|]*(?:{labels})[ \t*_]*:[ \t*_]*((?:[A-ZÀ-ỸĐ][\w]*\.?[ \t]+){{0,3}}[A-ZÀ-ỸĐ][\w]+)[ \t*_|]*$",
            re.MULTILINE)
    return _BYLINE_CACHE["re"]


def find_bylines(text: str) -> list[Mention]:
    """The author of a news page: "Tác giả: T Kiên", "Bài và ảnh: Hà Văn" on a line of its own."""
    out: list[Mention] = []
    for m in _byline_re().finditer(text):
        name = " ".join(m.group(1).split())
        words = name.split()
        if not all(w[:1].isupper() and (len(w) == 1 or w[1:].islower() or w.endswith(".")) for w in words):
            continue
        if len(words) == 1 and not is_surname(words[0]):
            continue
        out.append(Mention("person", person_key(name), m.start(1), m.end(1), name, anchor=m.start(1)))
    return out
