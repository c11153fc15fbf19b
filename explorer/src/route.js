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

/** Bends (as distance and weight along s→t) that pass through the points `pts`. */
function asBends(s, t, pts) {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len2 = dx * dx + dy * dy || 1;
  const len = Math.sqrt(len2);
  return { d: pts.map((p) => ((p.x - s.x) * -dy + (p.y - s.y) * dx) / len), weights: pts.map((p) => ((p.x - s.x) * dx + (p.y - s.y) * dy) / len2) };
}

/**
 * The way around what blocks every small bend (a hub's open group, 60 000 px wide in the tree
 * layout, between the two ends): along the outside of the boxes the straight line crosses, by the
 * nearer side, widening the detour to the boxes it then meets. Null if that fails too.
 */
function around(s, t, boxes, skip) {
  const hit = boxes.filter((b) => !skip.has(b.id) && segmentHitsBox(s, t, b.box));
  if (!hit.length) return null;
  const m = 24;
  let u = { x1: Math.min(...hit.map((b) => b.box.x1)) - m, y1: Math.min(...hit.map((b) => b.box.y1)) - m,
    x2: Math.max(...hit.map((b) => b.box.x2)) + m, y2: Math.max(...hit.map((b) => b.box.y2)) + m };
  for (let round = 0; round < 12; round++) {
    const vertical = Math.abs(t.y - s.y) >= Math.abs(t.x - s.x);
    // crossing a wide row: go round its left or right end; crossing a tall column: over or under it
    const sides = vertical
      ? [[{ x: u.x1, y: s.y < t.y ? u.y1 : u.y2 }, { x: u.x1, y: s.y < t.y ? u.y2 : u.y1 }], [{ x: u.x2, y: s.y < t.y ? u.y1 : u.y2 }, { x: u.x2, y: s.y < t.y ? u.y2 : u.y1 }]]
      : [[{ x: s.x < t.x ? u.x1 : u.x2, y: u.y1 }, { x: s.x < t.x ? u.x2 : u.x1, y: u.y1 }], [{ x: s.x < t.x ? u.x1 : u.x2, y: u.y2 }, { x: s.x < t.x ? u.x2 : u.x1, y: u.y2 }]];
    const length = (pts) => [s, ...pts, t].reduce((acc, p, i, a) => acc + (i ? Math.hypot(p.x - a[i - 1].x, p.y - a[i - 1].y) : 0), 0);
    sides.sort((a, b) => length(a) - length(b));
    for (const pts of sides) {
      if (clear([s, ...pts, t], boxes, skip)) return asBends(s, t, pts);
    }
    // widen to whatever the detours meet, and try again
    const more = boxes.filter((b) => !skip.has(b.id) && sides.some((pts) => {
      const path = [s, ...pts, t];
      return path.some((p, i) => i > 0 && segmentHitsBox(path[i - 1], p, b.box));
    }));
    if (!more.length) return null;
    u = { x1: Math.min(u.x1, ...more.map((b) => b.box.x1 - m)), y1: Math.min(u.y1, ...more.map((b) => b.box.y1 - m)),
      x2: Math.max(u.x2, ...more.map((b) => b.box.x2 + m)), y2: Math.max(u.y2, ...more.map((b) => b.box.y2 + m)) };
  }
  return null;
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
        || tries.find((r) => free(r, labelled)) || tries.find((r) => free(r, boxes)) || around(s, t, boxes, skip);
      if (!route) blocked++;
      const chosen = route || { d: 0, weights: [] };
      used.push(chosen.d);
      plan.push([e, chosen]);
    });
  }
  const style = (e, r, sign) => {
    const ds = Array.isArray(r.d) ? r.d : r.weights.map(() => r.d);
    e.style({ "curve-style": "segments", "segment-distances": ds.map((d) => sign * d).join(" "), "segment-weights": r.weights.join(" ") });
  };
  cy.batch(() => {
    for (const [e, r] of plan) {
      if (!r.weights.length) e.style({ "curve-style": "straight" });
      else style(e, r, 1);
    }
  });
  // Cytoscape measures a segment distance from the line between the two nodes taken in its own
  // order of the pair (not always source → target), so the side can come out mirrored: check on
  // which side of the line each bent edge's bends lie, and mirror the ones that are wrong.
  const side = (s, t, p) => Math.sign((t.x - s.x) * (p.y - s.y) - (t.y - s.y) * (p.x - s.x));
  for (const [e, r] of plan) {
    if (!r.weights.length) continue;
    const s = e.source().position();
    const t = e.target().position();
    const ds = Array.isArray(r.d) ? r.d : r.weights.map(() => r.d);
    const i = ds.findIndex((d) => Math.abs(d) > 2);
    if (i < 0) continue;
    const want = routePoints(s, t, ds[i], [r.weights[i]])[1];
    const got = (e.segmentPoints() || [])[i];
    if (got && side(s, t, got) !== side(s, t, want)) style(e, r, -1);
  }
  return { bent: plan.filter(([, r]) => r.weights.length).length, blocked };
}
