// Changed documents drop the edges they wrote themselves (never other documents' edges into them),
// then remove placeholders and entities that were kept alive by those edges only.
UNWIND $keys AS key
MATCH (d:Document {key: key})
CALL (d) {
  OPTIONAL MATCH (d)-[r:CITES|MENTIONS|ASSIGNS|REPORTS_ON|COPY_OF|ISSUED_AT]->(other)
  WITH d, collect(r) AS outgoing, collect(DISTINCT other) AS targets
  OPTIONAL MATCH (d)<-[s:SIGNED|ISSUED]-(who)
  WITH outgoing, targets, collect(s) AS incoming, collect(DISTINCT who) AS sources
  FOREACH (r IN outgoing + incoming | DELETE r)
  WITH targets + sources AS ends
  UNWIND ends AS e
  WITH DISTINCT e
  WHERE (coalesce(e.placeholder, false) OR NOT e:Document) AND NOT (e)--()
  DELETE e
  RETURN count(*) AS removed
}
RETURN sum(removed) AS removed
