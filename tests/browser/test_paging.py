"""The explorer's mechanics on a graph this module writes itself (tagged keys, removed afterwards):
25 notices that cite one resolution and share one signer — more than one page of neighbours — so
paging with the "+N more" handle, filters, the timeline, the path finder and the exports are
exercised against the real API and Neo4j independently of how well the seeds are extracted."""

from __future__ import annotations

import pytest
from danchieu.graph.loader import load_document
from danchieu.queries import load_query

from tests.browser.conftest import open_page, screenshot
from tests.graph.factory import document, new_tag

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

NOTICES = 25
PAGE = 20


def _notice(tag: str, n: int) -> object:
    year = 2021 + n % 3
    date = f"{year}-{1 + n % 12:02d}-{1 + n % 27:02d}"
    resolution = f"Nghị quyết số 77/NQ-{tag}"
    text = (f"VĂN PHÒNG CHÍNH PHỦ\nSố: {n}/TB-{tag}\nHà Nội, ngày {int(date[8:])} tháng {int(date[5:7])} năm {year}\n"
            f"THÔNG BÁO\nThực hiện {resolution} của Chính phủ, cuộc họp số {n} đã bàn việc tiêm vắc xin tại "
            f"tỉnh Bắc Giang {tag}.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nLê Văn {tag}")
    return document(text, number=f"{n}/TB-{tag}", date=date, issuer=f"Văn phòng Chính phủ {tag}",
                    source=f"{tag}-{n}.txt",
                    cites=[(resolution, f"77/NQ-{tag}", f"77/NQ-{tag}@2021")],
                    provinces=[f"Bắc Giang {tag}"],
                    signers=[(f"Lê Văn {tag}", "Phó Chủ nhiệm", "KT. Bộ trưởng, Chủ nhiệm")])


@pytest.fixture(scope="module")
def corpus(neo4j_driver, neo4j_settings):
    """The tag; 25 notices citing 77/NQ-<tag>@2021, all signed by Lê Văn <tag>."""
    tag = new_tag()
    db = neo4j_settings.neo4j_database
    try:
        for n in range(1, NOTICES + 1):
            load_document(neo4j_driver, db, _notice(tag, n))
        yield tag
    finally:
        neo4j_driver.execute_query(load_query("load/delete_tagged"), tag=tag, database_=db)


@pytest.fixture
def page(browser, live_api, corpus):
    context, page, watch = open_page(browser, live_api, downloads=True)
    page.goto(f"{live_api}/explore/")
    page.wait_for_function("window.explorer && window.explorer.ready")
    yield page
    context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests


def _open_resolution(page, tag: str) -> str:
    key = f"77/NQ-{tag}@2021"
    page.fill("#search-input", f"77/NQ-{tag}")
    page.locator(f'.search-hit[data-key="{key}"]').click()
    page.wait_for_function("k => window.explorer.state.sel === k", arg=key)
    return key


def tap_more(page) -> None:
    # A function body, not an expression: returning the Cytoscape collection that emit() gives
    # back would make Playwright serialise the whole graph model.
    page.evaluate("() => { window.cy.nodes('[kind = \"more\"]')[0].emit('tap'); }")


def _expansion(page, key: str, rel: str, direction: str) -> dict:
    return page.evaluate("id => window.explorer.graph.expansions.get(id)", f"{key}|{rel}|{direction}")


def test_cited_by_comes_in_pages_with_a_more_handle(page, corpus):
    key = _open_resolution(page, corpus)
    page.click('#panel button.expand[data-rel="CITES"][data-dir="in"]')
    page.wait_for_function("window.cy.nodes('[kind = \"more\"]').length === 1")
    exp = _expansion(page, key, "CITES", "in")
    assert (exp["loaded"], exp["total"]) == (PAGE, NOTICES)
    handle = page.evaluate("window.cy.nodes('[kind = \"more\"]')[0].data('caption')")
    assert str(NOTICES - PAGE) in handle
    assert page.evaluate("window.explorer.graph.visible().nodes.length") == PAGE + 1
    screenshot(page, "paging-first-page")

    tap_more(page)
    page.wait_for_function("window.cy.nodes('[kind = \"more\"]').length === 0")
    assert page.evaluate("window.explorer.graph.visible().nodes.length") == NOTICES + 1
    assert f"CITES%7Cin%7C{NOTICES}" in page.url


