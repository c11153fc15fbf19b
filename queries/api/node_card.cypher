// One node (any label) in the explorer's Node shape.
CALL () {
  MATCH (n:Document {key: $key}) RETURN n
  UNION MATCH (n:Person {key: $key}) RETURN n
  UNION MATCH (n:Agency {key: $key}) RETURN n
  UNION MATCH (n:Province {key: $key}) RETURN n
}
RETURN {id: n.key, labels: labels(n), name: n.name, type: n.type, date: toString(n.date), date_source: n.date_source, number: n.number,
        issuer: n.issuer, placeholder: n.placeholder} AS node
LIMIT 1
