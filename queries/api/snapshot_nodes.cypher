// The nodes of a shared view by their keys (documents and entities; a missing key gives no row).
UNWIND $keys AS k
CALL (k) {
  MATCH (n:Document {key: k}) RETURN n
  UNION MATCH (n:Person {key: k}) RETURN n
  UNION MATCH (n:Agency {key: k}) RETURN n
  UNION MATCH (n:Province {key: k}) RETURN n
}
RETURN k AS asked,
       {id: n.key, labels: labels(n), name: n.name, type: n.type, date: toString(n.date), date_source: n.date_source,
        number: n.number, issuer: n.issuer, placeholder: n.placeholder, title: n.title} AS node
