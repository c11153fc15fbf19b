"""The extraction as a spaCy pipeline: the one path every document takes.

    from danchieu.ingest.nlp import load
    nlp = load()
    doc = nlp(text)          # a spaCy Doc; doc.text == text

Stages (``nlp.pipe_names``), each a registered factory so that a pipeline can be rebuilt, changed
or extended by name:

* tokenizer ``danchieu.segmenter.v1`` — underthesea word segmentation: the syllables of one word
  are one token ("Phạm Minh Chính", "Thủ tướng"); offsets are kept, white space other than a single
  space is its own token, so ``doc.char_span`` slices back to the text;
* ``danchieu_layout`` — the document's identity, sections and signers (``danchieu.ingest.layout``) on
  ``doc._.identity``, ``doc._.sections``, ``doc._.signers``;
* ``danchieu_citations`` — cited documents (``danchieu.ingest.citations``) on ``doc.spans["citations"]``
  (``kb_id_`` the document key) and ``doc._.citations``; ``known=`` per call through
  ``component_cfg`` resolves year-less numbers against a batch;
* ``danchieu_pos`` — underthesea POS tags (``token.tag_``, ``Np`` for proper nouns) on the words
  around name-like tokens (the tagger is as slow as the segmenter: tagging every word would halve
  the throughput for words the rules never look at);
* ``danchieu_ner`` — underthesea NER on those windows: proposals on ``doc.spans["ner_candidates"]``
  (labels PER, ORG, LOC as underthesea gives them);
* ``danchieu_entities`` — the gazetteer and the rules of ``danchieu.ingest.entities``, which accept or reject
  the proposals: ``doc.ents`` with labels PERSON, AGENCY, PROVINCE (``kb_id_`` the entity key),
  every mention on ``doc.spans["entities"]``, the grouped entities on ``doc._.persons``,
  ``doc._.agencies``, ``doc._.provinces``, ``doc._.assignments``.

Values on ``doc._`` are plain JSON-ready dicts and lists (the shape of ``danchieu extract``'s JSON),
so Docs travel through ``nlp.pipe(texts, n_process=…)`` and ``DocBin(store_user_data=True)``.
A component of your own writes to ``doc._.extra`` (a dict); ``danchieu extract`` writes it under
``"extra"``. Components named in ``DANCHIEU_NLP_COMPONENTS`` (``module:factory``, comma-separated)
are added to every pipeline this module builds, in the CLI, the API and the ingest workers alike.

>>> nlp = load()
>>> nlp.pipe_names
['danchieu_layout', 'danchieu_citations', 'danchieu_pos', 'danchieu_ner', 'danchieu_entities']
>>> doc = nlp("Bộ trưởng Bộ Y tế Nguyễn Thanh Long làm việc tại tỉnh Bắc Ninh.")
>>> [(e.text, e.label_) for e in doc.ents]
[('Bộ Y tế', 'AGENCY'), ('Nguyễn Thanh Long', 'PERSON'), ('Bắc Ninh', 'PROVINCE')]
"""

from __future__ import annotations

import hashlib
import importlib
import re
import typing
from dataclasses import asdict, fields, is_dataclass
from functools import lru_cache
from typing import Any

from danchieu.ingest import citations, layout, limits
from danchieu.ingest.entities.titles import recase_title
from danchieu.ingest.models import (
    Agency,
    Assignment,
    Citation,
    DocumentInfo,
    ExtractedDocument,
    NamedReference,
    Person,
    Province,
    Section,
    Signer,
)
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

__all__ = ["COLORS", "LABELS", "load", "pipeline", "render", "to_extracted"]

LABELS = {"person": "PERSON", "agency": "AGENCY", "province": "PROVINCE"}
COLORS = {"PERSON": "#f6c28b", "AGENCY": "#9cc9f5", "PROVINCE": "#a8e6a1"}
STAGES = ("danchieu_layout", "danchieu_citations", "danchieu_pos", "danchieu_ner", "danchieu_entities")
EXTENSIONS = ("identity", "sections", "signers", "copies", "citations", "named_references", "reports_on",
              "persons", "agencies", "provinces", "assignments", "extra")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# ---------------------------------------------------------------- tokenizer: underthesea segmentation

