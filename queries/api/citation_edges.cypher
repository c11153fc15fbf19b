// Every citation between documents as a key pair (for the influence score, computed in Python),
// the citing document filtered by year.
MATCH (s:Document)-[:CITES]->(d:Document)
WHERE s <> d AND ($year_from IS NULL OR s.year >= $year_from) AND ($year_to IS NULL OR s.year <= $year_to)
RETURN s.key AS source, d.key AS target
