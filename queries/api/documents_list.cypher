// One page of documents, newest first, with the list filters (every filter optional: null = any).
MATCH (d:Document)
WHERE ($type_code IS NULL OR d.type_code = $type_code OR d.type = $type OR d.name_folded STARTS WITH $type_prefix)
  AND ($issuer IS NULL OR d.issuer_code = $issuer OR d.issuer = $issuer OR EXISTS { (:Agency {key: $issuer})-[:ISSUED]->(d) })
  AND ($year_from IS NULL OR d.year >= $year_from)
  AND ($year_to IS NULL OR d.year <= $year_to)
  AND ($province IS NULL OR EXISTS { (d)-[:MENTIONS]->(:Province {key: $province}) })
  AND ($person IS NULL OR EXISTS { (d)-[:MENTIONS]->(:Person {key: $person}) }
       OR EXISTS { (:Person {key: $person})-[:SIGNED]->(d) })
  AND ($agency IS NULL OR EXISTS { (d)-[:MENTIONS]->(:Agency {key: $agency}) }
       OR EXISTS { (:Agency {key: $agency})-[:ISSUED]->(d) })
  AND ($placeholders OR NOT coalesce(d.placeholder, false))
WITH d ORDER BY d.date DESC, d.key SKIP $skip LIMIT $limit
RETURN d.key AS key, d.number AS number, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       toString(d.date) AS date, d.year AS year, d.title AS title, d.name AS name,
       coalesce(d.placeholder, false) AS placeholder
