// Shortest paths (any relationship, either direction) between two nodes, at most 6 hops (the
// route caps $max_depth at 6), at most $limit paths.
CALL () {
  MATCH (n:Document {key: $source}) RETURN n
  UNION MATCH (n:Person {key: $source}) RETURN n
  UNION MATCH (n:Agency {key: $source}) RETURN n
  UNION MATCH (n:Province {key: $source}) RETURN n
}
WITH n AS a LIMIT 1
CALL () {
  MATCH (n:Document {key: $target}) RETURN n
  UNION MATCH (n:Person {key: $target}) RETURN n
  UNION MATCH (n:Agency {key: $target}) RETURN n
  UNION MATCH (n:Province {key: $target}) RETURN n
}
WITH a, n AS b LIMIT 1
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE length(p) <= $max_depth
WITH p LIMIT $limit
RETURN [x IN nodes(p) | {id: x.key, labels: labels(x), name: x.name, type: x.type, date: toString(x.date),
                         number: x.number, issuer: x.issuer, placeholder: x.placeholder}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key, kind: r.kind,
                                 document_key: r.document_key, capacity: r.capacity, position: r.position,
                                 task: r.task, effective: toString(r.effective), count: r.count, titles: r.titles,
                                 ev_start: r.ev_start, ev_end: r.ev_end, ev_text: r.ev_text,
                                 ev_sentence: r.ev_sentence}] AS edges
