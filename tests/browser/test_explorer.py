"""End-to-end: a journalist's path through the explorer, in real headless Chromium, against the real
API serving the seeds from the real Neo4j. Assertions read the graph model the page exposes
(``window.cy``, ``window.explorer``) and what is on screen."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, quote, urlparse

import httpx
import pytest

from tests.browser.conftest import export_click, open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

NQ128_PREFIX = "128/NQ-CP@"
TB285 = "285/TB-VPCP@2021"
SIGNER_285 = "Nguyễn Sỹ Hiệp"
GRAPHML_NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---- helpers: each one is a step a journalist takes -------------------------------------------

def search(page, query: str) -> None:
    page.fill("#search-input", query)
    page.wait_for_selector("#search-results:not([hidden]) .search-hit, #search-results:not([hidden]) .search-msg")


def open_hit(page, key_prefix: str) -> str:
    """Clicks the first search hit whose key starts with ``key_prefix``; returns the key."""
    hit = page.locator(f'.search-hit[data-key^="{key_prefix}"]').first
    key = hit.get_attribute("data-key")
    hit.click()
    page.wait_for_function("k => window.cy.getElementById(k).nonempty() && window.explorer.state.sel === k", arg=key)
    return key


def expand(page, rel: str, direction: str) -> None:
    before = page.evaluate("window.cy.elements().length")
    page.click(f'#panel button.expand[data-rel="{rel}"][data-dir="{direction}"]')
    page.wait_for_function("n => window.cy.elements().length > n", arg=before)


def open_cited_by_128(page) -> str:
    search(page, "nghi quyet 128")
    key = open_hit(page, NQ128_PREFIX)
    expand(page, "CITES", "in")
    return key


def citing_edge_id(page, source: str, target: str) -> str:
    return page.evaluate(
        """([s, t]) => window.cy.edges().filter(e => e.data('type') === 'CITES'
              && e.data('source') === s && e.data('target') === t)[0].id()""", [source, target])


def click_element(page, ele_id: str) -> None:
    """A real mouse click where Cytoscape draws the element (edge midpoint or node centre)."""
    box = page.locator("#cy").bounding_box()
    point = page.evaluate(
        """id => { const e = window.cy.getElementById(id);
                   return e.isEdge() ? e.renderedMidpoint() : e.renderedPosition(); }""", ele_id)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def document_text(api_url: str, key: str) -> str:
    resp = httpx.get(f"{api_url}/v1/documents/{quote(key, safe='')}/text", timeout=30)
    resp.raise_for_status()
    return nfc(resp.json()["text"])


def visible_ids(page) -> dict[str, list[str]]:
    return page.evaluate("""() => { const v = window.explorer.graph.visible();
        return {nodes: v.nodes.map(n => n.id()).sort(), edges: v.edges.map(e => e.id()).sort()}; }""")


# ---- the acceptance flow ---------------------------------------------------------------------

def test_search_open_expand_cited_by_evidence_and_reader(explorer, api_url):
    page, _ = explorer
    search(page, "nghi quyet 128")
    screenshot(page, "01-search", doc=True)
    key128 = open_hit(page, NQ128_PREFIX)
    expand(page, "CITES", "in")
    neighbours = page.evaluate(
        "k => window.cy.edges('[type = \"CITES\"]').filter(e => e.data('target') === k)"
        ".map(e => e.source().data())", key128)
    keys = {n["id"] for n in neighbours}
    assert TB285 in keys
    # The 2023 notice (seed 000) prints no number or date of its own: recognise it by its text.
    others = [n for n in neighbours if n["id"] != TB285 and n.get("type") == "Thông báo"]
    assert any("29 tháng 10 năm 2023" in document_text(api_url, n["id"]) for n in others), others
    screenshot(page, "02-cited-by", doc=True)

    edge_id = citing_edge_id(page, TB285, key128)
    click_element(page, edge_id)
    page.wait_for_function("id => window.explorer.state.sel === id", arg=edge_id)
    evidence = page.evaluate("id => window.cy.getElementById(id).data('evidence')", edge_id)
    assert evidence and evidence[0]["sentence"]
    shown = page.locator("#panel .evidence-sentence").first
    assert nfc(shown.inner_text()).strip() == nfc(evidence[0]["sentence"]).strip()
    assert nfc(shown.locator("mark").inner_text()) == nfc(evidence[0]["text"])
    meaning = page.inner_text("#panel .edge-meaning")
    assert "285/TB-VPCP" in meaning and "128/NQ-CP" in meaning
    screenshot(page, "03-evidence", doc=True)

    page.click("#panel a.open-reader")
    page.wait_for_selector("#reader mark.ent")
    assert page.evaluate("window.explorer.state.reader") == TB285
    signers = [nfc(t) for t in page.locator("#reader mark.ent-person").all_inner_texts()]
    assert SIGNER_285 in signers
    assert page.locator("#reader .evidence-hit").count() >= 1
    screenshot(page, "04-reader", doc=True)

    # The highlight is a way into the graph: clicking the signer shows that person there.
    mark = page.locator("#reader mark.ent-person", has_text=SIGNER_285).last
    person_key = mark.get_attribute("data-key")
    mark.click()
    page.wait_for_function("k => window.explorer.state.sel === k", arg=person_key)
    assert page.evaluate("window.explorer.state.reader") == ""
    assert page.evaluate("k => window.cy.getElementById(k).data('kind')", person_key) == "person"


def test_a_shared_link_restores_the_same_view(explorer, browser, api_url):
    page, _ = explorer
    key128 = open_cited_by_128(page)
    edge_id = citing_edge_id(page, TB285, key128)
    click_element(page, edge_id)
    page.wait_for_function("id => window.explorer.state.sel === id", arg=edge_id)
    export_click(page, "btn-share")
    shared = page.url
    expected = visible_ids(page)

    context, other, watch = open_page(browser, api_url)
    try:
        other.goto(shared)
        other.wait_for_function("window.explorer && window.explorer.ready")
        assert visible_ids(other) == expected
        assert other.evaluate("window.explorer.state.sel") == edge_id
        assert "128/NQ-CP" in other.inner_text("#panel .edge-meaning")
        screenshot(other, "05-restored")
    finally:
        context.close()
    assert watch.console_errors == [] and watch.external_requests == []


def test_png_export_downloads_with_a_footer(explorer, tmp_path):
    from PIL import Image

    page, _ = explorer
    open_cited_by_128(page)
    with page.expect_download() as info:
        export_click(page, "btn-png")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".png"
    canvas = page.evaluate("""() => new Promise(done => { const img = new Image();
        img.onload = () => done([img.width, img.height]);
        img.src = window.cy.png({output: 'base64uri', full: true, scale: 2, bg: '#ffffff',
                                 maxWidth: 4000, maxHeight: 4000}); })""")
    with Image.open(target) as img:
        img.load()
        width, height = img.size
        assert width >= canvas[0] and height > canvas[1]  # the canvas plus a footer band
        # The footer band carries dark text on white: not a blank strip.
        band = img.convert("L").crop((0, canvas[1], width, height))
        assert band.getextrema()[0] < 100


def test_graphml_export_has_the_nodes_on_screen_and_evidence(explorer, tmp_path):
    page, _ = explorer
    open_cited_by_128(page)
    with page.expect_download() as info:
        export_click(page, "btn-graphml")
    target = tmp_path / "view.graphml"
    info.value.save_as(target)
    root = ET.parse(target).getroot()
    graph = root.find("g:graph", GRAPHML_NS)
    node_ids = sorted(n.get("id") for n in graph.findall("g:node", GRAPHML_NS))
    assert node_ids == visible_ids(page)["nodes"]
    sentence_key = next(k.get("id") for k in root.findall("g:key", GRAPHML_NS)
                        if k.get("attr.name") == "evidence_sentences")
    from_285 = [e for e in graph.findall("g:edge", GRAPHML_NS) if e.get("source") == TB285]
    assert from_285
    texts = [d.text or "" for e in from_285 for d in e.findall("g:data", GRAPHML_NS) if d.get("key") == sentence_key]
    assert any("128/NQ-CP" in t for t in texts)


def test_csv_export_of_edges_carries_the_evidence_sentence(explorer, tmp_path):
    page, _ = explorer
    open_cited_by_128(page)
    with page.expect_download() as info:
        export_click(page, "btn-csv-edges")
    target = tmp_path / "edges.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    cites_285 = [r for r in rows if r["source"] == TB285 and r["type"] == "CITES"]
    assert cites_285 and all(r["evidence_sentence"] for r in cites_285)


def test_neo4j_browser_link_carries_equivalent_cypher(explorer):
    page, _ = explorer
    open_cited_by_128(page)
    href = page.get_attribute("#btn-neo4j", "href")
    url = urlparse(href)
    assert url.path.endswith("/browser/")
    cypher = parse_qs(url.query)["arg"][0]
    for key in visible_ids(page)["nodes"]:
        assert f"'{key}'" in cypher


# ---- search in any spelling ------------------------------------------------------------------

SEARCHES = [
    # (what the journalist types, kind of the expected hit, its key or key prefix)
    ("128/NQ-CP", "document", NQ128_PREFIX),
    ("nq 128", "document", NQ128_PREFIX),
    ("Nghị quyết 128", "document", NQ128_PREFIX),
    ("nghi quyet 128", "document", NQ128_PREFIX),
    ("285/tb-vpcp", "document", TB285),
    ("pham minh chinh", "person", "person:pham-minh-chinh"),
    ("Phạm Minh Chính", "person", "person:pham-minh-chinh"),
    ("nguyen sy hiep", "person", "person:nguyen-sy-hiep"),
    ("bac giang", "province", "province:bac-giang"),
    ("Bắc Ninh", "province", "province:bac-ninh"),
    ("BYT", "agency", "agency:bo-y-te"),
    ("bo y te", "agency", "agency:bo-y-te"),
    ("VPCP", "agency", "agency:van-phong-chinh-phu"),
]


@pytest.mark.parametrize(("query", "kind", "key"), SEARCHES)
def test_search_finds_it_in_the_right_group(explorer, query, kind, key):
    page, _ = explorer
    search(page, query)
    group = page.locator(".search-group", has=page.locator(f'.search-hit.kind-{kind}[data-key^="{key}"]'))
    assert group.count() == 1
    assert page.locator(f'.search-hit[data-key^="{key}"]').first.get_attribute("data-kind") == kind


# ---- canvas tools ----------------------------------------------------------------------------

def test_filters_hide_a_document_type_and_the_timeline_follows(explorer):
    page, _ = explorer
    open_cited_by_128(page)
    ticks_before = page.locator("#timeline .tick").count()
    page.locator('#filters fieldset[data-filter="types"] input[value="Thông báo"]').uncheck()
    assert page.evaluate("k => window.cy.getElementById(k).hasClass('hidden')", TB285)
    hidden_notices = page.evaluate("window.cy.nodes('[type = \"Thông báo\"]').filter(n => n.data('date')).length")
    assert page.locator("#timeline .tick").count() == ticks_before - hidden_notices
    assert "htypes=" in page.url


def test_path_finder_links_two_notices_through_the_resolution(explorer):
    page, _ = explorer
    key128 = open_cited_by_128(page)
    other = page.evaluate(
        "([k, t]) => window.cy.edges('[type = \"CITES\"]')"
        ".filter(e => e.data('target') === k && e.data('source') !== t)[0].data('source')",
        [key128, TB285])
    page.evaluate("k => window.explorer.select({kind: 'node', id: k})", TB285)
    page.click("#btn-path-from")
    page.evaluate("k => window.explorer.select({kind: 'node', id: k})", other)
    page.click("#btn-path-to")
    page.wait_for_function("window.cy.$('.path').length > 0")
    on_path = set(page.evaluate("window.cy.nodes('.path').map(n => n.id())"))
    assert {TB285, other} <= on_path
    assert "hl=" in page.url  # the path's edges, by their keys, are highlighted in the shared link
    # the link brings the path back highlighted
    page.reload()
    page.wait_for_function("window.explorer && window.explorer.ready")
    assert {TB285, other} <= set(page.evaluate("window.cy.nodes('.path').map(n => n.id())"))


def test_more_handle_appears_when_a_node_has_more_than_a_page(explorer):
    page, _ = explorer
    search(page, "285/TB-VPCP")
    open_hit(page, TB285)
    expand(page, "*", "both")
    exp = page.evaluate("k => window.explorer.graph.expansions.get(k + '|*|both')", TB285)
    screenshot(page, "08-neighbourhood", doc=True)
    handles = page.evaluate("window.cy.nodes('[kind = \"more\"]').length")
    assert exp["loaded"] <= 20 + 1
    assert handles == (1 if exp["total"] > exp["loaded"] else 0)
    if handles:
        before = exp["loaded"]
        click_element(page, page.evaluate("window.cy.nodes('[kind = \"more\"]')[0].id()"))
        page.wait_for_function("([k, n]) => window.explorer.graph.expansions.get(k + '|*|both').loaded > n",
                               arg=[TB285, before])


def test_the_legend_names_every_document_type_on_screen(explorer):
    page, _ = explorer
    open_cited_by_128(page)
    types = set(page.evaluate("window.explorer.graph.visible().nodes.filter(n => n.data('type'))"
                              ".map(n => n.data('type'))"))
    legend = page.inner_text("#legend")
    assert types and all(t in legend for t in types), (types, legend)


# ---- language, keyboard, list view, small screens ---------------------------------------------

def test_english_switch_keeps_dates_day_first(explorer):
    page, _ = explorer
    search(page, "nghi quyet 128")
    open_hit(page, NQ128_PREFIX)
    assert page.inner_text("#search-form button[type=submit]") == "Tìm"
    page.click("#btn-lang")
    assert page.inner_text("#search-form button[type=submit]") == "Search"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "lang=en" in page.url
    date_text = page.locator("#panel .fields dd").all_inner_texts()
    # "11/10/2021", possibly followed by where the date comes from ("(as a citing document gives it)")
    assert any(len(d) >= 10 and d[2] == "/" and d[5] == "/" and d[6:10].isdigit() for d in date_text), date_text


def test_keyboard_only_search_open_and_move_between_nodes(explorer):
    page, _ = explorer
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("nghi quyet 128")
    page.wait_for_selector(".search-hit[aria-selected=true]")
    page.keyboard.press("Enter")
    page.wait_for_function("window.explorer.state.sel !== ''")
    page.focus("#panel button.expand[data-rel='CITES'][data-dir='in']")
    page.keyboard.press("Enter")
    page.wait_for_function("window.cy.edges('[type = \"CITES\"]').length > 0")
    page.focus("#cy")
    first = page.evaluate("window.explorer.state.sel")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("window.explorer.state.sel") not in ("", first)
    page.keyboard.press("Escape")
    assert page.evaluate("window.explorer.state.sel") == ""


def test_list_view_names_every_node_on_screen(explorer):
    page, _ = explorer
    open_cited_by_128(page)
    page.click("#btn-view")
    listed = sorted(page.locator("#listview button[data-key]").evaluate_all("bs => bs.map(b => b.dataset.key)"))
    assert listed == visible_ids(page)["nodes"]
    screenshot(page, "06-list", doc=True)


def test_phone_viewport_has_no_sideways_scroll(browser, api_url):
    context, page, watch = open_page(browser, api_url, width=390, height=844)
    try:
        page.goto(f"{api_url}/explore/")
        page.wait_for_function("window.explorer && window.explorer.ready")
        open_cited_by_128(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("#cy").bounding_box()["width"] >= 300
        screenshot(page, "07-phone", doc=True)
    finally:
        context.close()
    assert watch.console_errors == [] and watch.external_requests == []


def test_malformed_link_state_is_ignored_not_fatal(browser, api_url):
    context, page, watch = open_page(browser, api_url)
    try:
        page.goto(f"{api_url}/explore/#s=x:broken&s=o:&at=zz&layout=nope&hkinds=,")
        page.wait_for_function("window.explorer && window.explorer.ready")
        assert page.evaluate("window.cy.nodes().length") == 0
        assert json.loads(page.evaluate("JSON.stringify(window.explorer.state.steps)")) == []
    finally:
        context.close()
    assert watch.console_errors == [] and watch.external_requests == []


def test_the_view_on_screen_keeps_working_with_the_network_cut(explorer, tmp_path):
    page, watch = explorer
    open_cited_by_128(page)
    page.context.set_offline(True)
    try:
        page.click("#btn-lang")
        assert page.inner_text("#btn-view") == "List"
        page.click("#btn-view")
        assert page.locator("#listview button[data-key]").count() == len(visible_ids(page)["nodes"])
        page.locator('#filters fieldset[data-filter="types"] input[value="Thông báo"]').uncheck()
        with page.expect_download() as info:
            export_click(page, "btn-graphml")
        info.value.save_as(tmp_path / "offline.graphml")
        assert ET.parse(tmp_path / "offline.graphml").getroot().find("g:graph", GRAPHML_NS) is not None
        assert "null" not in page.inner_text("#sidebar")
    finally:
        page.context.set_offline(False)
    assert watch.external_requests == []


def test_the_site_root_opens_the_explorer(browser, api_url):
    context, page, watch = open_page(browser, api_url)
    try:
        page.goto(f"{api_url}/")
        page.wait_for_function("window.explorer && window.explorer.ready")
        assert urlparse(page.url).path == "/explore/"
        assert page.inner_text("#search-form button[type=submit]") == "Tìm"
    finally:
        context.close()
    assert watch.console_errors == [] and watch.external_requests == []
