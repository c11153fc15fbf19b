// A person, agency or province: its card, document count and years, documents per year, titles
// held (people, from MENTIONS.titles and SIGNED.position), co-occurring entities, 2025 mergers.
CALL () {
  MATCH (e:Person {key: $key}) RETURN e
  UNION MATCH (e:Agency {key: $key}) RETURN e
  UNION MATCH (e:Province {key: $key}) RETURN e
}
WITH e LIMIT 1
CALL (e) {
  MATCH (e)-[]-(d:Document)
  WITH DISTINCT d
  WITH d.year AS year, count(d) AS n ORDER BY year
  RETURN collect({year: year, documents: n}) AS timeline, sum(n) AS documents
}
CALL (e) {
  MATCH (d:Document)-[m:MENTIONS]->(e)
  UNWIND coalesce(m.titles, []) AS title
  WITH title, min(d.date) AS first_seen, max(d.date) AS last_seen, count(DISTINCT d) AS n
  ORDER BY first_seen
  RETURN collect({title: title, first_seen: toString(first_seen), last_seen: toString(last_seen), documents: n}) AS titles
}
CALL (e) {
  MATCH (e)-[]-(d:Document)-[:MENTIONS]->(o)
  WHERE o <> e
  WITH o, count(DISTINCT d) AS shared ORDER BY shared DESC, o.key LIMIT $cap
  RETURN collect({key: o.key, name: o.name, shared: shared,
                  kind: CASE WHEN o:Person THEN 'person' WHEN o:Agency THEN 'agency' ELSE 'province' END}) AS co_occurring
}
CALL (e) {
  MATCH (e)-[m:MERGED_INTO]->(p:Province)
  RETURN collect({key: p.key, name: p.name, effective: toString(m.effective)}) AS merged_into
}
CALL (e) {
  MATCH (p:Province)-[m:MERGED_INTO]->(e)
  RETURN collect({key: p.key, name: p.name, effective: toString(m.effective)}) AS merged_from
}
CALL (e) {
  MATCH (e)-[:LOCATED_IN]->(p:Province)
  RETURN collect({key: p.key, name: p.name}) AS located_in
}
RETURN e.key AS key, e.name AS name, e.abbreviation AS abbreviation, e.code AS code,
       toString(e.valid_from) AS valid_from, toString(e.valid_until) AS valid_until,
       CASE WHEN e:Person THEN 'person' WHEN e:Agency THEN 'agency' ELSE 'province' END AS kind,
       documents, timeline, titles, co_occurring, merged_into, merged_from, located_in
