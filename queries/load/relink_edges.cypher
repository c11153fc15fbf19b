// Citations of the given symbols whose year the citing text did not print (resolution inferred or
// ambiguous), with the citing document's own printed year: graph/relink.py resolves them again.
UNWIND $symbols AS symbol
MATCH (t:Document) WHERE t.key STARTS WITH symbol + '@'
MATCH (s:Document)-[r:CITES]->(t)
WHERE r.resolution IN ['inferred', 'ambiguous']
RETURN symbol, s.key AS src, CASE WHEN s.date_source = 'printed' THEN s.date.year END AS citing_year,
       t.key AS target, coalesce(t.number, symbol) AS number, r.resolution AS resolution, r.resolved_by AS reason
ORDER BY src, target
