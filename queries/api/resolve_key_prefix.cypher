// Documents whose key starts with one of $prefixes ("128/NQ-CP@", "128/", "128-"): the resolver's
// candidates. Uses the range index behind the Document.key uniqueness constraint.
UNWIND $prefixes AS prefix
MATCH (d:Document)
WHERE d.key STARTS WITH prefix
RETURN d.key AS key, d.number AS number, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       d.date AS date, d.year AS year, d.name AS name, coalesce(d.placeholder, false) AS placeholder,
       d.uri AS uri
ORDER BY d.date DESC, d.key
LIMIT $limit
