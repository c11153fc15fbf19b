// A document without a number (key "sha:…") turns out to be the reported document $target:
// the placeholder $target (if any) is folded into it — incoming edges moved, properties kept where
// the document lacks them — and the document takes the key $target. The old key stays as an alias.
MATCH (w:Document {key: $key})
OPTIONAL MATCH (t:Document {key: $target})
WITH w, t, CASE WHEN t IS NULL THEN {} ELSE properties(t) END AS tp
CALL (w, t) {
  OPTIONAL MATCH (src)-[r:CITES]->(t)
  WITH w, src, r WHERE r IS NOT NULL
  MERGE (src)-[r2:CITES]->(w)
  SET r2 += properties(r)
  // the list properties too when r has none (absent means [], see graph/rows.py): r's, as when it had []
  SET r2.pinpoints = r.pinpoints, r2.ev_start = r.ev_start, r2.ev_end = r.ev_end, r2.ev_text = r.ev_text,
      r2.ev_sentence = r.ev_sentence
  DELETE r
}
CALL (w, t) {
  OPTIONAL MATCH (src)-[r:REPORTS_ON]->(t)
  WITH w, src, r WHERE r IS NOT NULL
  MERGE (src)-[r2:REPORTS_ON]->(w)
  SET r2 += properties(r)
  SET r2.ev_start = r.ev_start, r2.ev_end = r.ev_end, r2.ev_text = r.ev_text, r2.ev_sentence = r.ev_sentence
  DELETE r
}
CALL (w, t) {
  OPTIONAL MATCH (src)-[r:COPY_OF]->(t)
  WITH w, src, r WHERE r IS NOT NULL
  MERGE (src)-[r2:COPY_OF]->(w)
  DELETE r
}
WITH w, t, tp
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | DETACH DELETE t)
WITH w, tp
SET w.date_source = CASE WHEN w.date IS NOT NULL THEN w.date_source
                         WHEN tp.date IS NOT NULL THEN tp.date_source
                         WHEN $date IS NOT NULL THEN $date_source END
SET w.aliases = coalesce(w.aliases, []) + [$key],
    w.key = $target,
    w.number = coalesce(w.number, tp.number, $number),
    w.date = coalesce(w.date, tp.date, $date),
    w.year = coalesce(w.year, tp.year, $year),
    w.type = coalesce(w.type, tp.type, $type),
    w.issuer = coalesce(w.issuer, tp.issuer, $issuer),
    w.uri = $uri, w.name = $name, w.name_folded = $name_folded
RETURN w.key AS key
