// Citation check: every document a draft cites, in one round trip. For each key prefix
// ("128/NQ-CP@") the documents under it (full ones and placeholders), and for each:
// - citator: later documents that amend, replace, repeal or consolidate it (CITES kinds);
// - sources: for a placeholder, what the documents citing it printed right after the number
//   (a bounded slice of their text), so the check can say how many sources agree.
UNWIND $prefixes AS prefix
CALL (prefix) {
  MATCH (d:Document)
  USING INDEX d:Document(key)
  WHERE d.key STARTS WITH prefix
  WITH d ORDER BY d.date DESC, d.key
  LIMIT $per_number
  RETURN collect({
    key: d.key, number: d.number, type: d.type, issuer: d.issuer, date: d.date, year: d.year,
    name: d.name, title: d.title, placeholder: coalesce(d.placeholder, false),
    cited_by: COUNT { (d)<-[:CITES]-() },
    citator: COLLECT {
      MATCH (d)<-[c:CITES]-(later)  // expanded from d: no label scan of the citing side
      WHERE later:Document AND NOT coalesce(later.placeholder, false)
        AND (c.kind IN $citator_kinds OR (later.type = $consolidated_type AND c.kind = $amends_kind))
        AND (d.date IS NULL OR later.date IS NULL OR later.date > d.date)
      RETURN {key: later.key, name: later.name, type: later.type, date: later.date,
              kind: CASE WHEN later.type = $consolidated_type AND c.kind = $amends_kind THEN $consolidates_kind
                         ELSE c.kind END}
      // replaced / repealed first: a flag that the document is no longer in force must not be cut off
      ORDER BY CASE WHEN c.kind IN $gone_kinds THEN 0 ELSE 1 END, later.date DESC, later.key
      LIMIT $per_citator
    },
    sources: CASE WHEN coalesce(d.placeholder, false) THEN COLLECT {
      MATCH (d)<-[c:CITES]-(s)
      WHERE s:Document AND size(c.ev_end) > 0 AND s.text IS NOT NULL
      RETURN {key: s.key, after: substring(s.text, c.ev_end[0], $after_chars)}
      ORDER BY s.key
      LIMIT $per_sources
    } ELSE [] END
  }) AS documents
}
RETURN prefix, documents
