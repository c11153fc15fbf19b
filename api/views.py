"""The graph views several routes and the exports share: citing documents (the headline query),
neighbourhood, shortest paths, the citation tree and citation chains."""

from __future__ import annotations

from typing import Any

from danchieu.api.models import (
    CitingItem,
    CitingPage,
    CitingSigner,
    DocumentSummary,
    Edge,
    GraphOut,
    HubOut,
    Neighborhood,
    Node,
    SnapshotIn,
    SnapshotOut,
)
from danchieu.api.params import Page
from danchieu.api.problems import Problem
from danchieu.api.shape import encode_cursor, evidence, to_edge, to_node
from danchieu.graph import aio as db
from danchieu.graph.driver import AsyncDriver

from danchieu.config import Settings
from danchieu.errors import NotFound

CITING_CAP = 5000  # documents examined per request; `truncated` says when there were more
TREE_EDGE_CAP = 2000
HUB_CAP = 3000  # relationships returned at once by the hub view; `truncated` says when there are more
HUB_EVIDENCE_CAP = 3  # evidence items per hub edge; `evidence_total` says how many exist


def build_graph(nodes: dict[str, Node], raw_edges: list[dict[str, Any]]) -> tuple[list[Node], list[Edge]]:
    names = {k: n.name for k, n in nodes.items()}
    edges: dict[str, Edge] = {}
    for raw in raw_edges:
        edge = to_edge(raw, names)
        edges.setdefault(edge.id, edge)
    return list(nodes.values()), list(edges.values())


async def node_card(driver: AsyncDriver, settings: Settings, key: str) -> Node:
    rows = await db.read(driver, settings, "api/node_card", key=key)
    if not rows:
        raise NotFound(f"no node has the key {key!r}")
    return to_node(rows[0]["node"])


async def citing(driver: AsyncDriver, settings: Settings, key: str, depth: int,
                 filters: dict[str, Any], page: Page) -> CitingPage:
    """Documents citing ``key`` (up to ``depth`` steps away), filtered, with signers and evidence."""
    if depth == 1:
        return await _citing_direct(driver, settings, key, filters, page)
    target_rows = await db.read(driver, settings, "api/documents_by_keys", keys=[key])
    if not target_rows:
        raise NotFound(f"no document has the key {key!r}")
    # transitive: breadth-first up the citations, one round trip per level, then filter and page
    truncated = False
    found: dict[str, dict[str, Any]] = {key: {"key": key, "via": key, "distance": 0}}
    frontier = [key]
    for distance in range(1, depth + 1):
        step = await db.read(driver, settings, "api/citing_frontier", keys=frontier, cap=CITING_CAP + 1)
        fresh = [r for r in step if r["key"] not in found]
        for r in fresh:
            found[r["key"]] = {"key": r["key"], "via": r["via"], "distance": distance}
        frontier = [r["key"] for r in fresh]
        if len(found) > CITING_CAP or len(step) > CITING_CAP:
            truncated = True
            break
        if not frontier:
            break
    candidates = [r for k, r in found.items() if k != key][:CITING_CAP]
    rows = await db.read(driver, settings, "api/citing_filter", rows=candidates, **filters) if candidates else []
    page_rows = rows[page.skip: page.skip + page.limit]
    details = await db.read(driver, settings, "api/citing_details", rows=page_rows) if page_rows else []
    by_key = {d["key"]: d for d in details}
    items = [_citing_item(by_key[r["key"]]) for r in page_rows if r["key"] in by_key]
    more = page.skip + page.limit < len(rows)
    return CitingPage(target=DocumentSummary(**target_rows[0]), total=len(rows), truncated=truncated, items=items,
                      next_cursor=encode_cursor(page.skip + page.limit) if more else None)


