// Documents sharing at least one MinHash band with a new numberless document or news report
// (locality-sensitive hashing; rare, so a scan of documents that have bands is acceptable).
MATCH (o:Document)
WHERE o.key <> $key AND o.lsh IS NOT NULL AND any(b IN o.lsh WHERE b IN $bands)
OPTIONAL MATCH (o)-[:REPORTS_ON]->(t:Document)
RETURN o.key AS key, o.minhash AS minhash, o.shingles AS shingles, o.type AS type,
       collect(t.key) AS reports_on
LIMIT 50
