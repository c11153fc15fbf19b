// The document published under an ELI-style URI (exact match).
MATCH (d:Document)
WHERE d.uri = $uri
RETURN d.key AS key, d.number AS number, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       d.date AS date, d.year AS year, d.name AS name, coalesce(d.placeholder, false) AS placeholder,
       d.uri AS uri
LIMIT 5
