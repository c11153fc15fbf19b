// Any node by its key: one index seek per label (keys are unique across labels).
CALL () {
  MATCH (n:Document {key: $key}) RETURN n
  UNION
  MATCH (n:Person {key: $key}) RETURN n
  UNION
  MATCH (n:Agency {key: $key}) RETURN n
  UNION
  MATCH (n:Province {key: $key}) RETURN n
}
RETURN n.key AS key, labels(n) AS labels, n.name AS name, n.type AS type, n.date AS date,
       n.number AS number, n.issuer AS issuer, coalesce(n.placeholder, false) AS placeholder
LIMIT 1
