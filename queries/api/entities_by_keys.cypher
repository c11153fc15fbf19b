// The entities (people, agencies, provinces) among $keys that are in the graph, by unique key.
UNWIND $keys AS k
CALL (k) {
  MATCH (n:Person {key: k}) RETURN n
  UNION MATCH (n:Agency {key: k}) RETURN n
  UNION MATCH (n:Province {key: k}) RETURN n
}
RETURN n.key AS key, n.name AS name, n.abbreviation AS abbreviation,
       CASE WHEN n:Person THEN 'person' WHEN n:Agency THEN 'agency' ELSE 'province' END AS kind
