// Material for bench/check.py: every document held in full with the fields a citation prints,
// whether a later document replaced or repealed it, and every document (full or placeholder) that
// the graph knows to be replaced or repealed by a later document held in full.
CALL () {
  MATCH (d:Document)
  WHERE NOT coalesce(d.placeholder, false) AND d.number IS NOT NULL AND d.date IS NOT NULL
    AND d.type IS NOT NULL AND d.issuer IS NOT NULL
  RETURN collect({key: d.key, number: d.number, type: d.type, issuer: d.issuer, date: d.date, title: d.title,
                  gone: EXISTS { (l:Document)-[c:CITES]->(d) WHERE c.kind IN $gone_kinds AND l.date > d.date }})
         AS full
}
CALL () {
  MATCH (l:Document)-[c:CITES]->(d:Document)
  WHERE c.kind IN $gone_kinds AND NOT coalesce(l.placeholder, false) AND d.number IS NOT NULL
    AND (d.date IS NULL OR l.date > d.date)
  WITH DISTINCT d
  RETURN collect({key: d.key, number: d.number, type: d.type, issuer: d.issuer, date: d.date, title: d.title,
                  placeholder: coalesce(d.placeholder, false)}) AS gone
}
CALL () {
  MATCH (d:Document) WHERE d.number IS NOT NULL
  RETURN collect(d.key) AS keys
}
RETURN full, gone, keys
