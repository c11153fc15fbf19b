"""The entity finder as a spaCy pipeline for Vietnamese, built in one call and once per process.

* tokenizer: underthesea word segmentation ("Phạm Minh Chính" stays one token, where pyvi — spaCy's
  default for ``vi`` — splits "Phạm Minh | Chính");
* ``danchieu_pos``: underthesea POS tags on ``token.tag_`` (``Np`` for proper nouns);
* ``danchieu_entities``: the gazetteer and title rules of :mod:`ingest.entities`, written to
  ``doc.ents`` (labels ``PER``, ``ORG``, ``LOC``) and, with keys, to ``doc.spans["danchieu"]``.

>>> nlp = get_nlp()
>>> doc = nlp("Bộ trưởng Bộ Y tế Nguyễn Thanh Long dự họp.")
>>> [(e.text, e.label_) for e in doc.ents]
[('Bộ Y tế', 'ORG'), ('Nguyễn Thanh Long', 'PER')]

``find_entities`` does not run this pipeline: segmenting every syllable costs more than the rules
themselves (see ``bench/extract.py``); the pipeline is for callers that want spaCy ``Doc`` objects.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry
from spacy.vocab import Vocab

LABELS = {"person": "PER", "agency": "ORG", "province": "LOC"}


class UndertheseaTokenizer:
    """spaCy tokenizer over underthesea ``word_tokenize``; multi-syllable words stay whole."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from underthesea import word_tokenize

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for word in word_tokenize(text):
            start = text.find(word, pos)
            if start < 0:  # underthesea normalised the word; fall back to its syllables
                continue
            if words and start > pos:
                spaces[-1] = True
                gap = text[pos:start]
                if gap.strip():
                    words.append(gap.strip())
                    spaces.append(True)
            elif not words and start > 0:
                words.append(text[:start])
                spaces.append(False)
            words.append(word)
            spaces.append(False)
            pos = start + len(word)
        if pos < len(text):
            if words:
                spaces[-1] = text[pos:pos + 1].isspace()
            rest = text[pos:].strip()
            if rest:
                words.append(rest)
                spaces.append(False)
        return _doc_over(self.vocab, text, words)

    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> UndertheseaTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> UndertheseaTokenizer:
        return self


def _doc_over(vocab: Vocab, text: str, words: list[str]) -> Doc:
    """A Doc whose text is exactly ``text`` (white space between words kept as spaCy expects)."""
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos = 0
    for w in words:
        start = text.find(w, pos)
        if start < 0:
            continue
        gap = text[pos:start]
        if gap:
            if out_words and gap == " ":
                out_spaces[-1] = True
            else:
                if out_words and gap.startswith(" "):
                    out_spaces[-1] = True
                    gap = gap[1:]
                if gap:
                    out_words.append(gap)
                    out_spaces.append(False)
        out_words.append(w)
        out_spaces.append(False)
        pos = start + len(w)
    if pos < len(text):
        out_words.append(text[pos:])
        out_spaces.append(False)
    return Doc(vocab, words=out_words, spaces=out_spaces)


@registry.tokenizers("danchieu.underthesea_tokenizer.v1")
def create_tokenizer() -> object:
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


@Language.component("danchieu_pos")
def pos_component(doc: Doc) -> Doc:
    """underthesea POS tags, aligned on the tokens (``Np`` marks proper nouns)."""
    from underthesea import pos_tag

    tags = dict(pos_tag(doc.text)) if doc.text.strip() else {}
    for tok in doc:
        tok.tag_ = tags.get(tok.text, "")
    return doc


@Language.component("danchieu_entities")
def entities_component(doc: Doc) -> Doc:
    from ingest.entities import find_entities
    from ingest.layout import ParsedLayout
    from ingest.models import DocumentInfo

    res = find_entities(doc.text, ParsedLayout(DocumentInfo()))
    spans: list[Span] = []
    for kind, items in (("person", res.persons), ("agency", res.agencies), ("province", res.provinces)):
        for item in items:
            for ev in item.mentions:
                span = doc.char_span(ev.start, ev.end, label=LABELS[kind], kb_id=item.key,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
    doc.spans["danchieu"] = spans
    doc.ents = filter_spans(spans)
    return doc


@lru_cache(maxsize=1)
def get_nlp(with_pos: bool = False) -> Language:
    """The pipeline, built once per process."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "danchieu.underthesea_tokenizer.v1"}}})
    if with_pos:
        nlp.add_pipe("danchieu_pos")
    nlp.add_pipe("danchieu_entities")
    return nlp
