// (Document)-[:CITES]->(Document). A cited document not ingested yet becomes a placeholder that
// carries what the citations say about it; an ingested document's own properties are never touched.
// Several documents may describe one placeholder differently: the graph must be the same whichever
// is loaded first (issue 14 item 7: order used to decide), so every choice follows a fixed rule.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (c:Document {key: row.target.key})
ON CREATE SET c.placeholder = true
WITH d, c, row, c.placeholder AS fill
// A placeholder's date is only what a citation printed (cited_with_date) or resolved (inferred_year,
// known_document), with that source; a printed date replaces a resolved one, and between two of the
// same rank the earlier date (in text order) wins.
WITH d, c, row, fill,
     (CASE WHEN row.target.date_source = 'cited_with_date' THEN 1 ELSE 0 END) AS new_rank,
     (CASE WHEN c.date_source = 'cited_with_date' THEN 1 ELSE 0 END) AS old_rank
WITH d, c, row, fill,
     fill AND row.target.date IS NOT NULL
       AND (c.date IS NULL OR new_rank > old_rank
            OR (new_rank = old_rank AND toString(row.target.date) < toString(c.date)))
       AS take_date
FOREACH (_ IN CASE WHEN take_date THEN [1] ELSE [] END |
  SET c.date = row.target.date, c.date_source = row.target.date_source)
// Every other property: the longer (more detailed) value, then the smaller in text order.
FOREACH (_ IN CASE WHEN fill THEN [1] ELSE [] END |
  SET c.number = CASE WHEN row.target.number IS NULL THEN c.number WHEN c.number IS NULL THEN row.target.number
    WHEN size(toString(row.target.number)) <> size(toString(c.number)) THEN CASE WHEN size(toString(row.target.number)) > size(toString(c.number)) THEN row.target.number ELSE c.number END
    WHEN toString(row.target.number) < toString(c.number) THEN row.target.number ELSE c.number END
  SET c.type = CASE WHEN row.target.type IS NULL THEN c.type WHEN c.type IS NULL THEN row.target.type
    WHEN size(toString(row.target.type)) <> size(toString(c.type)) THEN CASE WHEN size(toString(row.target.type)) > size(toString(c.type)) THEN row.target.type ELSE c.type END
    WHEN toString(row.target.type) < toString(c.type) THEN row.target.type ELSE c.type END
  SET c.issuer = CASE WHEN row.target.issuer IS NULL THEN c.issuer WHEN c.issuer IS NULL THEN row.target.issuer
    WHEN size(toString(row.target.issuer)) <> size(toString(c.issuer)) THEN CASE WHEN size(toString(row.target.issuer)) > size(toString(c.issuer)) THEN row.target.issuer ELSE c.issuer END
    WHEN toString(row.target.issuer) < toString(c.issuer) THEN row.target.issuer ELSE c.issuer END
  SET c.year = CASE WHEN row.target.year IS NULL THEN c.year WHEN c.year IS NULL THEN row.target.year
    WHEN size(toString(row.target.year)) <> size(toString(c.year)) THEN CASE WHEN size(toString(row.target.year)) > size(toString(c.year)) THEN row.target.year ELSE c.year END
    WHEN toString(row.target.year) < toString(c.year) THEN row.target.year ELSE c.year END
  SET c.title = CASE WHEN row.target.title IS NULL THEN c.title WHEN c.title IS NULL THEN row.target.title
    WHEN size(toString(row.target.title)) <> size(toString(c.title)) THEN CASE WHEN size(toString(row.target.title)) > size(toString(c.title)) THEN row.target.title ELSE c.title END
    WHEN toString(row.target.title) < toString(c.title) THEN row.target.title ELSE c.title END
  SET c.uri = CASE WHEN row.target.uri IS NULL THEN c.uri WHEN c.uri IS NULL THEN row.target.uri
    WHEN size(toString(row.target.uri)) <> size(toString(c.uri)) THEN CASE WHEN size(toString(row.target.uri)) > size(toString(c.uri)) THEN row.target.uri ELSE c.uri END
    WHEN toString(row.target.uri) < toString(c.uri) THEN row.target.uri ELSE c.uri END
  SET c.name = CASE WHEN row.target.name IS NULL THEN c.name WHEN c.name IS NULL THEN row.target.name
    WHEN size(toString(row.target.name)) <> size(toString(c.name)) THEN CASE WHEN size(toString(row.target.name)) > size(toString(c.name)) THEN row.target.name ELSE c.name END
    WHEN toString(row.target.name) < toString(c.name) THEN row.target.name ELSE c.name END
  SET c.name_folded = CASE WHEN row.target.name_folded IS NULL THEN c.name_folded WHEN c.name_folded IS NULL THEN row.target.name_folded
    WHEN size(toString(row.target.name_folded)) <> size(toString(c.name_folded)) THEN CASE WHEN size(toString(row.target.name_folded)) > size(toString(c.name_folded)) THEN row.target.name_folded ELSE c.name_folded END
    WHEN toString(row.target.name_folded) < toString(c.name_folded) THEN row.target.name_folded ELSE c.name_folded END)
SET c:$(CASE WHEN fill THEN row.target.labels ELSE [] END)
MERGE (d)-[r:CITES]->(c)
SET r.kind = row.kind, r.resolution = row.resolution, r.resolved_by = row.resolved_by, r.count = row.count,
    r.pinpoints = row.pinpoints,
    r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
