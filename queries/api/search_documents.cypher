// Full-text search over documents (index document_search, diacritics folded by its analyzer).
CALL db.index.fulltext.queryNodes('document_search', $lucene, {limit: $limit}) YIELD node, score
RETURN node.key AS key, node.name AS name, node.type AS type, toString(node.date) AS date,
       node.number AS number, node.issuer AS issuer, node.title AS title, score
