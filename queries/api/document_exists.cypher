// Does a document with this key exist (for 404 on empty pages)?
MATCH (d:Document {key: $key})
RETURN d.key AS key
