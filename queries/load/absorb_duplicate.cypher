// A numberless text ($weak) is a near-duplicate of the numbered document $key being loaded: the
// numbered one is the better source, so the weak node and its own edges go; its key stays as an alias.
MATCH (w:Document {key: $weak})
WHERE w.key STARTS WITH 'sha:'
OPTIONAL MATCH (w)-[r]-(other)
WITH w, collect(DISTINCT other) AS ends, w.source AS source
DETACH DELETE w
WITH ends, source
CALL (ends) {
  UNWIND ends AS e
  WITH e WHERE (coalesce(e.placeholder, false) OR NOT e:Document) AND NOT (e)--()
  DELETE e
}
RETURN source
