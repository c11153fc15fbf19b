// (Document)-[:ASSIGNS {task}]->(Person): one edge per task given ("Giao Bộ Y tế chủ trì …").
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
MERGE (e:Person {key: row.key})
ON CREATE SET e.name = row.name, e.name_folded = row.name_folded
MERGE (d)-[r:ASSIGNS {task: row.task}]->(e)
SET r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
