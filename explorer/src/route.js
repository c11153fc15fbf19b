// Edge routing: no edge may pass under a node it does not join. A straight line from one node to
// another can cross a third (a citation that skips a rank of the tree, a hub's wide group node in
// the row between them); such an edge is bent around the nodes in its way with one or two bends
// (Cytoscape "segments"), and parallel edges between the same two nodes are spread apart the same
// way so none of them hides under a node either. Pure geometry, so it runs before every PNG export
// and after every layout, and a test can check the result with the same functions.

const PAD = 4; // clearance around a node's box, in model pixels
const OFFSETS = [28, 48, 72, 100, 135, 175, 225, 290, 370, 460];
const BRACKET = [0.12, 0.88]; // two bends near the ends: the edge runs beside a row of nodes

/** Does the segment p→q cross the box {x1, y1, x2, y2}? (Liang–Barsky clipping.) */
export function segmentHitsBox(p, q, box) {
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  for (const [pk, qk] of [[-dx, p.x - box.x1], [dx, box.x2 - p.x], [-dy, p.y - box.y1], [dy, box.y2 - p.y]]) {
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const r = qk / pk;
      if (pk < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The boxes an edge must not cross: every visible node except its ends and the compounds holding them. */
export function obstacles(cy, pad = PAD, includeLabels = false) {
  return cy.nodes().filter((n) => n.visible()).map((n) => {
    const bb = n.boundingBox({ includeLabels: includeLabels && !n.isParent(), includeOverlays: false });
    return { node: n, id: n.id(), box: { x1: bb.x1 - pad, y1: bb.y1 - pad, x2: bb.x2 + pad, y2: bb.y2 + pad } };
  });
}

function allowed(edge) {
  const ids = new Set([edge.source().id(), edge.target().id()]);
  edge.source().ancestors().forEach((a) => ids.add(a.id()));
  edge.target().ancestors().forEach((a) => ids.add(a.id()));
  return ids;
}

/** The polyline an edge is drawn along now: source endpoint, its bends, target endpoint. */
export function drawnPath(edge) {
  const pts = [edge.sourceEndpoint()];
  if (edge.pstyle("curve-style").value === "segments") pts.push(...(edge.segmentPoints() || []));
  pts.push(edge.targetEndpoint());
  return pts;
}

/** The nodes a drawn edge passes under (ids): an empty list is the rule. */
export function crossings(edge, boxes) {
  const skip = allowed(edge);
  const pts = drawnPath(edge);
  const hit = [];
  for (const b of boxes) {
    if (skip.has(b.id)) continue;
    for (let i = 0; i + 1 < pts.length; i++) {
      if (segmentHitsBox(pts[i], pts[i + 1], b.box)) {
        hit.push(b.id);
        break;
      }
    }
  }
  return hit;
}

/** Points of a route: bends at `weights` along s→t, `d` to the left of it (y grows downwards). */
function routePoints(s, t, d, weights) {
  const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const nx = -(t.y - s.y) / len;
  const ny = (t.x - s.x) / len;
  return [s, ...weights.map((w) => ({ x: s.x + (t.x - s.x) * w + nx * d, y: s.y + (t.y - s.y) * w + ny * d })), t];
}

function clear(points, boxes, skip) {
  for (const b of boxes) {
    if (skip.has(b.id)) continue;
    for (let i = 0; i + 1 < points.length; i++) if (segmentHitsBox(points[i], points[i + 1], b.box)) return false;
  }
  return true;
}

/**
 * Routes every visible edge so that it passes under no node. Edges already clear stay straight; the
 * others get the smallest bend that clears the nodes (and their labels, where one does). Returns how many edges were bent and how
 * many could not be cleared (0 on every layout the explorer makes).
 */
export function routeEdges(cy) {
  const boxes = obstacles(cy);
  const labelled = obstacles(cy, PAD, true); // a bend also keeps clear of labels where it can
  const edges = cy.edges().filter((e) => e.visible() && e.source().id() !== e.target().id());
  // parallel edges (same two nodes, either way) are spread apart: the first straight, then ±offsets
  const siblings = new Map();
  edges.forEach((e) => {
    const pair = [e.source().id(), e.target().id()].sort().join("\u0000");
    if (!siblings.has(pair)) siblings.set(pair, []);
    siblings.get(pair).push(e);
  });
  let bent;
  let blocked = 0;
  const plan = [];
  for (const group of siblings.values()) {
    const used = [];
    group.forEach((e, i) => {
      const s = e.source().position();
      const t = e.target().position();
      const skip = allowed(e);
      const spread = i === 0 ? 0 : Math.ceil(i / 2) * 26 * (i % 2 ? 1 : -1);
      const tries = [];
      if (spread === 0) tries.push({ d: 0, weights: [] });
      for (const base of [spread, ...OFFSETS.flatMap((o) => [o, -o])]) {
        if (base === 0) continue;
        tries.push({ d: base, weights: [0.5] }, { d: base, weights: BRACKET });
      }
      const free = (r, obs) => !used.includes(r.d) && clear(routePoints(s, t, r.d, r.weights), obs, skip);
      const route = (tries[0].d === 0 && free(tries[0], boxes) ? tries[0] : null)
        || tries.find((r) => free(r, labelled)) || tries.find((r) => free(r, boxes));
      if (!route) blocked++;
      const chosen = route || { d: 0, weights: [] };
      used.push(chosen.d);
      plan.push([e, chosen]);
    });
  }
  const apply = (sign) => cy.batch(() => {
    for (const [e, r] of plan) {
      if (!r.weights.length) e.style({ "curve-style": "straight" });
      else e.style({ "curve-style": "segments", "segment-distances": r.weights.map(() => sign * r.d).join(" "), "segment-weights": r.weights.join(" ") });
    }
  });
  apply(distanceSign);
  // Which side of the line a positive segment distance means is Cytoscape's convention: check it on
  // the first bent edge and flip once if it is the other side.
  const probe = plan.find(([, r]) => r.weights.length);
  if (probe) {
    const [e, r] = probe;
    const want = routePoints(e.source().position(), e.target().position(), r.d, r.weights)[1];
    const got = (e.segmentPoints() || [])[0];
    if (got && Math.hypot(got.x - want.x, got.y - want.y) > 1) {
      distanceSign = -distanceSign;
      apply(distanceSign);
    }
  }
  bent = plan.filter(([, r]) => r.weights.length).length;
  return { bent, blocked };
}

let distanceSign = 1;
