// Nodes and relationships of one test or benchmark run (keys containing $tag), for idempotency checks.
MATCH (n:Document|Person|Agency|Province)
WHERE toLower(n.key) CONTAINS toLower($tag)
OPTIONAL MATCH (n)-[r]-()
RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS relationships
