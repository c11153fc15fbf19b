// A year-less citation resolved again against what the graph now knows (graph/relink.py): the
// edge — and a news report's REPORTS_ON beside it — moves to the document it resolves to, and
// records how (resolution, resolved_by). A new target is a placeholder carrying the old one's
// details and the known document's date, marked inferred.
UNWIND $moves AS mv
MATCH (s:Document {key: mv.src})-[r:CITES]->(o:Document {key: mv.old})
MERGE (n:Document {key: mv.new})
ON CREATE SET n.placeholder = true, n.number = coalesce(o.number, mv.number), n.type = coalesce(o.type, mv.type),
              n.issuer = coalesce(o.issuer, mv.issuer), n.title = o.title, n.year = mv.year,
              n.name = o.name, n.name_folded = o.name_folded, n.uri = mv.uri,
              n:$([l IN labels(o) WHERE l <> 'Document'])
WITH s, r, o, n, mv
SET n.date_source = CASE WHEN coalesce(n.placeholder, false) AND n.date IS NULL AND mv.date IS NOT NULL
                         THEN 'inferred_year' ELSE n.date_source END
SET n.date = CASE WHEN coalesce(n.placeholder, false) AND n.date IS NULL THEN date(mv.date) ELSE n.date END
SET r.resolution = mv.resolution, r.resolved_by = mv.reason
WITH s, r, o, n WHERE o <> n
MERGE (s)-[r2:CITES]->(n)
SET r2 += properties(r)
// the list properties too when r has none (absent means [], see graph/rows.py): r's, as when it had []
SET r2.pinpoints = r.pinpoints, r2.ev_start = r.ev_start, r2.ev_end = r.ev_end, r2.ev_text = r.ev_text,
    r2.ev_sentence = r.ev_sentence
DELETE r
WITH s, o, n
CALL (s, o, n) {
  OPTIONAL MATCH (s)-[rep:REPORTS_ON]->(o)
  WITH s, n, rep WHERE rep IS NOT NULL
  MERGE (s)-[rep2:REPORTS_ON]->(n)
  SET rep2 += properties(rep)
  SET rep2.ev_start = rep.ev_start, rep2.ev_end = rep.ev_end, rep2.ev_text = rep.ev_text,
      rep2.ev_sentence = rep.ev_sentence
  DELETE rep
}
RETURN count(*) AS moved
