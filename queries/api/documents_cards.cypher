// Ranking rows for a list of document keys (the influence score's top documents).
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN d.key AS key, d.name AS name, d.type AS type, d.type_code AS type_code, d.issuer AS issuer,
       d.issuer_code AS issuer_code, toString(d.date) AS date, d.title AS title,
       coalesce(d.placeholder, false) AS placeholder, d.name_folded AS name_folded
