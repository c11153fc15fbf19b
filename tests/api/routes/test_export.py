"""Exports: GraphML for Gephi and CSV of a neighbourhood, a path, a tree or the citing list."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from tests.api.conftest import assert_problem

pytestmark = pytest.mark.neo4j
NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_neighborhood_as_graphml_parses_and_has_every_node_and_edge(client, seed_graph):
    r = client.get("/v1/export/graphml", params={"key": seed_graph.tb2021})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(r.content)
    nodes = {n.get("id") for n in root.iterfind(".//g:node", NS)}
    assert {seed_graph.tb2021, seed_graph.nq, seed_graph.hiep} <= nodes
    edges = list(root.iterfind(".//g:edge", NS))
    assert len(edges) == 5
    labels = [d.text for d in root.iterfind(".//g:edge/g:data[@key='e_label']", NS)]
    assert any(label and "thực hiện" in label for label in labels)


def test_citing_list_as_csv_has_one_row_per_citing_document_with_evidence(client, seed_graph):
    r = client.get("/v1/export/csv", params={"view": "citing", "key": f"Nghị quyết {seed_graph.nq_ordinal}"})
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["source"] for row in rows} == {seed_graph.tb2021, seed_graph.tb2023}
    assert all(row["target"] == seed_graph.nq and "Nghị quyết số" in row["evidence"] for row in rows)


def test_tree_nodes_as_csv(client, seed_graph):
    r = client.get("/v1/export/csv", params={"view": "tree", "key": seed_graph.tb2023, "table": "nodes"})
    ids = {row["id"] for row in csv.DictReader(io.StringIO(r.text))}
    assert {seed_graph.tb2023, seed_graph.nq, seed_graph.article} <= ids


def test_path_export(client, seed_graph):
    r = client.get("/v1/export/graphml", params={"view": "path", "source": seed_graph.pmc,
                                                 "target": seed_graph.bac_giang})
    assert r.status_code == 200
    assert len(list(ET.fromstring(r.content).iterfind(".//g:edge", NS))) == 2


def test_empty_view_exports_a_header_only(client, seed_graph):
    r = client.get("/v1/export/csv", params={"view": "citing", "key": seed_graph.lonely})
    assert r.text.strip().splitlines() == ["source,target,type,kind,document_key,label,evidence"]


def test_export_errors(client, seed_graph):
    assert_problem(client.get("/v1/export/graphml", params={"view": "path", "source": seed_graph.pmc}), 422)
    assert_problem(client.get("/v1/export/graphml"), 422)
    assert_problem(client.get("/v1/export/csv", params={"view": "sideways", "key": seed_graph.nq}), 422)
    assert_problem(client.get("/v1/export/csv", params={"key": "1/NONE-X@1999"}), 404)