async def _citing_direct(driver: AsyncDriver, settings: Settings, key: str, filters: dict[str, Any],
                         page: Page) -> CitingPage:
    """Depth 1 in a single round trip (the explorer's and the analysts' most frequent request)."""
    rows = await db.read(driver, settings, "api/citing_page", key=key, cap=CITING_CAP + 1, skip=page.skip,
                         limit=page.limit, **filters)
    if not rows:
        raise NotFound(f"no document has the key {key!r}")
    total = int(rows[0]["total"])
    items = [_citing_item(r["item"]) for r in rows if r["item"] is not None]
    more = page.skip + page.limit < min(total, CITING_CAP)
    return CitingPage(target=DocumentSummary(**rows[0]["target"]), total=min(total, CITING_CAP),
                      truncated=total > CITING_CAP, items=items,
                      next_cursor=encode_cursor(page.skip + page.limit) if more else None)


def _citing_item(row: dict[str, Any]) -> CitingItem:
    fields: dict[str, Any] = {k: row.get(k) for k in ("key", "name", "number", "type", "type_code", "issuer", "date",
                                                      "date_source", "year", "title", "placeholder", "distance",
                                                      "via", "via_name", "kind")}
    fields |= {"pinpoints": row.get("pinpoints") or [], "evidence": evidence(row),
               "signers": [CitingSigner(**s) for s in row.get("signers") or []]}
    return CitingItem.model_validate(fields)


def _center_and_pairs(row: dict[str, Any]) -> tuple[Node, dict[str, Node]]:
    """The centre node of a neighbourhood row and every node of its pairs, each once."""
    center = to_node(row["center"])
    nodes = {center.id: center}
    for pair in row["pairs"]:
        node = to_node(pair["node"])
        nodes.setdefault(node.id, node)
    return center, nodes


async def neighborhood(driver: AsyncDriver, settings: Settings, key: str, rel: str | None,
                       direction: str, page: Page) -> Neighborhood:
    rows = await db.read(driver, settings, "api/neighborhood", key=key, rel=rel, direction=direction,
                         skip=page.skip, limit=page.limit)
    if not rows:
        raise NotFound(f"no node has the key {key!r}")
    row = rows[0]
    center, nodes = _center_and_pairs(row)
    node_list, edges = build_graph(nodes, [p["edge"] for p in row["pairs"]])
    total = int(row["total"])
    more = page.skip + page.limit < total
    return Neighborhood(center=center.id, nodes=node_list, edges=edges, total=total,
                        next_cursor=encode_cursor(page.skip + page.limit) if more else None)


async def paths(driver: AsyncDriver, settings: Settings, source: str, target: str, max_depth: int,
                limit: int, citations_only: bool = False) -> GraphOut:
    if source == target:
        raise Problem(422, "source and target are the same node")
    await node_card(driver, settings, source)
    await node_card(driver, settings, target)
    name = "api/citation_chain" if citations_only else "api/shortest_paths"
    rows = await db.read(driver, settings, name, source=source, target=target, max_depth=max_depth, limit=limit)
    return _paths_graph(rows)


def _paths_graph(rows: list[dict[str, Any]]) -> GraphOut:
    """One graph from rows of paths (``nodes``, ``edges``), each node once."""
    nodes: dict[str, Node] = {}
    raw_edges: list[dict[str, Any]] = []
    for row in rows:
        for raw in row["nodes"]:
            node = to_node(raw)
            nodes.setdefault(node.id, node)
        raw_edges.extend(row["edges"])
    node_list, edges = build_graph(nodes, raw_edges)
    return GraphOut(nodes=node_list, edges=edges)


async def citation_paths(driver: AsyncDriver, settings: Settings, source: str, target: str, max_depth: int,
                         limit: int) -> GraphOut:
    """Shortest chains of citations only, in either direction (each hop keeps its own direction)."""
    if source == target:
        raise Problem(422, "source and target are the same node")
    for key in (source, target):
        if (await node_card(driver, settings, key)).kind != "document":
            raise Problem(422, f"{key!r} is not a document: citation paths join documents")
    rows = await db.read(driver, settings, "api/citation_path_undirected", source=source, target=target,
                         max_depth=max_depth, limit=limit)
    return _paths_graph(rows)


