// (certified copy)-[:COPY_OF]->(original): a SAO LỤC / SAO Y block printed after the original.
UNWIND $rows AS row
MATCH (c:Document {key: row.doc}), (o:Document {key: row.original})
MERGE (c)-[r:COPY_OF]->(o)
RETURN count(r) AS written
