// Full-text search of document bodies (index document_body, diacritics folded by its analyzer);
// the client shows where the words occur with a short snippet cut in Python.
CALL db.index.fulltext.queryNodes('document_body', $lucene, {limit: $limit}) YIELD node, score
WHERE NOT coalesce(node.placeholder, false)
RETURN node.key AS key, node.name AS name, node.type AS type, toString(node.date) AS date,
       node.number AS number, node.issuer AS issuer, node.title AS title, node.text AS text, score