_SYLLABLES = re.compile(r"\w+|[^\w\s]")
_PIECES = re.compile(r"\s+|\S+")


class SegmentingTokenizer:
    """Tokens are underthesea's words (``segment=True``) or syllables and punctuation
    (``segment=False``, the ablation baseline); the Doc's text is exactly the input."""

    def __init__(self, vocab: Vocab, segment: bool = True) -> None:
        self.vocab = vocab
        self.segment = segment

    def __call__(self, text: str) -> Doc:
        if self.segment and text.strip():
            from underthesea import word_tokenize

            words = word_tokenize(text, use_token_normalize=False)
        else:
            words = _SYLLABLES.findall(text)
        tokens, spaces = align(text, words)
        doc = Doc(self.vocab, words=tokens, spaces=spaces)
        doc._.extra = {}
        return doc

    def to_bytes(self, **_: object) -> bytes:
        return b"1" if self.segment else b"0"

    def from_bytes(self, data: bytes, **_: object) -> SegmentingTokenizer:
        self.segment = data != b"0"
        return self

    def to_disk(self, path: Any, **_: object) -> None:
        from pathlib import Path

        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: Any, **_: object) -> SegmentingTokenizer:
        from pathlib import Path

        return self.from_bytes(Path(path).read_bytes())


def align(text: str, words: list[str]) -> tuple[list[str], list[bool]]:
    """spaCy words and spaces for ``text`` from a segmenter's words: each word is found at its place
    (its syllables may be separated by any white space, a line break inside a name included);
    white space other than one space after a word, and anything the segmenter dropped or changed,
    become tokens of their own, so that nothing of the text is lost.

    >>> align("Bộ Y tế\\n  họp", ["Bộ", "Y tế", "họp"])
    (['Bộ', 'Y tế', '\\n  ', 'họp'], [True, False, False, False])
    """
    out: list[str] = []
    spaces: list[bool] = []
    pos, n = 0, len(text)
    for word in words:
        sylls = word.split()
        if not sylls:
            continue
        start = text.find(sylls[0], pos, pos + 200 + len(word))
        end = _match_word(text, start, sylls) if start >= 0 else -1
        if end < 0:
            continue  # left for the gap before the next word
        _gap(text[pos:start], out, spaces)
        out.append(text[start:end])
        spaces.append(False)
        pos = end
    _gap(text[pos:n], out, spaces)
    return out, spaces


def _match_word(text: str, start: int, sylls: list[str]) -> int:
    k = start
    for i, s in enumerate(sylls):
        if i:
            j = k
            while j < len(text) and text[j].isspace():
                j += 1
            if j == k:
                return -1
            k = j
        if not text.startswith(s, k):
            return -1
        k += len(s)
    return k


def _gap(gap: str, out: list[str], spaces: list[bool]) -> None:
    for piece in _PIECES.findall(gap):
        if piece[0] == " " and out and not spaces[-1] and not out[-1].isspace():
            spaces[-1] = True
            piece = piece[1:]
            if not piece:
                continue
        out.append(piece)
        spaces.append(False)


@registry.tokenizers("danchieu.segmenter.v1")
def create_segmenter(segment: bool = True) -> Any:
    def make(nlp: Language) -> SegmentingTokenizer:
        return SegmentingTokenizer(nlp.vocab, segment=segment)

    return make


# ---------------------------------------------------------------- the text, read once

