// Create (as placeholders) or find the documents' nodes and take their write locks, so concurrent
// writers of the same document run one after the other; then read what the graph holds.
UNWIND $keys AS key
MERGE (d:Document {key: key})
ON CREATE SET d.placeholder = true
SET d.`__lock` = true
REMOVE d.`__lock`
RETURN key, d.text_hash AS text_hash, coalesce(d.placeholder, false) AS placeholder
