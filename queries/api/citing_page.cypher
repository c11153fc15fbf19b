// The headline query in one round trip (direct citations): the target, how many documents citing it
// pass the filters (at most $cap are examined), and one page of them, newest first, each with the
// citation it makes (kind, evidence) and its signers. No row when the target does not exist; one
// row with src = null when the page is empty.
MATCH (t:Document {key: $key})
CALL (t) {
  MATCH (t)<-[:CITES]-(src:Document)
  WHERE ($type_code IS NULL OR src.type_code = $type_code OR src.type = $type OR src.name_folded STARTS WITH $type_prefix)
    AND ($issuer IS NULL OR src.issuer_code = $issuer OR src.issuer = $issuer)
    AND ($year_from IS NULL OR src.year >= $year_from)
    AND ($year_to IS NULL OR src.year <= $year_to)
    AND ($province IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Province {key: $province}) })
    AND ($person IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Person {key: $person}) }
         OR EXISTS { (:Person {key: $person})-[:SIGNED]->(src) })
    AND ($agency IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Agency {key: $agency}) }
         OR EXISTS { (:Agency {key: $agency})-[:ISSUED]->(src) })
  WITH src ORDER BY src.date DESC, src.key
  LIMIT $cap
  RETURN collect(src) AS found
}
WITH t, found, size(found) AS total, found[$skip..($skip + $limit)] AS page
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE page END AS src
OPTIONAL MATCH (src)-[r:CITES]->(t)
CALL (src) {
  OPTIONAL MATCH (p:Person)-[s:SIGNED]->(src)
  WITH p, s WHERE p IS NOT NULL
  RETURN collect({key: p.key, name: p.name, capacity: s.capacity, position: s.position}) AS signers
}
RETURN {key: t.key, number: t.number, type: t.type, type_code: t.type_code, issuer: t.issuer,
        date: toString(t.date), date_source: t.date_source, year: t.year, title: t.title, name: t.name,
        placeholder: coalesce(t.placeholder, false)} AS target,
       total,
       CASE WHEN src IS NULL THEN null ELSE {
         key: src.key, number: src.number, type: src.type, type_code: src.type_code, issuer: src.issuer,
         date: toString(src.date), date_source: src.date_source, year: src.year, title: src.title, name: src.name,
         placeholder: coalesce(src.placeholder, false), distance: 1, via: t.key, via_name: t.name,
         kind: r.kind, pinpoints: coalesce(r.pinpoints, []), ev_start: r.ev_start, ev_end: r.ev_end, ev_text: r.ev_text,
         ev_sentence: r.ev_sentence, signers: signers} END AS item
