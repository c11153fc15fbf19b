// The documents' own properties. A placeholder is upgraded in place (same node, same key, incoming
// CITES kept) and keeps what citing documents said about it where the text itself is silent — a
// date with its date_source: "printed" by the document itself, else what a citation said.
UNWIND $docs AS doc
MATCH (d:Document {key: doc.key})
WITH d, doc, CASE WHEN coalesce(d.placeholder, false) THEN properties(d) ELSE {} END AS known
SET d += doc.props, d.placeholder = false
SET d.date_source = CASE WHEN d.date IS NULL THEN known.date_source ELSE d.date_source END
SET d.number = coalesce(d.number, known.number), d.type = coalesce(d.type, known.type),
    d.issuer = coalesce(d.issuer, known.issuer), d.date = coalesce(d.date, known.date),
    d.year = coalesce(d.year, known.year), d.title = coalesce(d.title, known.title)
SET d:$(doc.labels)
RETURN count(d) AS written
