// (Document)-[:ISSUED_AT]->(Province): where the document says it was issued — its place-date line
// ("Hà Nội, ngày 11 tháng 10 năm 2021"). Not a mention: the document is not about the place.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (p:Province {key: row.key})
ON CREATE SET p.name = row.name, p.name_folded = row.name_folded
MERGE (d)-[r:ISSUED_AT]->(p)
SET r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
