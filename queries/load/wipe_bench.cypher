// Empty the benchmark's own database between runs (bench/ingest.py refuses to run this on a server
// it did not start unless told the database is its own). Batched so the transaction stays small: 500
// nodes a transaction, because a decree cited tens of thousands of times takes every citation with it.
MATCH (n)
WHERE NOT n:`__SchemaMigration`
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS
