// Keys of a shared view that are no longer any node's key: the document that carries one in `aliases`
// now (an unnumbered text that became a numbered document keeps its old sha: key there). Called for the
// few missing keys only (aliases are not indexed).
MATCH (d:Document) WHERE any(a IN coalesce(d.aliases, []) WHERE a IN $keys)
UNWIND [a IN d.aliases WHERE a IN $keys] AS old
RETURN old, d.key AS key
