// (Document)-[:MENTIONS]->(Person): one edge per distinct person, with its count and every mention's evidence.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (e:Person {key: row.key})
ON CREATE SET e.name = row.name, e.name_folded = row.name_folded

MERGE (d)-[r:MENTIONS]->(e)
SET r.count = row.count, r.titles = row.titles, r.as_of = row.as_of,
    r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
