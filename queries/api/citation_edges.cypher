// Every citation between documents, one row per citing document with the keys it cites (for the
// influence score, computed with numpy: a row per document, not per citation, is ~12× fewer
// records to decode), the citing document filtered by year.
MATCH (s:Document)-[:CITES]->(d:Document)
WHERE s <> d AND ($year_from IS NULL OR s.year >= $year_from) AND ($year_to IS NULL OR s.year <= $year_to)
RETURN s.key AS source, collect(d.key) AS targets
