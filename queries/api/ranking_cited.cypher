// Most-cited documents: distinct citing documents per cited document, the citing ones filtered by
// year (the period of the citations), the cited ones by type and issuer.
MATCH (s:Document)-[:CITES]->(d:Document)
WHERE ($year_from IS NULL OR s.year >= $year_from) AND ($year_to IS NULL OR s.year <= $year_to)
  AND ($type_code IS NULL OR d.type_code = $type_code OR d.type = $type OR d.name_folded STARTS WITH $type_prefix)
  AND ($issuer IS NULL OR d.issuer = $issuer OR d.issuer_code = $issuer)
WITH d, count(DISTINCT s) AS n, min(s.date) AS first, max(s.date) AS last
ORDER BY n DESC, d.key LIMIT $limit
RETURN d.key AS key, 'document' AS kind, d.name AS name, d.type AS type, d.issuer AS issuer,
       toString(d.date) AS date, d.title AS title, coalesce(d.placeholder, false) AS placeholder,
       n AS count, toString(first) AS first, toString(last) AS last
