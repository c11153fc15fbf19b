// (Person)-[:SIGNED {capacity, position}]->(Document): the people of the signature block.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (p:Person {key: row.key})
ON CREATE SET p.name = row.name, p.name_folded = row.name_folded
MERGE (p)-[r:SIGNED]->(d)
SET r.capacity = row.capacity, r.position = row.position,
    r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