_TEXT_KEY = "danchieu.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy's property joins every token on each call, and the
    stages read the text six times (on a flood of short tokens that was a second of a 256 KB text).
    Kept in ``doc.user_data``, which :func:`cut_tokens` carries over: a cut never changes the text."""
    text = doc.user_data.get(_TEXT_KEY)
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if not isinstance(text, str) or len(text) != length:  # another Doc's user data copied in
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


# ---------------------------------------------------------------- spans at exact character offsets

def exact_span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    """The span of ``doc`` at these character offsets (the tokens must already be cut there; see
    :func:`cut_tokens`)."""
    return doc.char_span(start, end, label=label, kb_id=kb_id)


def cut_tokens(doc: Doc, offsets: typing.Iterable[int]) -> Doc:
    """The Doc with its tokens cut at ``offsets`` (a name the segmenter glued to the next word:
    "Long dự"): a new Doc with the same text, tags, extensions, span groups and ``doc.ents`` (on the
    same characters), or ``doc`` itself when no token needs cutting. A component returns it."""
    from bisect import bisect_right

    text = doc_text(doc)
    idx = [t.idx for t in doc]
    starts = set(idx) | {len(text)}
    cuts: dict[int, set[int]] = {}
    for off in offsets:
        if off in starts or off <= 0 or off >= len(text):
            continue
        i = max(0, bisect_right(idx, off) - 1)
        tok = doc[i]
        if tok.idx < off < tok.idx + len(tok.text):
            cuts.setdefault(i, set()).add(off)
    if not cuts:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    for t in doc:
        if t.i not in cuts:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
            tags.append(t.tag_)
            continue
        bounds = [t.idx, *sorted(cuts[t.i]), t.idx + len(t.text)]
        pieces = [p for a, b in zip(bounds, bounds[1:], strict=False)
                  for p in re.findall(r"\s+|\S(?:.*\S)?", text[a:b], re.DOTALL) if p]
        words += pieces
        spaces += [False] * (len(pieces) - 1) + [bool(t.whitespace_)]
        tags += [t.tag_ if not p.isspace() else "" for p in pieces]
    out = Doc(doc.vocab, words=words, spaces=spaces)
    for t, tag in zip(out, tags, strict=True):
        if tag:
            t.tag_ = tag
    out.user_data.update(doc.user_data)
    for key, group in doc.spans.items():
        out.spans[key] = [s for s in (out.char_span(g.start_char, g.end_char, label=g.label_, kb_id=g.kb_id_)
                                      for g in group) if s is not None]
    out.ents = [s for s in (out.char_span(e.start_char, e.end_char, label=e.label_, kb_id=e.kb_id_)
                            for e in doc.ents) if s is not None]
    return out


# ---------------------------------------------------------------- layout and citations

def parsed_layout(doc: Doc) -> layout.ParsedLayout:
    """The layout the ``danchieu_layout`` stage read, as ``danchieu.ingest.layout`` returns it."""
    if doc._.identity is None:
        return layout.ParsedLayout(DocumentInfo())
    return layout.ParsedLayout(
        document=build(DocumentInfo, doc._.identity),
        sections=[build(Section, s) for s in doc._.sections or []],
        signers=[build(Signer, s) for s in doc._.signers or []],
        copies=list(doc._.copies or []))


@Language.component("danchieu_layout")
def layout_component(doc: Doc) -> Doc:
    parsed = layout.parse(doc_text(doc))
    doc._.identity = asdict(parsed.document)
    doc._.sections = [asdict(s) for s in parsed.sections]
    doc._.signers = [asdict(s) for s in parsed.signers]
    doc._.copies = list(parsed.copies)
    return doc


class CitationFinder:
    """``nlp(text, component_cfg={"danchieu_citations": {"known": registry}})`` resolves year-less
    numbers against ``registry`` (default: the shipped table of known documents)."""

    def __call__(self, doc: Doc, known: Any = None) -> Doc:
        found = citations.find_citations(doc_text(doc), parsed_layout(doc), known=known)
        doc._.citations = [asdict(c) for c in found.citations]
        doc._.named_references = [asdict(r) for r in found.named_references]
        doc._.reports_on = list(found.reports_on)
        marks = [(m.start, m.end, c.key) for c in found.citations for m in c.mentions]
        doc = cut_tokens(doc, [o for a, b, _ in marks for o in (a, b)])
        spans = [exact_span(doc, a, b, "CITATION", key) for a, b, key in marks]
        doc.spans["citations"] = [s for s in spans if s is not None]
        return doc


@Language.factory("danchieu_citations")
def make_citations(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder()


# ---------------------------------------------------------------- underthesea POS and NER proposals

def _title_syllable(s: str) -> bool:
    return s[:1].isupper() and s.isalpha() and (len(s) == 1 or s[1:].islower())


@lru_cache(maxsize=65536)  # called for every token, three times; words repeat (a flood repeats one)
def name_like(text: str) -> bool:
    """A token that may be (part of) a Vietnamese name: title-case syllables, a family name first.

    >>> name_like("Trương Hải Long"), name_like("Thủ tướng"), name_like("HÀ NỘI")
    (True, False, False)
    """
    from danchieu.ingest.entities.titles import is_surname

    sylls = text.split()
    return bool(sylls) and all(_title_syllable(s) for s in sylls) and is_surname(sylls[0])


def _windows(doc: Doc, centres: list[int], width: int) -> list[tuple[int, int]]:
    """Merged token ranges ``width`` words either side of each centre (white space not counted)."""
    words = [t.i for t in doc if not t.is_space]
    where = {i: k for k, i in enumerate(words)}
    out: list[tuple[int, int]] = []
    for c in centres:
        k = where[c]
        a, b = max(0, k - width), min(len(words), k + width + 1)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return [(words[a], words[b - 1] + 1) for a, b in out]


def _words(doc: Doc, a: int, b: int) -> list[Any]:
    return [t for t in doc[a:b] if not t.is_space]


@lru_cache(maxsize=1)
def _pos_model() -> Any:
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance()


def _tag(toks: list[Any]) -> None:
    words = [" ".join(t.text.split()) for t in toks]
    for t, (_, tag) in zip(toks, _pos_model().predict(words), strict=False):
        t.tag_ = tag


class PosTagger:
    """underthesea's POS model on the words around each name-like token (``width`` either side:
    the model's features look two words away)."""

    def __init__(self, width: int = 2) -> None:
        self.width = width

    def __call__(self, doc: Doc) -> Doc:
        centres = [t.i for t in doc if not t.is_space and name_like(t.text)]
        for a, b in _windows(doc, centres, self.width):
            _tag(_words(doc, a, b))
        return doc


