// Request targets for bench/api.py: the 10 most cited documents (the headline query's worst case),
// and random samples (rand() < $p over one scan) of cited documents, ingested documents and people.
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
RETURN hubs, cited_docs, docs, persons
