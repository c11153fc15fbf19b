// Most-active signers (SIGNED) or issuers (ISSUED): documents per person or agency, filtered by the
// documents' type and year, with the first and last date.
MATCH (e)-[r]->(d:Document)
WHERE type(r) = $rel AND (e:Person OR e:Agency)
  AND ($year_from IS NULL OR d.year >= $year_from) AND ($year_to IS NULL OR d.year <= $year_to)
  AND ($type_code IS NULL OR d.type_code = $type_code OR d.type = $type OR d.name_folded STARTS WITH $type_prefix)
WITH e, count(DISTINCT d) AS n, min(d.date) AS first, max(d.date) AS last
ORDER BY n DESC, e.key LIMIT $limit
RETURN e.key AS key, CASE WHEN e:Person THEN 'person' ELSE 'agency' END AS kind, e.name AS name,
       null AS type, null AS issuer, null AS date, null AS title, false AS placeholder,
       n AS count, toString(first) AS first, toString(last) AS last
