"""API test fixtures: the real app (lifespan, async driver) against the real Neo4j, and a small
graph shaped like the seeds, built under unique keys and removed after the session."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tests.api.graph_builder import GraphBuilder
from tests.conftest import unique

API_KEY = "test-key-" + unique("k")


@pytest.fixture(scope="session")
def api_settings(neo4j_settings, tmp_path_factory):
    return neo4j_settings.model_copy(update={
        "api_keys": f"other-key-that-is-not-used,{API_KEY}",
        "upload_dir": tmp_path_factory.mktemp("uploads"),
        "aggregate_dir": tmp_path_factory.mktemp("aggregates"),
        "max_upload_bytes": 200_000,
        # A busy machine (CI shares two cores with Neo4j and Chromium) must not turn a slow answer into
        # a failed test: the time limit is generous here, and the 504 path is tested with an explicit
        # per-query limit (test_cypher.py).
        "query_timeout_s": 120.0,
        "cypher_row_cap": 50,
    })


@pytest.fixture(scope="session")
def sync_driver(neo4j_settings):
    from danchieu.graph.driver import create_driver

    driver = create_driver(neo4j_settings)
    driver.verify_connectivity()
    yield driver
    driver.close()


@contextmanager
def temporary_document(driver, database: str, create: str, key: str, **params) -> Iterator[None]:
    """A document written by the Cypher ``create`` (its key is ``$key``) for the ``with`` block, removed
    after it whatever happened: a test sees the API follow a write, then the graph as it was."""
    driver.execute_query(create, key=key, database_=database, **params)
    try:
        yield
    finally:
        driver.execute_query("MATCH (d:Document {key: $key}) DETACH DELETE d", key=key, database_=database)


@pytest.fixture(scope="session")
def client(api_settings) -> Iterator[TestClient]:
    from danchieu.api.app import create_app

    with TestClient(create_app(api_settings), raise_server_exceptions=False) as c:
        yield c


@dataclass
class SeedGraph:
    """Keys of the test graph (ordinals are random so that no real document is touched)."""

    run: str
    nq: str  # Nghị quyết {a}/NQ-CP of 11/10/2021
    nq_ordinal: str
    tb2021: str  # Thông báo {b}/TB-VPCP implementing it
    tb2023: str  # an unnumbered 2023 notice implementing it
    article: str  # a news report on the 2023 notice
    placeholder: str  # a law cited but not ingested
    ambiguous_ordinal: str  # two Nghị quyết share this ordinal
    ct2020: str
    ct2021: str
    ct_number: str
    hiep: str
    pmc: str
    vpcp: str
    bac_giang: str
    bac_ninh: str
    lonely: str  # a document nobody cites, citing nothing


@pytest.fixture(scope="session")
def seed_graph(sync_driver, neo4j_settings) -> Iterator[SeedGraph]:
    run = unique("api").split("-")[1]
    a, b, c, d, e, f = (str(n) for n in random.sample(range(90000, 99999), 6))
    g = GraphBuilder()
    hiep = g.entity("Person", f"person:nguyen-sy-hiep-{run}", "Nguyễn Sỹ Hiệp")
    pmc = g.entity("Person", f"person:pham-minh-chinh-{run}", "Phạm Minh Chính")
    vpcp = g.entity("Agency", f"agency:van-phong-chinh-phu-{run}", "Văn phòng Chính phủ", abbreviation="VPCP")
    bn = g.entity("Province", f"province:bac-ninh-{run}", "Bắc Ninh", code="27")
    bg = g.entity("Province", f"province:bac-giang-{run}", "Bắc Giang", code="24")
    nq = g.document("Nghị quyết", "NQ", f"{a}/NQ-CP", "2021-10-11", issuer="Chính phủ", issuer_code="CP",
                    title="Ban hành Quy định tạm thời thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19",
                    text="NGHỊ QUYẾT Ban hành Quy định tạm thời thích ứng an toàn, linh hoạt.")
    tb_text = (f"Thủ tướng Chính phủ Phạm Minh Chính chủ trì cuộc họp về triển khai thực hiện Nghị quyết số "
               f"{a}/NQ-CP của Chính phủ về thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch COVID-19. "
               "Tỉnh Bắc Giang báo cáo tình hình dịch bệnh trên địa bàn.\n\n"
               "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp")
    tb2021 = g.document("Thông báo", "TB", f"{b}/TB-VPCP", "2021-10-27", issuer="Văn phòng Chính phủ",
                        issuer_code="VPCP", title="Kết luận của Thủ tướng Chính phủ Phạm Minh Chính", text=tb_text)
    law = g.document("Nghị quyết", "NQ", f"{c}/2023/QH15", "2023-06-24", issuer="Quốc hội", placeholder=True)
    tb23_text = (f"Để tiếp tục thực hiện Nghị quyết số {a}/NQ-CP ngày 11/10/2021 của Chính phủ và Nghị quyết số "
                 f"{c}/2023/QH15 của Quốc hội, Ban Chỉ đạo đề nghị tỉnh Bắc Ninh tổng kết công tác phòng, chống dịch."
                 "\n\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Sỹ Hiệp")
    tb2023 = g.document("Thông báo", "TB", None, "2023-09-12", issuer="Văn phòng Chính phủ", issuer_code="VPCP",
                        title="Kết luận tổng kết công tác phòng, chống dịch COVID-19", text=tb23_text)
    art_text = "Văn phòng Chính phủ vừa có Thông báo kết luận về tổng kết công tác phòng, chống dịch COVID-19."
    article = g.document("Bài báo", None, None, "2023-09-13", text=art_text)
    amb1 = g.document("Nghị quyết", "NQ", f"{d}/NQ-CP", "2020-01-02", issuer="Chính phủ")
    amb2 = g.document("Nghị quyết", "NQ", f"{d}/NQ-HĐND", "2022-05-06", issuer="Hội đồng nhân dân tỉnh Bắc Giang")
    ct2020 = g.document("Chỉ thị", "CT", f"{e}/CT-TTg", "2020-03-31", issuer="Thủ tướng Chính phủ")
    ct2021 = g.document("Chỉ thị", "CT", f"{e}/CT-TTg", "2021-07-01", issuer="Thủ tướng Chính phủ")
    lonely = g.document("Quyết định", "QĐ", f"{f}/QĐ-TTg", "2022-02-02", issuer="Thủ tướng Chính phủ", text="")

    g.cites(tb2021, nq, "thực hiện", f"Nghị quyết số {a}/NQ-CP")
    g.cites(tb2023, nq, "thực hiện", f"Nghị quyết số {a}/NQ-CP ngày 11/10/2021")
    g.cites(tb2023, law, "thực hiện", f"Nghị quyết số {c}/2023/QH15")
    g.cites(article, tb2023, "trích dẫn", "Thông báo kết luận")
    g.rel("REPORTS_ON", article, tb2023, article, ["Thông báo kết luận"])
    for doc in (tb2021, tb2023):
        g.signed(hiep, doc, "Nguyễn Sỹ Hiệp", "Phó Chủ nhiệm", "KT. Bộ trưởng, Chủ nhiệm")
        g.rel("ISSUED", vpcp, doc)
    g.mentions(tb2021, pmc, "Phạm Minh Chính", ["Thủ tướng Chính phủ"])
    g.mentions(tb2021, bg, "Bắc Giang")
    g.mentions(tb2023, bn, "Bắc Ninh")
    g.mentions(article, vpcp, "Văn phòng Chính phủ")
    g.rel("MERGED_INTO", bg, bn, effective="2025-07-01")
    g.create(sync_driver, neo4j_settings.neo4j_database)
    try:
        yield SeedGraph(run=run, nq=nq, nq_ordinal=a, tb2021=tb2021, tb2023=tb2023, article=article,
                        placeholder=law, ambiguous_ordinal=d, ct2020=ct2020, ct2021=ct2021, ct_number=f"{e}/CT-TTg",
                        hiep=hiep, pmc=pmc, vpcp=vpcp, bac_giang=bg, bac_ninh=bn, lonely=lonely)
    finally:
        g.delete(sync_driver, neo4j_settings.neo4j_database)
        assert amb1 and amb2


def assert_problem(response, status: int) -> dict:
    """The response is an application/problem+json with both titles and no stack trace."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["title_en"]
    assert "Traceback" not in response.text
    return body
