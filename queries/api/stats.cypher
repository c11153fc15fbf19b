// Node and relationship counts (from the count store), documents per type.
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (d:Document) WHERE d.placeholder = true RETURN count(d) AS placeholders }
CALL () { MATCH (n:Person) RETURN count(n) AS persons }
CALL () { MATCH (n:Agency) RETURN count(n) AS agencies }
CALL () { MATCH (n:Province) RETURN count(n) AS provinces }
CALL () { MATCH ()-[r:CITES]->() RETURN count(r) AS citations }
CALL () { MATCH ()-[r:SIGNED]->() RETURN count(r) AS signatures }
CALL () { MATCH ()-[r:MENTIONS]->() RETURN count(r) AS mentions }
CALL () {
  MATCH (d:Document) WHERE d.type IS NOT NULL
  WITH d.type AS type, count(*) AS n ORDER BY n DESC LIMIT 50
  RETURN collect({type: type, documents: n}) AS by_type
}
RETURN documents, placeholders, persons, agencies, provinces, citations, signatures, mentions, by_type
