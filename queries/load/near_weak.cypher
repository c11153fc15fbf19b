// Numberless documents (key "sha:…", found through the key index) sharing a MinHash band with one of
// the new numbered documents: those new documents may absorb them (see graph/identity.py).
UNWIND $docs AS doc
MATCH (o:Document)
WHERE o.key STARTS WITH 'sha:' AND o.key <> doc.key AND any(b IN coalesce(o.lsh, []) WHERE b IN doc.bands)
OPTIONAL MATCH (o)-[:REPORTS_ON]->(t:Document)
RETURN doc.key AS doc, o.key AS key, o.minhash AS minhash, o.shingles AS shingles, o.type AS type,
       collect(t.key) AS reports_on
