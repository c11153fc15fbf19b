"""The Neo4j Browser experience: the guide and favorites match queries/browser, every query is valid
Cypher on the real server, the style captions every label, and the API serves both with CORS."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from danchieu.graph.browser import build
from danchieu.queries import load_query

LABELS = ["Document", "ThongBao", "NghiQuyet", "NghiDinh", "ChiThi", "QuyetDinh", "ThongTu", "CongDien", "Luat",
          "BaiBao", "Person", "Agency", "Province"]
RELATIONSHIPS = ["CITES", "SIGNED", "ISSUED", "ISSUED_AT", "MENTIONS", "ASSIGNS", "REPORTS_ON", "COPY_OF",
                 "MERGED_INTO", "LOCATED_IN"]


def test_the_committed_guide_and_favorites_are_built_from_the_current_queries():
    queries = build.browser_queries()
    assert build.GUIDE.read_text(encoding="utf-8") == build.guide_html(queries), \
        "run python -m danchieu.graph.browser.build"
    with zipfile.ZipFile(io.BytesIO(build.FAVORITES.read_bytes())) as zf:
        names = sorted(zf.namelist())
    assert names == sorted(f"Dẫn Chiếu/{q.name}.cypher" for q in queries)


def test_every_slide_has_a_vietnamese_title_and_a_runnable_query():
    html = build.GUIDE.read_text(encoding="utf-8")
    assert html.count('class="pre-scrollable code runnable"') == len(build.browser_queries())
    for q in build.browser_queries():
        assert q.title and not q.title.isascii(), q.name  # a Vietnamese title, not a file name


@pytest.mark.parametrize("label", LABELS)
def test_the_style_gives_every_label_a_colour_and_the_name_caption(label):
    style = build.HERE.joinpath("style.grass").read_text(encoding="utf-8")
    block = re.search(rf"node\.{label} \{{(.*?)\n\}}", style, re.DOTALL)
    assert block and "color:" in block.group(1) and 'caption: "{name}"' in block.group(1)


@pytest.mark.parametrize("rel", RELATIONSHIPS)
def test_the_style_captions_every_relationship(rel):
    style = build.HERE.joinpath("style.grass").read_text(encoding="utf-8")
    assert re.search(rf"relationship\.{rel} \{{[^\n]*\n(  [^\n]*\n)*  caption:", style)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [q.name for q in build.browser_queries()])
def test_every_browser_query_compiles_on_the_real_server(neo4j_driver, neo4j_db, name):
    neo4j_driver.execute_query("EXPLAIN " + load_query(f"browser/{name}"), database_=neo4j_db)


@pytest.mark.neo4j
@pytest.mark.parametrize(("path", "marker"), [("/browser/guide.html", '<article class="guide"'),
                                              ("/browser/style.grass", "node.Document")])
def test_the_api_serves_guide_and_style_with_the_cors_header_the_browser_needs(neo4j_settings, path, marker):
    from danchieu.api.app import create_app
    from fastapi.testclient import TestClient

    with TestClient(create_app(neo4j_settings)) as client:
        response = client.get(path, headers={"Origin": "http://localhost:7474"})
    assert response.status_code == 200 and marker in response.text
    assert response.headers["access-control-allow-origin"] == "http://localhost:7474"
