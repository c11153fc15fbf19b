"""The extraction as a spaCy pipeline (``danchieu.ingest.nlp``): one path, real spaCy objects, extensible."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from danchieu.ingest.nlp import COLORS, align, load, pipeline, render
from danchieu.ingest.pipeline import extract_text
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from tests.conftest import REPO

NOTICE = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 285/TB-VPCP\nHà Nội, ngày 27 tháng 10 năm 2021\nTHÔNG BÁO\n"
          "Kết luận của Phó Thủ tướng Vũ Đức Đam\n\nCăn cứ Nghị quyết số 128/NQ-CP ngày 11/10/2021 của Chính phủ, "
          "giao Bộ Y tế chủ trì.\nCác Thứ trưởng: Vũ Chiến Thắng, Trương Hải Long, Cao Huy dự họp.\n"
          "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp")


def test_load_builds_the_registered_stages_in_order() -> None:
    assert load().pipe_names == ["danchieu_layout", "danchieu_citations", "danchieu_pos", "danchieu_ner",
                                 "danchieu_entities"]


def test_pipeline_is_built_once_per_process() -> None:
    assert pipeline() is pipeline()


def test_tokens_are_underthesea_words_and_the_text_is_kept_exactly() -> None:
    doc = pipeline()(NOTICE)
    assert doc.text == NOTICE
    assert "Vũ Đức Đam" in [t.text for t in doc]
    start = NOTICE.index("Bộ Y tế")
    assert doc.char_span(start, start + len("Bộ Y tế")).text == "Bộ Y tế"


ALIGN = [
    ("Bộ Y tế\n  họp", ["Bộ", "Y tế", "họp"]),
    ("Thủ\ntướng  dự", ["Thủ tướng", "dự"]),  # a word broken over a line stays one token
    ("a ? b", ["a", "b"]),  # what the segmenter drops becomes a token of its own
    ("  đầu", ["đầu"]),
]


@pytest.mark.parametrize(("text", "words"), ALIGN)
def test_alignment_keeps_every_character(text: str, words: list[str]) -> None:
    from spacy.vocab import Vocab

    tokens, spaces = align(text, words)
    assert Doc(Vocab(), words=tokens, spaces=spaces).text == text


def test_entities_citations_identity_and_signers_are_on_the_doc() -> None:
    doc = pipeline()(NOTICE)
    assert ("Bộ Y tế", "AGENCY", "agency:bo-y-te") in [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert {e.label_ for e in doc.ents} <= {"PERSON", "AGENCY", "PROVINCE"}
    assert [(s.text, s.kb_id_) for s in doc.spans["citations"]] == [("Nghị quyết số 128/NQ-CP", "128/NQ-CP@2021")]
    assert doc._.identity["number"] == "285/TB-VPCP"
    assert [s["name"] for s in doc._.signers] == ["Nguyễn Sỹ Hiệp"]


def test_persons_listed_without_a_title_in_front_are_found() -> None:
    persons = {e.text for e in pipeline()(NOTICE).ents if e.label_ == "PERSON"}
    assert {"Vũ Chiến Thắng", "Trương Hải Long", "Cao Huy", "Vũ Đức Đam", "Nguyễn Sỹ Hiệp"} <= persons


def test_the_place_date_line_is_not_a_mention_of_the_province() -> None:
    assert not [e for e in pipeline()(NOTICE).ents if e.label_ == "PROVINCE"]


def test_underthesea_tags_the_words_around_names() -> None:
    doc = pipeline()(NOTICE)
    assert {t.text: t.tag_ for t in doc}["Vũ Đức Đam"] == "Np"
    assert all(s.label_ in {"PER", "ORG", "LOC"} for s in doc.spans["ner_candidates"])


def test_extract_text_is_the_pipeline() -> None:
    out = extract_text(NOTICE)
    doc = pipeline()(NOTICE)
    assert sorted(p.key for p in out.persons) == sorted({e.kb_id_ for e in doc.ents if e.label_ == "PERSON"})
    assert [c.key for c in out.citations] == ["128/NQ-CP@2021"]


def test_a_title_in_capitals_gets_back_the_capitals_of_the_names_the_document_spells() -> None:
    raw = NOTICE.replace("Kết luận của Phó Thủ tướng Vũ Đức Đam",
                         "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG VŨ ĐỨC ĐAM VỚI BỘ TRƯỞNG BỘ Y TẾ TẠI BẮC GIANG\n"
                         "Ngày 20/10/2021, Phó Thủ tướng Vũ Đức Đam làm việc tại tỉnh Bắc Giang.")
    assert extract_text(raw).document.title == ("Kết luận của Phó Thủ tướng Vũ Đức Đam với Bộ trưởng Bộ Y tế "
                                                "tại Bắc Giang")


def test_docs_serialise_with_docbin() -> None:
    nlp = pipeline()
    bin_ = DocBin(store_user_data=True)
    bin_.add(nlp(NOTICE))
    (back,) = DocBin(store_user_data=True).from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert back.text == NOTICE
    assert [e.text for e in back.ents] == [e.text for e in nlp(NOTICE).ents]
    assert back._.identity["number"] == "285/TB-VPCP"


def test_pipe_runs_in_several_processes() -> None:
    texts = [NOTICE, "Giao Bộ Tài chính chủ trì, phối hợp với Ủy ban nhân dân tỉnh Bắc Ninh."]
    docs = list(pipeline().pipe(texts, n_process=2))
    assert [d.text for d in docs] == texts
    assert "agency:bo-tai-chinh" in {e.kb_id_ for e in docs[1].ents}


def test_displacy_renders_our_labels_in_their_colours() -> None:
    html = render(pipeline()(NOTICE))
    assert "Bộ Y tế" in html and "AGENCY" in html and COLORS["AGENCY"] in html


@Language.component("count_agencies_test")
def _count_agencies(doc: Doc) -> Doc:
    doc._.extra["agencies"] = sum(e.label_ == "AGENCY" for e in doc.ents)
    return doc


def test_a_component_of_your_own_writes_to_extra() -> None:
    nlp = load()
    nlp.add_pipe("count_agencies_test")
    assert nlp(NOTICE)._.extra["agencies"] >= 2


def test_a_configured_component_shows_in_danchieu_extract_json(tmp_path: Path) -> None:
    (tmp_path / "mycomponent.py").write_text(textwrap.dedent('''
        from spacy.language import Language

        @Language.component("word_count")
        def word_count(doc):
            doc._.extra["words"] = sum(not t.is_space and not t.is_punct for t in doc)
            return doc
    '''), encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notice.txt").write_text(NOTICE, encoding="utf-8")
    env = {**os.environ, "DANCHIEU_NLP_COMPONENTS": "mycomponent:word_count",
           "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    cmd = [sys.executable, "-m", "danchieu.cli", "extract", str(tmp_path / "in"), "--out", str(tmp_path / "out")]
    subprocess.run(cmd,
                   cwd=REPO, env=env, check=True, capture_output=True)
    data = json.loads((tmp_path / "out" / "notice.json").read_text(encoding="utf-8"))
    assert data["extra"]["words"] > 20
