// The relationships of a shared view, each named by its two keys and its type; parallel relationships
// of one type between the same nodes come back as several rows (the caller merges them into one edge).
UNWIND $edges AS e
CALL (e) {
  MATCH (n:Document {key: e.source}) RETURN n AS s
  UNION MATCH (n:Person {key: e.source}) RETURN n AS s
  UNION MATCH (n:Agency {key: e.source}) RETURN n AS s
  UNION MATCH (n:Province {key: e.source}) RETURN n AS s
}
CALL (e) {
  MATCH (n:Document {key: e.target}) RETURN n AS t
  UNION MATCH (n:Person {key: e.target}) RETURN n AS t
  UNION MATCH (n:Agency {key: e.target}) RETURN n AS t
  UNION MATCH (n:Province {key: e.target}) RETURN n AS t
}
MATCH (s)-[r]->(t) WHERE type(r) = e.type
RETURN {type: type(r), source: s.key, target: t.key, kind: r.kind, document_key: r.document_key, capacity: r.capacity,
        position: r.position, task: r.task, effective: toString(r.effective), count: r.count, titles: r.titles,
        ev_start: r.ev_start, ev_end: r.ev_end, ev_text: r.ev_text, ev_sentence: r.ev_sentence} AS edge
