// Every relationship of one node (one type or all, one direction or both) up to $cap, for the
// explorer's hub view: the client groups the neighbours (by type, year or issuer) into compound
// nodes and opens a group on demand, so it needs all of them at once, not a page.
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
  // parallel relationships of one type between the same two nodes are one relation on screen
  RETURN count(DISTINCT [type(r), startNode(r) = c, o.key]) AS total
}
CALL (c) {
  MATCH (c)-[r]-(o)
  WHERE ($rel IS NULL OR type(r) = $rel)
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = c) OR ($direction = 'in' AND endNode(r) = c))
    AND o.key IS NOT NULL
  WITH r, o ORDER BY type(r), o.date DESC, o.key LIMIT $cap
  RETURN collect({
    node: {id: o.key, labels: labels(o), name: o.name, type: o.type, date: toString(o.date), number: o.number,
           issuer: o.issuer, placeholder: o.placeholder, title: o.title},
    edge: {type: type(r), source: startNode(r).key, target: endNode(r).key, kind: r.kind,
           document_key: r.document_key, capacity: r.capacity, position: r.position, task: r.task,
           effective: toString(r.effective), count: r.count, titles: r.titles,
           // a hub's edges carry their first $ev_cap pieces of evidence (an agency named 40 times in a
           // decree would otherwise send megabytes); ev_count says how many there are
           ev_start: r.ev_start[..$ev_cap], ev_end: r.ev_end[..$ev_cap], ev_text: r.ev_text[..$ev_cap],
           ev_sentence: r.ev_sentence[..$ev_cap], ev_count: size(coalesce(r.ev_start, []))}
  }) AS pairs
}
RETURN {id: c.key, labels: labels(c), name: c.name, type: c.type, date: toString(c.date), number: c.number,
        issuer: c.issuer, placeholder: c.placeholder} AS center, total, pairs