@Language.factory("danchieu_pos", default_config={"width": 2})
def make_pos(nlp: Language, name: str, width: int) -> PosTagger:
    return PosTagger(width)


@lru_cache(maxsize=1)
def _ner_models() -> tuple[Any, Any]:
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor

    return CRFChunkingPredictor.Instance(), CRFNERPredictor.Instance()


class NerProposer:
    """underthesea NER (chunking, then the NER model) on the words around each name-like proper noun;
    its PER/ORG/LOC spans are proposals, on ``doc.spans["ner_candidates"]``, that the entity stage
    accepts or rejects (on official text its labels are often wrong: names come out as LOC)."""

    def __init__(self, width: int = 3) -> None:
        self.width = width

    def __call__(self, doc: Doc) -> Doc:
        chunker, ner = _ner_models()
        centres = [t.i for t in doc if not t.is_space and name_like(t.text) and t.tag_ in ("Np", "")]
        found: list[tuple[int, int, str]] = []
        for a, b in _windows(doc, centres, self.width):
            toks = _words(doc, a, b)
            if any(not t.tag_ for t in toks):
                _tag(toks)
            words = [" ".join(t.text.split()) for t in toks]
            chunks = chunker.predict(list(zip(words, [t.tag_ for t in toks], strict=False)))
            labels = [row[3] for row in ner.predict(chunks)]
            found += _bio_spans(toks, labels)
        cut = [(a, b, lab) for a, b, lab in found]
        spans = [doc.char_span(a, b, label=lab) for a, b, lab in cut]
        doc.spans["ner_candidates"] = [s for s in spans if s is not None]
        return doc


