// Relationships around one node (any label), optionally of one type and one direction, paged.
// Returns the center, the page of (edge, neighbour) pairs and the total number of such pairs.
CALL () {
  MATCH (n:Document {key: $key}) RETURN n
  UNION MATCH (n:Person {key: $key}) RETURN n
  UNION MATCH (n:Agency {key: $key}) RETURN n
  UNION MATCH (n:Province {key: $key}) RETURN n
}
WITH n AS c LIMIT 1
CALL (c) {
  MATCH (c)-[r]-(o)
  WHERE ($rel IS NULL OR type(r) = $rel)
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = c) OR ($direction = 'in' AND endNode(r) = c))
    AND o.key IS NOT NULL
  RETURN count(r) AS total
}
CALL (c) {
  MATCH (c)-[r]-(o)
  WHERE ($rel IS NULL OR type(r) = $rel)
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = c) OR ($direction = 'in' AND endNode(r) = c))
    AND o.key IS NOT NULL
  WITH r, o ORDER BY type(r), o.date DESC, o.key SKIP $skip LIMIT $limit
  RETURN collect({
    node: {id: o.key, labels: labels(o), name: o.name, type: o.type, date: toString(o.date), date_source: o.date_source,
           number: o.number, issuer: o.issuer, placeholder: o.placeholder, title: o.title},
    edge: {type: type(r), source: startNode(r).key, target: endNode(r).key, kind: r.kind,
           document_key: r.document_key, capacity: r.capacity, position: r.position, task: r.task,
           effective: toString(r.effective), count: r.count, titles: r.titles,
           ev_start: r.ev_start, ev_end: r.ev_end, ev_text: r.ev_text, ev_sentence: r.ev_sentence}
  }) AS pairs
}
RETURN {id: c.key, labels: labels(c), name: c.name, type: c.type, date: toString(c.date), date_source: c.date_source, number: c.number,
        issuer: c.issuer, placeholder: c.placeholder} AS center, total, pairs
