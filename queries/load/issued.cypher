// (Agency)-[:ISSUED]->(Document): the issuing body printed in the header.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (a:Agency {key: row.key})
ON CREATE SET a.name = row.name, a.name_folded = row.name_folded
MERGE (a)-[r:ISSUED]->(d)
SET r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
