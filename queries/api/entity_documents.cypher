// Documents linked to any of the entities $keys (a province and those merged into it), newest first,
// with the entity's roles in each and the titles it held as of that document.
UNWIND $keys AS k
CALL (k) {
  MATCH (e:Person {key: k}) RETURN e
  UNION MATCH (e:Agency {key: k}) RETURN e
  UNION MATCH (e:Province {key: k}) RETURN e
}
MATCH (e)-[r]-(d:Document)
WITH d, collect(DISTINCT type(r)) AS roles, collect(r) AS rels, collect(DISTINCT e.key) AS via
WITH d, roles, via,
     reduce(acc = [], x IN rels | acc + coalesce(x.titles, []) + CASE WHEN x.position IS NULL THEN [] ELSE [x.position] END) AS titles
ORDER BY d.date DESC, d.key SKIP $skip LIMIT $limit
RETURN d.key AS key, d.name AS name, d.number AS number, d.type AS type, d.issuer AS issuer,
       toString(d.date) AS date, d.year AS year,
       d.title AS title, roles, via, titles
