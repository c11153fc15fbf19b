// (Document)-[:CITES]->(Document). A cited document not ingested yet becomes a placeholder that
// carries what the citations say about it; an ingested document's own properties are never touched.
// Several documents may describe one placeholder differently: each property takes the value a fixed
// rule prefers — the longer (more detailed) one, then the smaller in text order — so the graph is the
// same whichever document is loaded first (issue 14 item 7: order used to decide).
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (c:Document {key: row.target.key})
ON CREATE SET c.placeholder = true
WITH d, c, row, c.placeholder AS fill
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
  SET c.date = CASE WHEN row.target.date IS NULL THEN c.date WHEN c.date IS NULL THEN row.target.date
    WHEN size(toString(row.target.date)) <> size(toString(c.date)) THEN CASE WHEN size(toString(row.target.date)) > size(toString(c.date)) THEN row.target.date ELSE c.date END
    WHEN toString(row.target.date) < toString(c.date) THEN row.target.date ELSE c.date END
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
SET r.kind = row.kind, r.resolution = row.resolution, r.count = row.count, r.pinpoints = row.pinpoints,
    r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
