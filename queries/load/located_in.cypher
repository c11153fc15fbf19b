// (Agency)-[:LOCATED_IN]->(Province) for provincial bodies (both nodes exist: written by mentions).
UNWIND $rows AS row
MATCH (a:Agency {key: row.agency})
MERGE (p:Province {key: row.province})
MERGE (a)-[r:LOCATED_IN]->(p)
SET r.document_key = row.doc
RETURN count(r) AS written
