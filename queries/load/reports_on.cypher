// (news report)-[:REPORTS_ON]->(Document): the reported document, a placeholder until ingested.
// Its properties follow the same order-independent rule as a cited placeholder's (load/cites).
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
WITH d, row, row.target AS tg
MERGE (t:Document {key: tg.key})
ON CREATE SET t.placeholder = true
WITH d, row, tg, t
FOREACH (_ IN CASE WHEN t.placeholder THEN [1] ELSE [] END |
  SET t.number = CASE WHEN tg.number IS NULL THEN t.number WHEN t.number IS NULL THEN tg.number
    WHEN size(toString(tg.number)) <> size(toString(t.number)) THEN CASE WHEN size(toString(tg.number)) > size(toString(t.number)) THEN tg.number ELSE t.number END
    WHEN toString(tg.number) < toString(t.number) THEN tg.number ELSE t.number END
  SET t.type = CASE WHEN tg.type IS NULL THEN t.type WHEN t.type IS NULL THEN tg.type
    WHEN size(toString(tg.type)) <> size(toString(t.type)) THEN CASE WHEN size(toString(tg.type)) > size(toString(t.type)) THEN tg.type ELSE t.type END
    WHEN toString(tg.type) < toString(t.type) THEN tg.type ELSE t.type END
  SET t.issuer = CASE WHEN tg.issuer IS NULL THEN t.issuer WHEN t.issuer IS NULL THEN tg.issuer
    WHEN size(toString(tg.issuer)) <> size(toString(t.issuer)) THEN CASE WHEN size(toString(tg.issuer)) > size(toString(t.issuer)) THEN tg.issuer ELSE t.issuer END
    WHEN toString(tg.issuer) < toString(t.issuer) THEN tg.issuer ELSE t.issuer END
  SET t.date = CASE WHEN tg.date IS NULL THEN t.date WHEN t.date IS NULL THEN tg.date
    WHEN size(toString(tg.date)) <> size(toString(t.date)) THEN CASE WHEN size(toString(tg.date)) > size(toString(t.date)) THEN tg.date ELSE t.date END
    WHEN toString(tg.date) < toString(t.date) THEN tg.date ELSE t.date END
  SET t.year = CASE WHEN tg.year IS NULL THEN t.year WHEN t.year IS NULL THEN tg.year
    WHEN size(toString(tg.year)) <> size(toString(t.year)) THEN CASE WHEN size(toString(tg.year)) > size(toString(t.year)) THEN tg.year ELSE t.year END
    WHEN toString(tg.year) < toString(t.year) THEN tg.year ELSE t.year END
  SET t.title = CASE WHEN tg.title IS NULL THEN t.title WHEN t.title IS NULL THEN tg.title
    WHEN size(toString(tg.title)) <> size(toString(t.title)) THEN CASE WHEN size(toString(tg.title)) > size(toString(t.title)) THEN tg.title ELSE t.title END
    WHEN toString(tg.title) < toString(t.title) THEN tg.title ELSE t.title END
  SET t.uri = CASE WHEN tg.uri IS NULL THEN t.uri WHEN t.uri IS NULL THEN tg.uri
    WHEN size(toString(tg.uri)) <> size(toString(t.uri)) THEN CASE WHEN size(toString(tg.uri)) > size(toString(t.uri)) THEN tg.uri ELSE t.uri END
    WHEN toString(tg.uri) < toString(t.uri) THEN tg.uri ELSE t.uri END
  SET t.name = CASE WHEN tg.name IS NULL THEN t.name WHEN t.name IS NULL THEN tg.name
    WHEN size(toString(tg.name)) <> size(toString(t.name)) THEN CASE WHEN size(toString(tg.name)) > size(toString(t.name)) THEN tg.name ELSE t.name END
    WHEN toString(tg.name) < toString(t.name) THEN tg.name ELSE t.name END
  SET t.name_folded = CASE WHEN tg.name_folded IS NULL THEN t.name_folded WHEN t.name_folded IS NULL THEN tg.name_folded
    WHEN size(toString(tg.name_folded)) <> size(toString(t.name_folded)) THEN CASE WHEN size(toString(tg.name_folded)) > size(toString(t.name_folded)) THEN tg.name_folded ELSE t.name_folded END
    WHEN toString(tg.name_folded) < toString(t.name_folded) THEN tg.name_folded ELSE t.name_folded END)
SET t:$(CASE WHEN t.placeholder THEN tg.labels ELSE [] END)
MERGE (d)-[r:REPORTS_ON]->(t)
SET r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
