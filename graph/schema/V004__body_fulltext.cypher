// V004 — full-text search of document bodies ("vắc xin" finds the notices that speak of vaccines,
// whatever their numbers). Same folding analyzer as V002, so "vac xin" and "vắc xin" match alike.
CREATE FULLTEXT INDEX document_body IF NOT EXISTS
FOR (d:Document) ON EACH [d.text]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