def test_a_shared_link_replays_every_page(page, browser, live_api, corpus):
    key = _open_resolution(page, corpus)
    page.click('#panel button.expand[data-rel="CITES"][data-dir="in"]')
    page.wait_for_function("window.cy.nodes('[kind = \"more\"]').length === 1")
    tap_more(page)
    page.wait_for_function("window.cy.nodes('[kind = \"more\"]').length === 0")
    context, other, watch = open_page(browser, live_api)
    try:
        other.goto(page.url)
        other.wait_for_function("window.explorer && window.explorer.ready")
        assert other.evaluate("window.explorer.graph.visible().nodes.length") == NOTICES + 1
        assert other.evaluate("window.explorer.state.sel") == key
    finally:
        context.close()
    assert watch.console_errors == [] and watch.external_requests == []


def test_date_range_hides_documents_outside_it_and_the_timeline_follows(page, corpus):
    _open_resolution(page, corpus)
    page.click('#panel button.expand[data-rel="CITES"][data-dir="in"]')
    page.wait_for_function("window.cy.nodes('[kind = \"more\"]').length === 1")
    ticks = page.locator("#timeline .tick").count()
    slider = page.locator("#date-to")
    # Move the upper end to the lowest date: only documents of that first day stay.
    slider.evaluate("el => { el.value = el.min; el.dispatchEvent(new Event('change')); }")
    visible_dates = page.evaluate(
        "window.explorer.graph.visible().nodes.filter(n => n.data('date')).map(n => n.data('date'))")
    assert visible_dates and len(set(visible_dates)) == 1
    assert page.locator("#timeline .tick").count() < ticks
    assert "to=" in page.url


def test_hiding_a_relation_kind_hides_its_edges(page, corpus):
    _open_resolution(page, corpus)
    page.click('#panel button.expand[data-rel="CITES"][data-dir="in"]')
    page.wait_for_function("window.cy.edges('[type = \"CITES\"]').length > 0")
    page.locator('#filters fieldset[data-filter="rels"] input[value="CITES"]').uncheck()
    assert page.evaluate("window.explorer.graph.visible().edges.length") == 0
    assert "hrels=CITES" in page.url


def test_a_signer_expands_to_the_documents_signed(page, corpus):
    person = f"person:le-van-{corpus.lower()}"
    page.fill("#search-input", f"Lê Văn {corpus}")
    page.locator(f'.search-hit[data-key="{person}"]').click()
    page.wait_for_function("k => window.explorer.state.sel === k", arg=person)
    page.click('#panel button.expand[data-rel="SIGNED"][data-dir="out"]')
    page.wait_for_function("window.cy.edges('[type = \"SIGNED\"]').length === 20")
    exp = _expansion(page, person, "SIGNED", "out")
    assert exp["total"] == NOTICES


def test_path_between_two_notices_goes_through_the_resolution(page, corpus):
    key = _open_resolution(page, corpus)
    page.click('#panel button.expand[data-rel="CITES"][data-dir="in"]')
    page.wait_for_function("window.cy.edges('[type = \"CITES\"]').length > 1")
    a, b = f"1/TB-{corpus}@2022", f"2/TB-{corpus}@2023"
    page.evaluate("k => window.explorer.select({kind: 'node', id: k})", a)
    page.click("#btn-path-from")
    page.evaluate("k => window.explorer.select({kind: 'node', id: k})", b)
    page.click("#btn-path-to")
    page.wait_for_function("window.cy.nodes('.path').length >= 3")
    assert {a, b, key} <= set(page.evaluate("window.cy.nodes('.path').map(n => n.id())"))
