// One breadth-first step up the citation graph: documents citing any of $keys (at most $cap).
UNWIND $keys AS k
MATCH (:Document {key: k})<-[:CITES]-(src:Document)
WITH src.key AS key, min(k) AS via
RETURN key, via
LIMIT $cap
