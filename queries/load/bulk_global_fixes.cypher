// After a bulk import's deferred documents (graph/bulk.py): LOCATED_IN / MERGED_INTO are shared by
// every document naming the agency or province, and keep the key of the last one loaded — which the
// CSV knew, and which a deferred document, written after the import, may have overwritten.
UNWIND $rows AS row
MATCH (a {key: row.start})-[r]->(b {key: row.end})
WHERE type(r) = row.type AND (a:Agency OR a:Province) AND b:Province
SET r.document_key = row.document_key
RETURN count(r) AS fixed
