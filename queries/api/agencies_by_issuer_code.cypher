// Agencies that issued documents whose number carries an issuer code ("116/2025/TT-BTC" → BTC), with
// how many: what the data itself says an abbreviation stands for. The full-text index finds the
// documents by the code as a word of their number ($lucene = 'number:btc'); the caller keeps the rows
// whose issuer_code is the code (folded) and decides between one agency and several candidates.
CALL db.index.fulltext.queryNodes('document_search', $lucene, {limit: $sample}) YIELD node AS d
WITH d WHERE d.issuer_code IS NOT NULL
MATCH (a:Agency)-[:ISSUED]->(d)
RETURN d.issuer_code AS code, a.key AS key, a.name AS name, count(*) AS documents
