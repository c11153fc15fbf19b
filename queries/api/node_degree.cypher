// How many relationships a node has, whatever their type and direction: read from the store's
// per-node counts (GetDegree), not by walking them. Decides whether a page over the node's
// relationships is shared per graph version (api/hub_pages.py). No row when no node has the key.
CALL () {
  MATCH (n:Document {key: $key}) RETURN n
  UNION MATCH (n:Person {key: $key}) RETURN n
  UNION MATCH (n:Agency {key: $key}) RETURN n
  UNION MATCH (n:Province {key: $key}) RETURN n
}
WITH n LIMIT 1
RETURN COUNT { (n)--() } AS degree
