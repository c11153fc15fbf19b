// Shortest chains of citations only (CITES, either direction) between two nodes, at most
// $max_depth hops (the route caps it at 6), at most $limit chains. Generic links (MENTIONS,
// SIGNED, …) never shortcut a chain here; the explorer writes each hop out with its direction.
MATCH (a:Document {key: $source}), (b:Document {key: $target})
MATCH p = allShortestPaths((a)-[:CITES*..6]-(b))
WHERE length(p) <= $max_depth
WITH p LIMIT $limit
RETURN [x IN nodes(p) | {id: x.key, labels: labels(x), name: x.name, type: x.type, date: toString(x.date),
                         number: x.number, issuer: x.issuer, placeholder: x.placeholder}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key, kind: r.kind,
                                 document_key: r.document_key, ev_start: r.ev_start, ev_end: r.ev_end,
                                 ev_text: r.ev_text, ev_sentence: r.ev_sentence}] AS edges
