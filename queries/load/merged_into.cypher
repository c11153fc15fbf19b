// (Province)-[:MERGED_INTO {effective}]->(Province): the 2025 reorganisation of provinces.
UNWIND $rows AS row
MATCH (p:Province {key: row.from})
MERGE (q:Province {key: row.into})
MERGE (p)-[r:MERGED_INTO]->(q)
SET r.effective = row.effective, r.document_key = row.doc
RETURN count(r) AS written
