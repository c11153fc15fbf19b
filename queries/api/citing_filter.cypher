// Keep the rows {key, via, distance} whose document passes the filters; nearest, then newest first.
UNWIND $rows AS row
MATCH (src:Document {key: row.key})
WHERE ($type_code IS NULL OR src.type_code = $type_code OR src.type = $type OR src.name_folded STARTS WITH $type_prefix)
  AND ($issuer IS NULL OR src.issuer_code = $issuer OR src.issuer = $issuer)
  AND ($year_from IS NULL OR src.year >= $year_from)
  AND ($year_to IS NULL OR src.year <= $year_to)
  AND ($province IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Province {key: $province}) })
  AND ($person IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Person {key: $person}) }
       OR EXISTS { (:Person {key: $person})-[:SIGNED]->(src) })
  AND ($agency IS NULL OR EXISTS { (src)-[:MENTIONS]->(:Agency {key: $agency}) }
       OR EXISTS { (:Agency {key: $agency})-[:ISSUED]->(src) })
RETURN src.key AS key, row.via AS via, row.distance AS distance
ORDER BY distance, src.date DESC, key
