// What the graph knows that dates a year-less citation: the same facts extraction collects
// (ingest/known.py: facts) — every document whose date it printed itself, or that a citing document
// printed beside the reference. Dates the graph inferred are not evidence for more inferences.
// $symbols: symbol keys ("128/NQ-CP") to look at, or null for every document.
CALL (*) {
  WITH $symbols AS symbols WHERE symbols IS NULL
  MATCH (d:Document)
  RETURN d
  UNION
  UNWIND coalesce($symbols, []) AS symbol
  MATCH (d:Document) WHERE d.key STARTS WITH symbol + '@'
  RETURN d
}
WITH d
WHERE d.date IS NOT NULL AND d.number IS NOT NULL AND NOT d.key ENDS WITH '@?' AND NOT d.key STARTS WITH 'sha:'
  AND d.date_source IN ['printed', 'cited_with_date', 'known_document']
RETURN d.key AS key, d.number AS number, d.type AS type, d.issuer AS issuer, toString(d.date) AS date
ORDER BY key
