// V002 — full-text search that works with and without diacritics.
// The "standard-folding" analyzer (Lucene ASCIIFoldingFilter) maps "Phạm Minh Chính" and
// "pham minh chinh" to the same terms; name_folded (ingest.textutil.fold) also folds đ→d, which
// ASCII folding leaves to the analyzer as well.
CREATE FULLTEXT INDEX document_search IF NOT EXISTS
FOR (d:Document) ON EACH [d.name, d.name_folded, d.number, d.title]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};

CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Person|Agency|Province) ON EACH [n.name, n.name_folded, n.abbreviation]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
