// Whole-graph counts, for summaries and the idempotency check of `danchieu ingest`.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
