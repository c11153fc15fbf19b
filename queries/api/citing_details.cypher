// The headline rows: each citing document with the citation it makes (kind, evidence) and its signers.
UNWIND $rows AS row
MATCH (src:Document {key: row.key})-[r:CITES]->(via:Document {key: row.via})
CALL (src) {
  MATCH (p:Person)-[s:SIGNED]->(src)
  RETURN collect({key: p.key, name: p.name, capacity: s.capacity, position: s.position}) AS signers
}
RETURN src.key AS key, src.number AS number, src.type AS type, src.type_code AS type_code,
       src.issuer AS issuer, toString(src.date) AS date, src.date_source AS date_source, src.year AS year, src.title AS title,
       src.name AS name, coalesce(src.placeholder, false) AS placeholder, row.distance AS distance,
       via.key AS via, via.name AS via_name, r.kind AS kind, coalesce(r.pinpoints, []) AS pinpoints,
       r.ev_start AS ev_start, r.ev_end AS ev_end, r.ev_text AS ev_text, r.ev_sentence AS ev_sentence, signers
