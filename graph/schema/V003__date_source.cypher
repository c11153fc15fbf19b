// V003 (data) — every stored date says where it comes from (issue 13): Document.date_source is
// "printed" (by the document itself), "cited_with_date" (printed beside a citation of it),
// "inferred_year" (year and date taken from the known documents for a year-less citation) or
// "known_document" (year printed, day from the known documents). New loads write it; this gives
// documents loaded before it one, and removes what was never evidence.

// A placeholder date that contradicts the year of its own key was a typo in a citing text
// ("58/2022/NĐ-CP ngày 31 tháng 8 năm 2002"): no date rather than a wrong one.
MATCH (d:Document)
WHERE coalesce(d.placeholder, false) AND d.date IS NOT NULL AND d.date_source IS NULL
  AND d.key =~ '.*@[0-9]{4}' AND toString(d.date.year) <> split(d.key, '@')[1]
REMOVE d.date;

// An ingested document's own date was printed in it.
MATCH (d:Document)
WHERE NOT coalesce(d.placeholder, false) AND d.date IS NOT NULL AND d.date_source IS NULL
SET d.date_source = 'printed';

// A placeholder's date came from the citations into it: printed beside one when one of them is
// exact, else inferred with the year.
MATCH (d:Document)
WHERE coalesce(d.placeholder, false) AND d.date IS NOT NULL AND d.date_source IS NULL
SET d.date_source = CASE WHEN EXISTS { ()-[r:CITES]->(d) WHERE r.resolution = 'exact' } THEN 'cited_with_date'
                         ELSE 'inferred_year' END;
