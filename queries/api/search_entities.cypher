// Full-text search over people, agencies and provinces (index entity_search), optionally one kind.
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit}) YIELD node, score
WITH node, score,
     CASE WHEN node:Person THEN 'person' WHEN node:Agency THEN 'agency' ELSE 'province' END AS kind
WHERE $kind IS NULL OR kind = $kind
RETURN node.key AS key, node.name AS name, kind, node.abbreviation AS abbreviation, score
