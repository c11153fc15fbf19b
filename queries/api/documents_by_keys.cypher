// Summaries of the documents $keys (missing keys are skipped).
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN d.key AS key, d.number AS number, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       toString(d.date) AS date, d.year AS year, d.title AS title, d.name AS name,
       coalesce(d.placeholder, false) AS placeholder