def _bio_spans(toks: list[Any], labels: list[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    cur: list[Any] = []
    kind = ""
    for t, lab in [*zip(toks, labels, strict=False), (None, "O")]:
        if t is not None and lab.startswith("I-") and cur and lab[2:] == kind and t.text.isalpha():
            cur.append(t)
            continue
        if cur:
            out.append((cur[0].idx, cur[-1].idx + len(cur[-1].text), kind))
        cur, kind = ([t], lab[2:]) if t is not None and lab[:2] in ("B-", "I-") else ([], "")
    return out


@Language.factory("danchieu_ner", default_config={"width": 3})
def make_ner(nlp: Language, name: str, width: int) -> NerProposer:
    return NerProposer(width)


# ---------------------------------------------------------------- entities

class EntityStage:
    """Gazetteer and rules (``danchieu.ingest.entities``) over the text; underthesea's proper nouns and NER
    persons are offered as candidates for names no title or word of address introduces."""

    def __init__(self, gazetteer: bool = True, sources: tuple[str, ...] = ("pos", "ner")) -> None:
        self.gazetteer = gazetteer
        self.sources = tuple(sources)

    def __call__(self, doc: Doc) -> Doc:
        from danchieu.ingest.entities import find_entities

        proposals = [p for p in _person_proposals(doc) if p[2] in self.sources]
        res = find_entities(doc_text(doc), parsed_layout(doc), candidates=proposals, gazetteer=self.gazetteer)
        doc._.persons = [asdict(p) for p in res.persons]
        doc._.agencies = [asdict(a) for a in res.agencies]
        doc._.provinces = [asdict(p) for p in res.provinces]
        doc._.assignments = [asdict(a) for a in res.assignments]
        marks = [(ev.start, ev.end, LABELS[kind], item.key)
                 for kind, items in (("person", res.persons), ("agency", res.agencies), ("province", res.provinces))
                 for item in items for ev in item.mentions]
        doc = cut_tokens(doc, [o for a, b, _, _ in marks for o in (a, b)])
        spans = [s for s in (exact_span(doc, a, b, lab, key) for a, b, lab, key in marks) if s is not None]
        doc.spans["entities"] = spans
        doc.ents = filter_spans(spans)
        return doc


def _person_proposals(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, source) of names underthesea proposes: a run of name-like words it tags ``Np``
    (source "pos"), a PER span of its NER (source "ner")."""
    out: list[tuple[int, int, str]] = []
    run: list[Any] = []
    for t in [*doc, None]:
        if t is not None and t.tag_ == "Np" and (name_like(t.text) or (run and _title_syllable(t.text))) and (
                not run or run[-1].i == t.i - 1 or (doc[run[-1].i + 1].is_space and run[-1].i == t.i - 2
                                                    and "\n" not in doc[run[-1].i + 1].text)):
            run.append(t)
            continue
        if run:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text), "pos"))
        run = [t] if t is not None and t.tag_ == "Np" and name_like(t.text) else []
    for s in doc.spans.get("ner_candidates", []):
        if s.label_ == "PER":
            out.append((s.start_char, s.end_char, "ner"))
    return out


@Language.factory("danchieu_entities", default_config={"gazetteer": True, "sources": ["pos", "ner"]})
def make_entities(nlp: Language, name: str, gazetteer: bool, sources: list[str]) -> EntityStage:
    """``sources``: which underthesea proposals are offered ("pos": proper nouns, "ner": NER persons)."""
    return EntityStage(gazetteer, tuple(sources))


# ---------------------------------------------------------------- building the pipeline

def load(segment: bool = True, pos: bool = True, ner: bool = True, gazetteer: bool = True,
         extra: bool = True) -> Language:
    """A new pipeline. The switches exist for the ablation in ``bench/extract.py``; production runs
    everything. ``extra`` adds the components named in ``DANCHIEU_NLP_COMPONENTS``."""
    nlp = Language(Vocab(), meta={"name": "danchieu", "lang": "vi"},
                   create_tokenizer=create_segmenter(segment))
    # spaCy's 1 M-character guard is for its own parser and NER models, which we do not run; our
    # components are linear, and the document limit is ingest.limits (a law runs to ~1 M characters)
    nlp.max_length = limits.MAX_CHARACTERS
    nlp.add_pipe("danchieu_layout")
    nlp.add_pipe("danchieu_citations")
    if pos:
        nlp.add_pipe("danchieu_pos")
    if ner:
        nlp.add_pipe("danchieu_ner")
    sources = [name for name, on in (("pos", pos), ("ner", ner)) if on]
    nlp.add_pipe("danchieu_entities", config={"gazetteer": gazetteer, "sources": sources})
    if extra:
        for spec in _configured_components():
            module, _, factory = spec.partition(":")
            importlib.import_module(module)
            nlp.add_pipe(factory or module)
    return nlp


def _configured_components() -> list[str]:
    import os

    from danchieu.config import Settings

    raw = os.environ.get("DANCHIEU_NLP_COMPONENTS")
    if raw is None:
        raw = Settings().nlp_components  # type: ignore[call-arg]
    return [s.strip() for s in raw.split(",") if s.strip()]


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The process-wide pipeline production extraction runs (built once per process)."""
    return load()


def render(doc: Doc, page: bool = False) -> str:
    """displaCy HTML of the document with persons, agencies and provinces highlighted."""
    from spacy import displacy

    return displacy.render(doc, style="ent", page=page, options={"colors": COLORS, "ents": list(COLORS)})


# ---------------------------------------------------------------- Doc → ExtractedDocument

def to_extracted(doc: Doc, source: str = "<text>", fmt: str = "text", encoding: str | None = None) -> ExtractedDocument:
    """The extraction result the rest of the project uses (``danchieu extract`` JSON, the graph)."""
    parsed = parsed_layout(doc)
    text = doc_text(doc)
    out = ExtractedDocument(
        source=source, text=text, text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=fmt, encoding=encoding, document=parsed.document, sections=parsed.sections,
        signers=parsed.signers,
        citations=[build(Citation, c) for c in doc._.citations or []],
        named_references=[build(NamedReference, r) for r in doc._.named_references or []],
        reports_on=list(doc._.reports_on or []),
        persons=[build(Person, p) for p in doc._.persons or []],
        agencies=[build(Agency, a) for a in doc._.agencies or []],
        provinces=[build(Province, p) for p in doc._.provinces or []],
        assignments=[build(Assignment, a) for a in doc._.assignments or []],
        extra=dict(doc._.extra or {}))
    title_at = next((s for s in out.sections if s.kind == "title"), None)
    if out.document.title and title_at and layout.printed_in_capitals(text[title_at.start:title_at.end]):
        names = [e.name for e in (*out.persons, *out.agencies, *out.provinces)]
        out.document.title = recase_title(out.document.title, names)
    return out


T = typing.TypeVar("T")


def build(cls: type[T], data: dict[str, Any]) -> T:
    """A dataclass from its ``asdict`` form, nested dataclasses included.

    >>> build(Signer, {"name": "Nguyễn Sỹ Hiệp", "evidence": None}).name
    'Nguyễn Sỹ Hiệp'
    """
    hints = _hints(cls)
    kwargs = {f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data}  # type: ignore[arg-type]
    return cls(**kwargs)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is list and args and is_dataclass(args[0]):
        return [build(args[0], v) for v in value]
    if origin in (typing.Union, __import__("types").UnionType):
        for a in args:
            if is_dataclass(a):
                return build(a, value)
        return value
    if is_dataclass(hint):
        return build(hint, value)
    return value
