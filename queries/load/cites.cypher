// (Document)-[:CITES]->(Document). A cited document not ingested yet becomes a placeholder that
// carries what the citation says about it; an ingested document's own properties are never touched.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (c:Document {key: row.target.key})
ON CREATE SET c.placeholder = true
WITH d, c, row, c.placeholder AS fill
// A placeholder's date is only what a citation printed (cited_with_date) or resolved (inferred_year,
// known_document), with that source; a printed date replaces a resolved one.
WITH d, c, row, fill,
     fill AND row.target.date IS NOT NULL
       AND (c.date IS NULL OR (row.target.date_source = 'cited_with_date' AND coalesce(c.date_source, '') <> 'cited_with_date'))
       AS take_date
FOREACH (_ IN CASE WHEN take_date THEN [1] ELSE [] END |
  SET c.date = row.target.date, c.date_source = row.target.date_source)
FOREACH (_ IN CASE WHEN fill THEN [1] ELSE [] END |
  SET c.number = coalesce(c.number, row.target.number), c.type = coalesce(c.type, row.target.type),
      c.issuer = coalesce(c.issuer, row.target.issuer),
      c.year = coalesce(c.year, row.target.year), c.title = coalesce(c.title, row.target.title),
      c.uri = coalesce(c.uri, row.target.uri),
      c.name = CASE WHEN c.type IS NULL THEN row.target.name ELSE coalesce(c.name, row.target.name) END,
      c.name_folded = CASE WHEN c.type IS NULL THEN row.target.name_folded
                           ELSE coalesce(c.name_folded, row.target.name_folded) END)
SET c:$(CASE WHEN fill THEN row.target.labels ELSE [] END)
MERGE (d)-[r:CITES]->(c)
SET r.kind = row.kind, r.resolution = row.resolution, r.resolved_by = row.resolved_by, r.count = row.count,
    r.pinpoints = row.pinpoints,
    r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
