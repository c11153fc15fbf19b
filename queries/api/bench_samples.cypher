// Request targets for bench/api.py: the 10 most cited documents (the headline query's worst case),
// and random samples (rand() < $p over one scan) of cited documents, ingested documents, people,
// pairs of documents two citations apart (for paths) and issuer codes (for filters).
CALL () {
  MATCH (d:Document)
  WITH d, COUNT { (d)<-[:CITES]-() } AS cited
  ORDER BY cited DESC LIMIT 10
  RETURN collect({key: d.key, cited: cited}) AS hubs
}
CALL () {
  MATCH (d:Document)
  WHERE rand() < $p AND EXISTS { (d)<-[:CITES]-() }
  WITH d LIMIT $spread
  RETURN collect({key: d.key, cited: COUNT { (d)<-[:CITES]-() }}) AS cited_docs
}
CALL () {
  MATCH (d:Document)
  WHERE rand() < $p AND NOT coalesce(d.placeholder, false) AND d.name IS NOT NULL
  WITH d LIMIT $spread
  RETURN collect({key: d.key, name: d.name, number: d.number}) AS docs
}
CALL () {
  MATCH (p:Person) WHERE rand() < $p * 4
  WITH p LIMIT $spread
  RETURN collect({key: p.key, name: p.name}) AS persons
}
CALL () {
  MATCH (a:Document) WHERE rand() < $p AND NOT coalesce(a.placeholder, false)
  MATCH (a)-[:CITES]->(:Document)-[:CITES]->(b:Document)
  WHERE a <> b
  WITH a, b LIMIT $spread
  RETURN collect({source: a.key, target: b.key}) AS pairs
}
CALL () {
  MATCH (d:Document) WHERE rand() < $p AND d.issuer_code IS NOT NULL
  WITH d.issuer_code AS code LIMIT 1000
  RETURN collect(DISTINCT code)[..20] AS issuers
}
RETURN hubs, cited_docs, docs, persons, pairs, issuers
