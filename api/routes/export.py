"""Exports of a graph view as GraphML (for Gephi) or CSV: a neighbourhood, shortest paths, the
citation tree, or the documents citing X."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Annotated, Literal

from danchieu.api import resolver, views
from danchieu.api.deps import DriverDep, SettingsDep
from danchieu.api.models import GraphOut, Node
from danchieu.api.params import FiltersDep, Page
from danchieu.api.problems import Problem
from danchieu.api.routes.graph import RelType
from danchieu.graph.driver import AsyncDriver
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from danchieu.config import Settings

router = APIRouter(prefix="/export", tags=["export"])
View = Literal["neighborhood", "path", "tree", "citing"]
EXPORT_LIMIT = 100
NODE_FIELDS = ("kind", "name", "type", "date", "number", "issuer")
EDGE_FIELDS = ("type", "kind", "document_key", "label")


async def _graph(driver: AsyncDriver, settings: Settings, view: str, key: str | None, source: str | None,
                 target: str | None, rel: str | None, direction: str, depth: int, limit: int,
                 filters: dict) -> GraphOut:
    """The graph of one view, built by the same code as the JSON endpoints."""
    if view == "path":
        if not source or not target:
            raise Problem(422, "view=path needs source and target")
        s = await resolver.resolve_key(driver, settings, source)
        t = await resolver.resolve_key(driver, settings, target)
        return await views.paths(driver, settings, s, t, 6, 5)
    if not key:
        raise Problem(422, f"view={view} needs key")
    if view == "neighborhood":
        k = await resolver.resolve_key(driver, settings, key)
        n = await views.neighborhood(driver, settings, k, rel, direction, Page(limit=limit, skip=0))
        return GraphOut(nodes=n.nodes, edges=n.edges)
    k = await resolver.resolve_document_key(driver, settings, key)
    if view == "tree":
        return await views.citation_tree(driver, settings, k, direction, depth)
    page = await views.citing(driver, settings, k, depth, filters, Page(limit=limit, skip=0))
    center = await views.node_card(driver, settings, k)
    nodes = {center.id: center}
    raw_edges = []
    for item in page.items:
        nodes.setdefault(item.key, Node(id=item.key, kind="document", name=item.name, type=item.type,
                                        date=item.date, number=item.number, issuer=item.issuer))
        raw_edges.append({"type": "CITES", "source": item.key, "target": item.via, "kind": item.kind,
                          "ev_sentence": [e.sentence for e in item.evidence]})
    node_list, edges = views.build_graph(nodes, raw_edges)
    return GraphOut(nodes=node_list, edges=edges)


def to_graphml(graph: GraphOut) -> str:
    """GraphML with node and edge attributes declared as strings (Gephi reads them as columns)."""
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", xmlns=ns)
    for f in NODE_FIELDS:
        ET.SubElement(root, "key", {"id": f"n_{f}", "for": "node", "attr.name": f, "attr.type": "string"})
    for f in EDGE_FIELDS + ("evidence",):
        ET.SubElement(root, "key", {"id": f"e_{f}", "for": "edge", "attr.name": f, "attr.type": "string"})
    g = ET.SubElement(root, "graph", id="danchieu", edgedefault="directed")
    for node in graph.nodes:
        el = ET.SubElement(g, "node", id=node.id)
        for f in NODE_FIELDS:
            value = getattr(node, f)
            if value is not None:
                ET.SubElement(el, "data", key=f"n_{f}").text = str(value)
    for edge in graph.edges:
        el = ET.SubElement(g, "edge", id=edge.id, source=edge.source, target=edge.target)
        for f in EDGE_FIELDS:
            value = getattr(edge, f)
            if value is not None:
                ET.SubElement(el, "data", key=f"e_{f}").text = str(value)
        sentences = [e.sentence for e in edge.evidence if e.sentence]
        if sentences:
            ET.SubElement(el, "data", key="e_evidence").text = " | ".join(sentences)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def to_csv(graph: GraphOut, table: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    if table == "nodes":
        writer.writerow(("id",) + NODE_FIELDS)
        for n in graph.nodes:
            writer.writerow([n.id] + [getattr(n, f) or "" for f in NODE_FIELDS])
    else:
        writer.writerow(("source", "target") + EDGE_FIELDS + ("evidence",))
        for e in graph.edges:
            writer.writerow([e.source, e.target] + [getattr(e, f) or "" for f in EDGE_FIELDS]
                            + [json.dumps([x.sentence for x in e.evidence], ensure_ascii=False)])
    return buf.getvalue()


@dataclass(frozen=True, slots=True)
class ExportedView:
    name: str
    graph: GraphOut


async def exported_view(
    driver: DriverDep, settings: SettingsDep, filters: FiltersDep,
    view: View = "neighborhood",
    key: Annotated[str | None, Query(max_length=300)] = None,
    source: Annotated[str | None, Query(max_length=300)] = None,
    target: Annotated[str | None, Query(max_length=300)] = None,
    rel: RelType | None = None,
    direction: Literal["out", "in", "both"] = "both",
    depth: Annotated[int, Query(ge=1, le=3, description="tree and citing: steps")] = 1,
    limit: Annotated[int, Query(ge=1, le=EXPORT_LIMIT)] = EXPORT_LIMIT,
) -> ExportedView:
    """The view the query parameters name; both export formats take it as a dependency."""
    graph = await _graph(driver, settings, view, key, source, target, rel, direction, depth, limit, filters)
    return ExportedView(view, graph)


ExportedViewDep = Annotated[ExportedView, Depends(exported_view)]


@router.get("/graphml", response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
async def export_graphml(exported: ExportedViewDep) -> Response:
    """The view as GraphML, ready for Gephi."""
    return Response(to_graphml(exported.graph), media_type="application/graphml+xml",
                    headers={"Content-Disposition": f'attachment; filename="danchieu-{exported.name}.graphml"'})


@router.get("/csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
async def export_csv(exported: ExportedViewDep, table: Literal["edges", "nodes"] = "edges") -> Response:
    """The view's edges (or nodes) as CSV, one row each, evidence sentences as a JSON list."""
    return Response(to_csv(exported.graph, table), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="danchieu-{exported.name}-{table}.csv"'})
