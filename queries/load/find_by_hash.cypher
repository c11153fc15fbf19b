// Ingested (non-placeholder) documents with exactly the text of each new one: unchanged or duplicate.
UNWIND $docs AS doc
MATCH (d:Document {text_hash: doc.text_hash})
WHERE NOT coalesce(d.placeholder, false)
RETURN doc.key AS key, d.key AS found, d.source AS source
