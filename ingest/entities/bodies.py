"""Named bodies the gazetteer does not hold, read from how Vietnamese writes official names.

* a head noun of an organisation ("Cục", "Ủy ban", "Trung tâm", … in ``body_heads.yaml``)
  followed by a capitalised proper part: "Ủy ban Chứng khoán Nhà nước", "Cục Hàng hải Việt Nam",
  "Trung tâm Dự báo khí tượng thủy văn quốc gia" — the name runs on over lower-case syllables
  until a word that opens the rest of the sentence ("chủ trì", "của", "khẩn trương") or
  punctuation;
* a local-government head before a unit below the province and its name: "Ủy ban nhân dân
  thành phố Vinh", "Ủy ban nhân dân huyện Quảng Xương" (``lower_units`` in provincial_bodies.yaml).

Precision guards: the head and the first proper syllable are capitalised and not in an upper-case
heading; a plural word before the head ("các Cục") or a generic kind ("Ban Chỉ đạo các cấp")
names no body; tokens already read as a known body or a person are never reused.

>>> from ingest.entities.tokens import tokenize
>>> [m.name for m in find_unknown_bodies(tokenize("Giao Ủy ban Chứng khoán Nhà nước chủ trì."), set())]
['Ủy ban Chứng khoán Nhà nước']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.entities.gazetteer import AgencyHit, LocalHit, agency_key, entity_trie, load_data
from ingest.entities.mentions import Mention
from ingest.entities.tokens import Tokens, fold_tokens, is_capitalised, tone_key

MAX_NAME = 14  # syllables after the head
MAX_PLACE = 4  # syllables of a district, town or commune name


@lru_cache(maxsize=1)
def _spec() -> dict:
    data = load_data("body_heads.yaml")
    local = load_data("provincial_bodies.yaml")
    lgov = [h for t in local["templates"] if t["with_unit"] for h in [t["head"], *t.get("abbreviations", [])]]
    return {
        "heads": _index(data["heads"]),
        "generic": _index(data["generic"]),
        "after": _index(data["generic_after"]),
        "after_single": {tone_key(w) for w in data["generic_after"] if " " not in w},
        "before": {tone_key(w) for w in data["generic_before"]},
        "stops": {tone_key(w) for w in data["stops"] if " " not in w},
        "stop_pairs": {tuple(tone_key(x) for x in w.split()) for w in data["stops"] if " " in w},
        "keep": {tuple(tone_key(x) for x in w.split()) for w in data.get("not_stops", [])},
        "pairs": {tuple(fold_tokens(p)) for p in data.get("comma_pairs", [])},
        "local_heads": _index(lgov, tones=False),
        "units": _index(local["lower_units"], tones=False),
        # first syllables of every head, folded: a cheap filter before the look-ups
        "firsts": frozenset(fold_tokens(h)[0] for h in data["heads"] + lgov),
    }


def _tones(phrase: str) -> tuple[tuple[str, str], ...]:
    """Head words compare with their tone marks: "Trường" (a school) is not "Trưởng" (a chief)."""
    return tuple(tone_key(w) for w in phrase.split())


def _title_word(w: str) -> bool:
    """"Chứng" yes; "CHỨNG" (a heading) and "chứng" no."""
    return w[:1].isupper() and w[1:] == w[1:].lower() and w.isalpha()


def _index(phrases: list[str], tones: bool = True) -> dict[str, list[tuple[tuple[str, ...], tuple | None]]]:
    """Phrases by their first folded syllable, longest first: (folded syllables, tone keys or None)."""
    out: dict[str, list[tuple[tuple[str, ...], tuple | None]]] = {}
    for ph in sorted(set(phrases), key=lambda x: -len(fold_tokens(x))):
        folded = fold_tokens(ph)
        if folded:
            out.setdefault(folded[0], []).append((folded, _tones(ph) if tones else None))
    return out


def _match(toks: Tokens, i: int, index: dict) -> int | None:
    """Last token of the longest phrase of ``index`` starting at ``i``, joined by spaces; a phrase
    with tone keys must match them too ("Trường" is not "Trưởng")."""
    for folded, tones in index.get(toks.folds[i], ()):
        j = i + len(folded) - 1
        if j >= len(toks) or tuple(toks.folds[i:j + 1]) != folded:
            continue
        if tones is not None and tuple(tone_key(toks.word(k)) for k in range(i, j + 1)) != tones:
            continue
        if all(_plain_gap(toks, k) for k in range(i, j)):
            return j
    return None


def _plain_gap(toks: Tokens, k: int) -> bool:
    """Syllables ``k`` and ``k + 1`` separated by spaces only; one line break is a wrap of the
    extracted PDF text, an empty line ends the name."""
    gap = toks.gap(k)
    return gap != "" and gap.isspace() and gap.count("\n") <= 1


def find_unknown_bodies(toks: Tokens, blocked: set[int]) -> list[Mention]:
    """Bodies named in ``toks`` outside the ``blocked`` token indices (known bodies, persons).

    A name read on past its end in one place ("Tổng cục Giáo dục nghề nghiệp thành lập …") is cut
    back to the same name the document writes elsewhere ending at punctuation."""
    return _consolidate(toks, _candidates(toks, blocked))


def _firm(toks: Tokens, m: Mention) -> bool:
    """The name ends at punctuation or at the end of a line: nothing was cut off or run on."""
    rest = toks.text[m.end:m.end + 2]
    return rest == "" or rest[:1] in ";,.:)”\"" or rest[:1] == "\n"


def _consolidate(toks: Tokens, found: list[Mention]) -> list[Mention]:
    names = {tuple(m.name.split()) for m in found if _firm(toks, m)}
    out = []
    for m in found:
        words = tuple(m.name.split())
        if _firm(toks, m):
            out.append(m)
            continue
        shorter = [n for n in names if len(n) < len(words) and words[:len(n)] == n]
        if shorter:
            n = max(shorter, key=len)
            cut = " ".join(n)
            end = _end_of_prefix(toks, m.start, len(n))
            m = Mention("agency", agency_key(cut), m.start, end, cut, title="pattern")
        out.append(m)
    return out


def _end_of_prefix(toks: Tokens, start: int, words: int) -> int:
    """End offset of the first ``words`` whitespace-separated words from ``start``."""
    m = re.match(rf"\S+(?:\s+\S+){{{words - 1}}}", toks.text[start:])
    return start + m.end() if m else start


def _candidates(toks: Tokens, blocked: set[int]) -> list[Mention]:
    spec = _spec()
    firsts = spec["firsts"]
    out: list[Mention] = []
    i, n = 0, len(toks)
    while i < n:
        if toks.folds[i] not in firsts or i in blocked or not _title_word(toks.word(i)):
            i += 1
            continue
        if i > 0 and tone_key(toks.word(i - 1)) in spec["before"] and _plain_gap(toks, i - 1):
            i += 1
            continue
        if i > 0 and not _opens(toks.gap(i - 1)):  # "203.N/LĐVL-Sở": part of a code
            i += 1
            continue
        if _known_at(toks, i):  # the gazetteer's own reading decides ("Sở Y tế các tỉnh")
            i += 1
            continue
        m = _lower_level(toks, i, blocked) or _named_body(toks, i, blocked)
        if m is None:
            i += 1
            continue
        out.append(m)
        i = toks.index_at(m.end)
    return out


def _lower_level(toks: Tokens, i: int, blocked: set[int]) -> Mention | None:
    spec = _spec()
    h = _match(toks, i, spec["local_heads"])
    if h is None or h + 1 >= len(toks) or not _plain_gap(toks, h):
        return None
    u = _match(toks, h + 1, spec["units"])
    if u is None or is_capitalised(toks.word(h + 1)) or u + 1 >= len(toks) or not _plain_gap(toks, u):
        return None
    k, run = u + 1, list[int]()
    # "huyện Quảng Xương", "phường 5"
    while k < len(toks) and len(run) < MAX_PLACE and k not in blocked and (
            _title_word(toks.word(k)) or toks.word(k).isdigit()):
        run.append(k)
        if k + 1 >= len(toks) or not _plain_gap(toks, k):
            break
        k += 1
    if not run:
        return None
    return _mention(toks, i, run[-1])


def _named_body(toks: Tokens, i: int, blocked: set[int]) -> Mention | None:
    spec = _spec()
    h = _match(toks, i, spec["heads"])
    if h is None or h + 1 >= len(toks) or not _plain_gap(toks, h):
        return None
    k = h + 1
    if k in blocked or not _title_word(toks.word(k)) or len(toks.word(k)) < 2:
        return None  # "Công ty X", "Bệnh viện A": placeholders of a form
    last = k
    while k + 1 < len(toks) and k + 1 not in blocked and k - h < MAX_NAME:
        gap = toks.gap(k).strip()
        nxt = k + 1
        w = toks.word(nxt)
        if gap == "," and (toks.folds[k], toks.folds[nxt]) in spec["pairs"]:
            pass  # "Phòng, chống"
        elif gap in ("-", "–") and _title_word(w):
            pass  # "Ban Kinh tế - Ngân sách"
        elif not _plain_gap(toks, k):
            break
        if (_title_word(w) or w.isdigit()) and "\n" in toks.gap(k) and not _title_word(toks.word(k)):
            break  # a new line starting with a capital (a table cell, a heading) is not the name
        if _title_word(w) or w.isdigit():
            if toks.folds[k] == "va" and _match(toks, nxt, spec["heads"]) is not None:
                last = k - 1  # "Tổng cục X và Ủy ban Y": two bodies
                break
        elif w.islower():
            if len(w) == 1:  # "a)" opens a list item
                break
            if (tone_key(toks.word(k)), tone_key(w)) in spec["keep"]:
                pass
            elif tone_key(w) in spec["stops"] or _stop_pair(toks, nxt):
                break
            if toks.folds[nxt] == "va" and not (nxt + 1 < len(toks) and _plain_gap(toks, nxt) and (
                    _title_word(toks.word(nxt + 1)) or (toks.word(nxt + 1).islower()
                                                        and tone_key(toks.word(nxt + 1)) not in spec["stops"]
                                                        and not _stop_pair(toks, nxt + 1)))):
                break  # "Cục Kế hoạch và tài chính" goes on; "Cục Thuế và các đơn vị" does not
        else:
            break
        k = nxt
        if toks.folds[k] != "va":
            last = k
    if last + 1 < len(toks) and _match(toks, last + 1, spec["after"]) is not None and (
            not toks.word(last + 1)[:1].isupper()):
        return None  # "Ban Chỉ huy Phòng thủ dân sự các cấp", "Cục Hải quan tỉnh, thành phố"
    if tone_key(toks.word(last)) in spec["after_single"] and toks.word(last).islower():
        return None
    g = _match(toks, i, spec["generic"])
    if g is not None and not any(_title_word(toks.word(k)) or toks.word(k).isdigit() for k in range(g + 1, last + 1)):
        return None  # "Ban Chỉ đạo", "Ban Chỉ đạo phòng, chống dịch … các cấp": a kind of body
    return _mention(toks, i, last)


def _opens(gap: str) -> bool:
    """A gap after which a name may start: white space, or punctuation then white space or an
    opening quote or bracket."""
    return bool(gap) and (gap[-1].isspace() or gap[-1] in "(“\"'‘[")


def _known_at(toks: Tokens, i: int) -> bool:
    """A gazetteer name (or a local name without a unit word) starts at ``i``."""
    m = entity_trie().longest_at(toks, i, lambda a, b, p: isinstance(p, AgencyHit) or (
        isinstance(p, LocalHit) and not p.with_unit))
    return m is not None


def _stop_pair(toks: Tokens, k: int) -> bool:
    return k + 1 < len(toks) and (tone_key(toks.word(k)), tone_key(toks.word(k + 1))) in _spec()["stop_pairs"]


def _mention(toks: Tokens, first: int, last: int) -> Mention:
    name = toks.text[toks.starts[first]:toks.ends[last]]
    name = " ".join(name.split())
    return Mention("agency", agency_key(name), toks.starts[first], toks.ends[last], name, title="pattern")
