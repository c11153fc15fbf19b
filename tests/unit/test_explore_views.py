"""Pure parts of the explorer's views: PageRank over citations, the body query and its snippet."""

from __future__ import annotations

import pytest
from danchieu.api.rankings import pagerank, pagerank_rows
from danchieu.api.routes.explore import body_query, snippet


def test_pagerank_sums_to_one_and_favours_the_cited():
    scores = pagerank([("tb1", "nq"), ("tb2", "nq"), ("tb3", "nq"), ("nq", "luat")])
    assert sum(scores.values()) == pytest.approx(1.0)
    assert scores["luat"] > scores["nq"] > scores["tb1"] == pytest.approx(scores["tb2"])


def test_pagerank_ignores_self_citations_and_handles_nothing():
    assert pagerank([]) == {}
    scores = pagerank([("a", "a"), ("b", "a")])
    assert scores["a"] > scores["b"]


@pytest.mark.parametrize("text,expected", [
    ("vắc xin", '"vac xin"'),
    ("Vắc-xin!", '"vac xin"'),
    ('"*:* OR (', '"or"'),
    ("~~", ""),
])
def test_body_query_is_a_phrase_of_folded_words_only(text, expected):
    assert body_query(text) == expected


def test_snippet_cuts_around_the_first_match_keeping_the_original_spelling():
    text = "Mở đầu. " + "x " * 200 + "Tiêm vắc xin cho trẻ em. " + "y " * 200
    cut = snippet(text, "vac xin")
    assert "Tiêm vắc xin cho trẻ em." in cut and cut.startswith("…") and cut.endswith("…")


def test_snippet_without_a_match_is_the_beginning():
    assert snippet("Điều 1. Phạm vi.", "khong co") == "Điều 1. Phạm vi."


def test_pagerank_of_citation_rows_equals_pagerank_of_their_pairs():
    rows = [{"source": "tb1", "targets": ["nq", "luat"]}, {"source": "nq", "targets": ["luat"]}]
    assert pagerank_rows(rows) == pagerank([("tb1", "nq"), ("tb1", "luat"), ("nq", "luat")])
