"""The spaCy pipeline, the HTML rendering and the scores on the seed documents."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ingest.entities.nlp import get_nlp
from ingest.entities.render import entity_spans, render_html
from tests.conftest import REPO, SEEDS, SHARED
from tests.unit.test_entities_helpers import ents


def test_pipeline_is_built_once_per_process() -> None:
    assert get_nlp() is get_nlp()


def test_underthesea_tokenizer_keeps_a_name_whole() -> None:
    doc = get_nlp()("Thủ tướng Chính phủ Phạm Minh Chính chủ trì.")
    assert "Phạm Minh Chính" in [t.text for t in doc]
    assert doc.text == "Thủ tướng Chính phủ Phạm Minh Chính chủ trì."


def test_pipeline_sets_entities_with_keys() -> None:
    doc = get_nlp()("Bộ trưởng Bộ Y tế Nguyễn Thanh Long làm việc tại tỉnh Bắc Ninh.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Bộ Y tế", "ORG", "agency:bo-y-te"),
        ("Nguyễn Thanh Long", "PER", "person:nguyen-thanh-long"),
        ("Bắc Ninh", "LOC", "province:bac-ninh"),
    ]


def test_pos_component_tags_proper_nouns() -> None:
    doc = get_nlp(with_pos=True)("Phó Thủ tướng Vũ Đức Đam dự họp")
    assert {t.text: t.tag_ for t in doc}["Vũ Đức Đam"] == "Np"


def test_render_marks_outer_span_and_escapes_text() -> None:
    text = "Bí thư Thành ủy Thành phố Hồ Chí Minh Lê Văn Tám <b>"
    res = ents(text)
    spans = entity_spans(res)
    assert [(text[s["start"]:s["end"]], s["label"]) for s in spans] == [
        ("Thành ủy Thành phố Hồ Chí Minh", "ORG"), ("Lê Văn Tám", "PER")]
    html = render_html(text, res)
    assert "&lt;b&gt;" in html and "person:le-van-tam" in html


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_seed_scores_meet_the_acceptance_thresholds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "danchieu.cli", "extract", str(SEEDS), "--out", str(out), "--keep-going"],
                   cwd=REPO, check=True, capture_output=True)
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "gold" / "seeds"),
                          "--pred", str(out), "--json", "--only", "persons,agencies,provinces"],
                         cwd=REPO, check=True, capture_output=True, text=True)
    summary = json.loads(res.stdout)
    f1 = {k: summary[k]["f1"] for k in ("persons", "agencies", "provinces")}
    assert all(summary[k]["tp"] > 0 for k in f1), summary
    assert f1["persons"] >= 0.97 and f1["agencies"] >= 0.90 and f1["provinces"] >= 0.97, f1
