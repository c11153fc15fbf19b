// (news report)-[:REPORTS_ON]->(Document): the reported document, a placeholder until ingested.
UNWIND $rows AS row
MATCH (d:Document {key: row.doc})
WITH d, row, row.target AS tg
MERGE (t:Document {key: tg.key})
ON CREATE SET t.placeholder = true, t += tg {.number, .type, .issuer, .date, .year, .title, .uri, .name, .name_folded}
SET t:$(CASE WHEN t.placeholder THEN tg.labels ELSE [] END)
MERGE (d)-[r:REPORTS_ON]->(t)
SET r.ev_start = row.ev_start, r.ev_end = row.ev_end, r.ev_text = row.ev_text, r.ev_sentence = row.ev_sentence
RETURN count(r) AS written
