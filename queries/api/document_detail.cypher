// Everything about one document: metadata, signers, issuer, citations out and in (capped at $cap
// each), entities, copies, reports.
MATCH (d:Document {key: $key})
CALL (d) {
  MATCH (p:Person)-[s:SIGNED]->(d)
  RETURN collect({key: p.key, name: p.name, capacity: s.capacity, position: s.position,
                  ev_start: s.ev_start, ev_end: s.ev_end, ev_text: s.ev_text, ev_sentence: s.ev_sentence}) AS signers
}
CALL (d) {
  MATCH (a:Agency)-[:ISSUED]->(d)
  RETURN collect({key: a.key, name: a.name, abbreviation: a.abbreviation}) AS issuers
}
CALL (d) {
  MATCH (d)-[r:CITES]->(t:Document)
  WITH r, t ORDER BY t.date, t.key LIMIT $cap
  RETURN collect({key: t.key, name: t.name, number: t.number, type: t.type, date: toString(t.date),
                  date_source: t.date_source, kind: r.kind, resolution: r.resolution, resolved_by: r.resolved_by, count: r.count,
                  pinpoints: coalesce(r.pinpoints, []),
                  placeholder: coalesce(t.placeholder, false), ev_start: r.ev_start, ev_end: r.ev_end,
                  ev_text: r.ev_text, ev_sentence: r.ev_sentence}) AS citations_out
}
CALL (d) {
  MATCH (s:Document)-[r:CITES]->(d)
  WITH r, s ORDER BY s.date DESC, s.key LIMIT $cap
  RETURN collect({key: s.key, name: s.name, number: s.number, type: s.type, date: toString(s.date),
                  date_source: s.date_source, kind: r.kind, resolution: r.resolution, resolved_by: r.resolved_by, count: r.count,
                  pinpoints: coalesce(r.pinpoints, []),
                  placeholder: coalesce(s.placeholder, false), ev_start: r.ev_start, ev_end: r.ev_end,
                  ev_text: r.ev_text, ev_sentence: r.ev_sentence}) AS citations_in
}
CALL (d) {
  MATCH (d)-[m:MENTIONS]->(e)
  WITH m, e ORDER BY coalesce(m.count, 0) DESC, e.key LIMIT $cap
  RETURN collect({key: e.key, name: e.name,
                  kind: CASE WHEN e:Person THEN 'person' WHEN e:Agency THEN 'agency' ELSE 'province' END,
                  count: m.count, titles: coalesce(m.titles, [])}) AS entities
}
CALL (d) {
  MATCH (d)-[:COPY_OF]-(c:Document)
  RETURN collect(DISTINCT {key: c.key, name: c.name, date: toString(c.date)}) AS copies
}
CALL (d) {
  MATCH (d)-[r:REPORTS_ON]-(o:Document)
  RETURN collect({key: o.key, name: o.name, date: toString(o.date),
                  direction: CASE WHEN startNode(r) = d THEN 'reports_on' ELSE 'reported_by' END}) AS reports
}
CALL (d) {
  MATCH (d)-[a:ASSIGNS]->(e)
  WITH a, e LIMIT $cap
  RETURN collect({key: e.key, name: e.name, task: a.task}) AS assignments
}
RETURN d.key AS key, d.number AS number, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       d.issuer_code AS issuer_code, toString(d.date) AS date, d.date_source AS date_source, d.year AS year, d.title AS title,
       d.place AS place, d.uri AS uri, d.source AS source, d.name AS name,
       coalesce(d.placeholder, false) AS placeholder, signers, issuers, citations_out, citations_in,
       entities, copies, reports, assignments
