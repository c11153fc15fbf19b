// Empty the benchmark's own database between runs, first step: every relationship, 10,000 a
// transaction. A decree cited tens of thousands of times would otherwise go with all its citations in
// one transaction (load/wipe_bench deletes the nodes after this) and exceed the transaction memory pool.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