async def hub(driver: AsyncDriver, settings: Settings, key: str, rel: str | None, direction: str) -> HubOut:
    rows = await db.read(driver, settings, "api/hub_neighbours", key=key, rel=rel, direction=direction, cap=HUB_CAP,
                         ev_cap=HUB_EVIDENCE_CAP)
    if not rows:
        raise NotFound(f"no node has the key {key!r}")
    row = rows[0]
    center, nodes = _center_and_pairs(row)
    names = {k: n.name for k, n in nodes.items()}
    edges: dict[str, Edge] = {}
    for pair in row["pairs"]:
        edge = to_edge(pair["edge"], names)
        count = int(pair["edge"].get("ev_count") or 0)
        if edge.id in edges:  # a parallel relationship (another task, another mention): one edge, all evidence
            edges[edge.id].evidence.extend(edge.evidence)
            edges[edge.id].evidence_total = (edges[edge.id].evidence_total or 0) + count
        else:
            edges[edge.id] = edge.model_copy(update={"evidence_total": count})
    total = int(row["total"])
    return HubOut(center=center.id, nodes=list(nodes.values()), edges=list(edges.values()), total=total,
                  loaded=len(edges), truncated=total > len(edges))


MAX_ALIAS_LOOKUPS = 50  # missing keys looked up in `aliases` (a scan): a dead link says what is gone either way


async def snapshot(driver: AsyncDriver, settings: Settings, body: SnapshotIn) -> SnapshotOut:
    """A shared view again, from its keys: what is still there, what was renamed (a key kept in a
    document's ``aliases``) and what is gone — never a silent gap."""
    asked = list(dict.fromkeys(body.nodes + [k for e in body.edges for k in (e.source, e.target)]))
    found: dict[str, Node] = {}
    for row in await db.read(driver, settings, "api/snapshot_nodes", keys=asked):
        found[row["asked"]] = to_node(row["node"])
    renamed: dict[str, str] = {}
    missing = [k for k in asked if k not in found]
    if missing:
        rows = await db.read(driver, settings, "api/snapshot_aliases", keys=missing[:MAX_ALIAS_LOOKUPS])
        for row in rows:
            renamed.setdefault(row["old"], row["key"])
        if renamed:
            for row in await db.read(driver, settings, "api/snapshot_nodes", keys=sorted(set(renamed.values()))):
                for old, new in renamed.items():
                    if new == row["asked"]:
                        found[old] = to_node(row["node"])
    nodes = {n.id: n for k, n in found.items() if k in body.nodes}
    wanted = {(renamed.get(e.source, e.source), e.type, renamed.get(e.target, e.target)):
              f"{e.type}:{e.source}->{e.target}" for e in body.edges}
    rows = await db.read(driver, settings, "api/snapshot_edges",
                         edges=[{"source": s, "type": t, "target": g} for s, t, g in wanted])
    names = {n.id: n.name for n in found.values()}
    edges: dict[str, Edge] = {}
    for row in rows:
        edge = to_edge(row["edge"], names)
        if edge.id in edges:  # parallel relationships: one edge with all their evidence
            edges[edge.id].evidence.extend(edge.evidence)
        else:
            edges[edge.id] = edge
    gone = [ref for (s, t, g), ref in wanted.items() if f"{t}:{s}->{g}" not in edges]
    return SnapshotOut(nodes=list(nodes.values()), edges=list(edges.values()), renamed=renamed,
                       missing_nodes=[k for k in body.nodes if k not in found], missing_edges=gone)


async def citation_tree(driver: AsyncDriver, settings: Settings, key: str, direction: str,
                        depth: int) -> GraphOut:
    """Documents within ``depth`` CITES steps of ``key``, each node and edge once."""
    center = await node_card(driver, settings, key)
    nodes = {center.id: center}
    raw_edges: list[dict[str, Any]] = []
    frontier = [key]
    for _ in range(depth):
        rows = await db.read(driver, settings, "api/citation_tree_step", keys=frontier, direction=direction,
                             cap=TREE_EDGE_CAP)
        frontier = []
        for row in rows:
            node = to_node(row["node"])
            if node.id not in nodes:
                nodes[node.id] = node
                frontier.append(node.id)
            raw_edges.append(row["edge"])
        if not frontier or len(raw_edges) >= TREE_EDGE_CAP:
            break
    node_list, edges = build_graph(nodes, raw_edges)
    return GraphOut(nodes=node_list, edges=edges)
