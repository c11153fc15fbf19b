// Exports of what is on screen (after filters): PNG with a footer naming the source documents,
// GraphML and CSV with the evidence of every edge, and a Neo4j Browser link with equivalent Cypher.
import { t, today } from "./i18n.js";

/** Triggers a browser download of `blob` as `filename`. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Captions of the documents whose text backs the visible edges (the visible documents if none). */
export function sourceDocuments(graph) {
  const { nodes, edges } = graph.visible();
  const keys = new Set(edges.map((e) => e.data("document_key")).filter(Boolean));
  if (!keys.size) nodes.filter((n) => n.data("kind") === "document").forEach((n) => keys.add(n.id()));
  return [...keys].map((k) => {
    const n = graph.cy.getElementById(k);
    return n.nonempty() ? n.data("caption") : k;
  }).sort((a, b) => a.localeCompare(b, "vi"));
}

function wrapLines(ctx, text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The canvas as PNG with a footer: "Nguồn: Thông báo 285/TB-VPCP, …" and the export date. */
export async function pngBlob(graph) {
  // The picture shows the graph, not the reader's selection: unselect while drawing, then restore.
  const selected = graph.cy.elements(":selected");
  selected.unselect();
  graph.route(); // no edge passes under a node in the picture, whatever was placed since the last layout
  let uri;
  try {
    // Cytoscape ignores maxWidth/maxHeight when a scale is given: a wide graph (a hub's row in the tree
    // layout, 60 000 px) then asks for a canvas the browser refuses ("data:,"). Cap the scale here.
    const bb = graph.cy.elements().boundingBox();
    const scale = Math.min(2, 4000 / Math.max(bb.w, 1), 4000 / Math.max(bb.h, 1));
    uri = graph.cy.png({ output: "base64uri", full: true, scale, bg: "#ffffff" });
  } finally {
    selected.select();
  }
  const img = new Image();
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = () => reject(new Error("PNG render failed"));
    img.src = uri;
  });
  const width = Math.max(img.width, 800);
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  ctx.font = "24px sans-serif";
  const footer = [
    ...wrapLines(ctx, t("export.footer", { docs: sourceDocuments(graph).join(", ") || "—" }), width - 40),
    t("export.made", { date: today() }),
  ];
  const footerHeight = 20 + footer.length * 32;
  canvas.width = width;
  canvas.height = img.height + footerHeight;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, Math.round((width - img.width) / 2), 0);
  ctx.fillStyle = "#222222";
  ctx.font = "24px sans-serif";
  footer.forEach((line, i) => ctx.fillText(line, 20, img.height + 36 + i * 32));
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

const xmlEscape = (s) => String(s ?? "").replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

const NODE_FIELDS = ["kind", "name", "type", "date", "number", "issuer", "title", "placeholder", "link"];

/** The node's page in the explorer (a link anyone can open), for exports. */
export function nodeLink(id) {
  const here = typeof window !== "undefined" ? window.location : { origin: "", pathname: "/explore/" };
  return `${here.origin}${here.pathname}#n=${encodeURIComponent(id)}&sel=${encodeURIComponent(id)}`;
}
const EDGE_FIELDS = ["type", "kind", "label", "document_key"];

/** GraphML 1.0 of the visible graph; evidence travels as JSON and as plain sentences. */
export function graphml(graph) {
  const { nodes, edges } = graph.visible();
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'];
  for (const f of NODE_FIELDS) out.push(`  <key id="n_${f}" for="node" attr.name="${f}" attr.type="string"/>`);
  for (const f of EDGE_FIELDS) out.push(`  <key id="e_${f}" for="edge" attr.name="${f}" attr.type="string"/>`);
  out.push('  <key id="e_evidence" for="edge" attr.name="evidence" attr.type="string"/>');
  out.push('  <key id="e_sentences" for="edge" attr.name="evidence_sentences" attr.type="string"/>');
  out.push('  <graph id="danchieu" edgedefault="directed">');
  nodes.forEach((n) => {
    const d = n.data();
    out.push(`    <node id="${xmlEscape(d.id)}">`);
    const values = { ...d, name: d.caption, placeholder: d.placeholder ? "true" : "false", link: nodeLink(d.id) };
    for (const f of NODE_FIELDS) if (values[f]) out.push(`      <data key="n_${f}">${xmlEscape(values[f])}</data>`);
    out.push("    </node>");
  });
  edges.forEach((e) => {
    const d = e.data();
    out.push(`    <edge id="${xmlEscape(d.apiId ?? d.id)}" source="${xmlEscape(d.source)}" target="${xmlEscape(d.target)}">`);
    for (const f of EDGE_FIELDS) if (d[f]) out.push(`      <data key="e_${f}">${xmlEscape(d[f])}</data>`);
    const ev = d.evidence || [];
    out.push(`      <data key="e_evidence">${xmlEscape(JSON.stringify(ev))}</data>`);
    out.push(`      <data key="e_sentences">${xmlEscape(ev.map((x) => x.sentence).filter(Boolean).join(" || "))}</data>`);
    out.push("    </edge>");
  });
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

function csvCell(value) {
  let s = String(value ?? "");
  if (/^[=+\-@]/.test(s)) s = `'${s}`; // a spreadsheet must not run a cell as a formula
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// A byte-order mark so spreadsheet programs read the Vietnamese as UTF-8.
const toCsv = (rows) => "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";

export function nodesCsv(graph) {
  const rows = [["id", ...NODE_FIELDS]];
  graph.visible().nodes.forEach((n) => {
    const d = n.data();
    rows.push([d.id, d.kind, d.caption, d.type, d.date, d.number, d.issuer, d.title, d.placeholder ? "true" : "false", nodeLink(d.id)]);
  });
  return toCsv(rows);
}

/** One row per piece of evidence (an edge without evidence still gets one row). */
export function edgesCsv(graph) {
  const rows = [["id", "source", "source_name", "type", "kind", "target", "target_name", "label", "document_key",
    "evidence_start", "evidence_end", "evidence_text", "evidence_sentence"]];
  graph.visible().edges.forEach((e) => {
    const d = e.data();
    const base = [d.apiId ?? d.id, d.source, e.source().data("caption"), d.type, d.kind, d.target, e.target().data("caption"), d.label, d.document_key];
    const evidence = d.evidence && d.evidence.length ? d.evidence : [{}];
    for (const ev of evidence) rows.push([...base, ev.start, ev.end, ev.text, ev.sentence]);
  });
  return toCsv(rows);
}

const cypherString = (s) => `'${String(s).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Cypher that shows the same nodes and relations in Neo4j Browser. */
export function equivalentCypher(graph) {
  const { nodes, edges } = graph.visible();
  const keys = nodes.map((n) => cypherString(n.id()));
  const types = [...new Set(edges.map((e) => e.data("type")))].sort();
  const list = `[${keys.join(", ")}]`;
  return [
    "// Dẫn Chiếu — the view on screen",
    `WITH ${list} AS keys`,
    "MATCH (n) WHERE n.key IN keys",
    "OPTIONAL MATCH (n)-[r]->(m) WHERE m.key IN keys" + (types.length ? ` AND type(r) IN [${types.map(cypherString).join(", ")}]` : ""),
    "RETURN n, r, m",
  ].join("\n");
}

/** Neo4j Browser on the same host (default port 7474) with the Cypher in the editor. */
export function neo4jBrowserUrl(graph, base = `${window.location.protocol}//${window.location.hostname}:7474/browser/`) {
  return `${base}?cmd=edit&arg=${encodeURIComponent(equivalentCypher(graph))}`;
}
