"""Pages over a heavily connected node are shared per graph version (api/hub_pages.py, issue 16: a
decree cited 78,277 times must not be read again for each of 50 clients) — the same answer as the
direct read, and never a page of an older graph: any committed write starts a new version."""

from __future__ import annotations

import pytest
from danchieu.api.hub_pages import HubPages

from tests.api.conftest import temporary_document

pytestmark = pytest.mark.neo4j


@pytest.fixture
def every_node_a_hub(client):
    state = client.app.state
    kept = getattr(state, "hub_pages", None)
    state.hub_pages = HubPages(hub_degree=0)
    yield state.hub_pages
    state.hub_pages = kept


def _citing(client, key: str) -> dict:
    response = client.get(f"/v1/documents/{key}/citing", params={"limit": 50})
    assert response.status_code == 200, response.text
    return response.json()


def _neighbours(client, key: str) -> dict:
    response = client.get("/v1/graph/neighborhood", params={"key": key, "limit": 50})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_hub_page_is_the_direct_page_and_follows_every_write(client, seed_graph, sync_driver, neo4j_settings,
                                                               every_node_a_hub):
    client.app.state.hub_pages = HubPages(hub_degree=10**9)  # nothing is a hub: the direct read
    direct_citing, direct_neighbours = _citing(client, seed_graph.nq), _neighbours(client, seed_graph.nq)
    direct_person = client.get(f"/v1/persons/{seed_graph.hiep}").json()
    direct_detail = client.get(f"/v1/documents/{seed_graph.nq}").json()
    client.app.state.hub_pages = every_node_a_hub
    assert _citing(client, seed_graph.nq) == direct_citing
    assert _neighbours(client, seed_graph.nq) == direct_neighbours
    assert client.get(f"/v1/persons/{seed_graph.hiep}").json() == direct_person
    assert client.get(f"/v1/documents/{seed_graph.nq}").json() == direct_detail
    assert _citing(client, seed_graph.nq) == direct_citing  # the kept page
    assert len(every_node_a_hub.pages._entries) == 4

    key = f"998/TB-VPCP-{seed_graph.run}@2024"
    with temporary_document(sync_driver, neo4j_settings.neo4j_database,
                            "MATCH (t:Document {key: $target}) "
                            "CREATE (:Document {key: $key, name: 'Thông báo 998', type: 'Thông báo', "
                            "year: 2024, date: date('2024-01-02')})-[:CITES {kind: 'implements'}]->(t)",
                            key, target=seed_graph.nq):
        after = _citing(client, seed_graph.nq)
        assert after["total"] == direct_citing["total"] + 1
        assert key in {item["key"] for item in after["items"]}
        assert _neighbours(client, seed_graph.nq)["total"] == direct_neighbours["total"] + 1
        detail = client.get(f"/v1/documents/{seed_graph.nq}").json()
        assert key in {c["key"] for c in detail["citations_in"]}
    assert _citing(client, seed_graph.nq) == direct_citing


def test_the_degree_is_read_from_the_store_and_unknown_keys_have_none(seed_graph, api_settings):
    from danchieu.graph.driver import create_async_driver

    from tests.conftest import run_async

    async def degrees() -> tuple[int, int]:
        pages, driver = HubPages(), create_async_driver(api_settings)
        try:
            return (await pages.degree(driver, api_settings, seed_graph.nq),
                    await pages.degree(driver, api_settings, f"no-such-key-{seed_graph.run}"))
        finally:
            await driver.close()

    known, unknown = run_async(degrees)
    assert known >= 2 and unknown == 0
