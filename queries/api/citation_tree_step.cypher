// One level of the citation tree around the documents $keys: their CITES edges in $direction
// ('out' = what they cite, 'in' = what cites them, 'both'), at most $cap edges.
UNWIND $keys AS k
MATCH (a:Document {key: k})-[r:CITES]-(o:Document)
WHERE $direction = 'both' OR ($direction = 'out' AND startNode(r) = a) OR ($direction = 'in' AND endNode(r) = a)
WITH a, r, o LIMIT $cap
RETURN {id: o.key, labels: labels(o), name: o.name, type: o.type, date: toString(o.date), number: o.number,
        issuer: o.issuer, placeholder: o.placeholder} AS node,
       {type: type(r), source: startNode(r).key, target: endNode(r).key, kind: r.kind,
        ev_start: r.ev_start, ev_end: r.ev_end, ev_text: r.ev_text, ev_sentence: r.ev_sentence} AS edge
