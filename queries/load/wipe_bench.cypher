// Empty the benchmark's own database between runs (bench/ingest.py refuses to run this on a server
// it did not start unless told the database is its own), second step after load/wipe_bench_edges:
// the nodes, which have no relationship left, 10,000 a transaction.
MATCH (n)
WHERE NOT n:`__SchemaMigration`
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
