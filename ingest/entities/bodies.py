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

>>> from danchieu.ingest.entities.tokens import tokenize
>>> [m.name for m in find_unknown_bodies(tokenize("Giao Ủy ban Chứng khoán Nhà nước chủ trì."), set())]
['Ủy ban Chứng khoán Nhà nước']
"""

from __future__ import annotations

import re
from functools import lru_cache

from danchieu.ingest.entities.gazetteer import AgencyHit, LocalHit, agency_key, entity_trie, load_data
from danchieu.ingest.entities.mentions import Mention
from danchieu.ingest.entities.tokens import Tokens, fold_tokens, is_capitalised, tone_key

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
        "of_body": _index(data.get("of_body_heads", [])),
        "organs": _index(data.get("organs", [])),
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
    _ABSORBING.clear()
    return _consolidate(toks, [_without_organ(toks, m) for m in _candidates(toks, blocked)])


def _without_organ(toks: Tokens, m: Mention) -> Mention:
    """"Ban Thường trực Ban Chỉ đạo" names the Ban Chỉ đạo; "Chi bộ Trung tâm X" the Trung tâm X."""
    first = toks.index_at(m.start)
    o = _match(toks, first, _spec()["organs"])
    if o is None or o + 1 >= toks.index_at(m.end) or _match(toks, o + 1, _spec()["heads"]) is None:
        return m
    return _mention(toks, o + 1, toks.index_at(m.end) - 1)


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
        if m is not None and m.title == "pattern":
            m = _extend(toks, m, blocked)
        h = _match(toks, i, spec["of_body"])
        if m is not None and h is not None and h + 1 < len(toks) and h + 1 not in blocked:
            inner = _named_body(toks, h + 1, blocked)  # "Văn phòng Ban Chỉ đạo X" names Ban Chỉ đạo X too
            inner = _extend(toks, inner, blocked) if inner is not None else None
            if inner is not None:
                out.append(inner)
        if m is None:
            i += 1
            continue
        out.append(m)
        i = toks.index_at(m.end)
    return out


def _extend(toks: Tokens, m: Mention, blocked: set[int]) -> Mention | None:
    """Field lists after a comma; then the validity check (``valid_name``) on the whole name."""
    first, last = toks.index_at(m.start), toks.index_at(m.end) - 1
    if last + 1 < len(toks) and toks.gap(last).strip() == ",":
        tail = _field_tail(toks, last + 1, blocked)
        if tail is not None:
            last = tail
    last = _trim(toks, first, last)
    if last is None:
        return None
    out = _mention(toks, first, last)
    return out if valid_name(out.name) else None


def _trim(toks: Tokens, first: int, last: int) -> int | None:
    """Debris at the end of a name: a count ("Vụ Tổ chức biên chế 08/08 nhiệm vụ"), a year or a
    figure ("Thanh tra Bộ Năm 50"), a task after a dash ("Văn phòng Bộ - Phối hợp với …")."""
    spec = _spec()
    for k in range(first + 1, last):
        if toks.gap(k).strip() in ("-", "–"):
            w = tone_key(toks.word(k + 1).lower())
            pair = (w, tone_key(toks.word(k + 2).lower()) if k + 2 < len(toks) else None)
            if w in spec["stops"] or pair in spec["stop_pairs"]:
                last = k
                break
    while last > first + 1:
        w = toks.word(last)
        after = toks.text[toks.ends[last]:toks.ends[last] + 1]
        if w.isdigit() and (after in ("/", "%", ",") or w.startswith("0") or
                            toks.folds[last - 1] in ("nam", "ngay", "thang", "so")):
            last -= 1
            if toks.folds[last] in ("nam", "ngay", "thang", "so"):
                last -= 1
            continue
        break
    return last if last > first else None


def valid_name(name: str, tail: bool = True) -> bool:
    """The validity check every body read from its shape passes: a head word of a body, then a
    proper part; no enumeration debris ("Và xã Hội"), no dotted leaders ("Đơn vị báo cáo……"), no
    trailing verb or filler.

    >>> valid_name("Vụ Kế hoạch, Tài chính"), valid_name("Và xã Hội"), valid_name("Thanh tra Bộ Năm 50")
    (True, False, False)
    """
    spec = _spec()
    words = name.split()
    if len(words) < 2 or re.search(r"[.…]{2,}|[_]{2,}", name):
        return False
    probe = _probe_tokens(name)
    h = _match(probe, 0, spec["heads"]) if len(probe) else None
    if h is None or h + 1 >= len(probe):
        return False
    if not tail:  # an item of a list whose end is already known ("Cục Xuất bản, In và Phát hành")
        return True
    last = probe.word(len(probe) - 1)
    if last.islower() and (tone_key(last) in spec["stops"] or tone_key(last) in spec["after_single"]):
        return False
    if len(probe) > 2 and (tone_key(probe.word(len(probe) - 2).lower()), tone_key(last)) in spec["stop_pairs"]:
        return False  # "… chủ trì": a verb ends it
    if any(w.isdigit() for w in words[-1:]) and probe.folds[-2] in ("nam", "ngay", "thang", "so"):
        return False
    return True


def _probe_tokens(name: str) -> Tokens:
    from danchieu.ingest.entities.tokens import tokenize

    return tokenize(name)


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
    if k in blocked and _match(toks, i, spec["of_body"]) == h and _title_word(toks.word(k)):
        while k + 1 < len(toks) and k + 1 in blocked and _plain_gap(toks, k):
            k += 1  # "Cổng thông tin điện tử Bộ Nội vụ": the head and the known body it serves
        return _mention(toks, i, k)
    if k in blocked or not _title_word(toks.word(k)) or len(toks.word(k)) < 2:
        return None  # "Công ty X", "Bệnh viện A": placeholders of a form
    last = k
    while k + 1 < len(toks) and (k + 1 not in blocked or _inner_collective(toks, h, k)) and k - h < MAX_NAME:
        gap = toks.gap(k).strip()
        nxt = k + 1
        w = toks.word(nxt)
        if gap == "," and (toks.folds[k], toks.folds[nxt]) in spec["pairs"]:
            pass  # "Phòng, chống"
        elif gap in ("-", "–") and toks.gap(nxt).strip() != ":" and (_title_word(w) or (
                w.islower() and tone_key(w) not in spec["stops"] and not _stop_pair(toks, nxt))):
            pass  # "Ban Kinh tế - Ngân sách", "Ban Thi đua - khen thưởng" (not "Ban Chỉ đạo - Ảnh: VGP")
        elif not _plain_gap(toks, k):
            break
        if (_title_word(w) or w.isdigit()) and "\n" in toks.gap(k) and not _title_word(toks.word(k)):
            break  # a new line starting with a capital (a table cell, a heading) is not the name
        if _title_word(w) or w.isdigit():
            if toks.folds[k] == "va" and (_match(toks, nxt, spec["heads"]) is not None
                                          or _match(toks, nxt, spec["organs"]) is not None):
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


def _inner_collective(toks: Tokens, h: int, k: int) -> bool:
    """A known body that is not itself headed by a body word, inside a longer proper name:
    "Ủy ban Liên Chính phủ Việt Nam – Trung Quốc" (not "… Việt Nam Bộ Xây dựng")."""
    nxt = k + 1
    if not _plain_gap(toks, k) or "\n" in toks.gap(k) or k <= h:
        return False
    if k in _ABSORBING:
        return True
    ok = (_title_word(toks.word(k)) and _title_word(toks.word(nxt))
          and _match(toks, nxt, _spec()["heads"]) is None and (k not in _ABSORBING))
    if ok:
        _ABSORBING.add(nxt)
    return ok


_ABSORBING: set[int] = set()  # tokens of a known body being read into a longer name (one scan)


_FIRM = re.compile(r"\s*(?:[.;|)(]|\n|$)")


def _field_tail(toks: Tokens, k: int, blocked: set[int]) -> int | None:
    """The rest of a name that lists fields like a ministry's ("Vụ Kế hoạch, Tài chính", "Viện Văn
    hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam", "Trung tâm Chuyển đổi số Văn hóa, Thể thao và Du
    lịch"): after a comma, capitalised parts up to "và <Part>", or one part that ends the name at
    punctuation. Its last token, or None."""
    spec = _spec()
    parts, saw_and, last = 0, False, None
    while k < len(toks) and parts < 6:
        if k in blocked or not _title_word(toks.word(k)) or _match(toks, k, spec["heads"]) is not None:
            return None
        from danchieu.ingest.entities.titles import title_trie

        if title_trie().longest_at(toks, k) is not None:
            return None
        j = k
        while j + 1 < len(toks) and _plain_gap(toks, j) and j + 1 not in blocked and toks.folds[j + 1] != "va" and (
                _title_word(toks.word(j + 1)) or (toks.word(j + 1).islower() and len(toks.word(j + 1)) > 1
                                                  and tone_key(toks.word(j + 1)) not in spec["stops"])):
            j += 1
        parts, last = parts + 1, j
        if j + 1 >= len(toks):
            break
        gap = toks.gap(j).strip()
        if gap == "," and not saw_and:
            k = j + 1
            continue
        if gap == "" and toks.folds[j + 1] == "va" and not saw_and and j + 2 < len(toks):
            saw_and, k = True, j + 2
            continue
        break
    if last is None:
        return None
    if saw_and or (parts == 1 and _FIRM.match(toks.text, toks.ends[last])):
        return last
    return None


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
