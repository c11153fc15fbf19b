// bench/api.py only: bulk load of synthetic documents, one statement per batch, no identity checks
// (the real loader, graph/loader.py, is measured by bench/ingest.py). Same nodes, keys and
// relationship properties as the loader writes (rows from graph.rows.build_rows).
CALL () {
  UNWIND $docs AS d
  MERGE (n:Document {key: d.key})
  SET n += d.props, n.placeholder = false
  SET n:$(d.labels)
}
CALL () {
  UNWIND $cites AS c
  MATCH (s:Document {key: c.source})
  MERGE (t:Document {key: c.target})
  ON CREATE SET t += c.target_props, t.placeholder = true
  MERGE (s)-[r:CITES]->(t)
  SET r += c.props
}
CALL () {
  UNWIND $persons AS m
  MATCH (d:Document {key: m.doc})
  MERGE (e:Person {key: m.key})
  ON CREATE SET e.name = m.name, e.name_folded = m.name_folded
  MERGE (d)-[r:MENTIONS]->(e)
  SET r += m.props
}
CALL () {
  UNWIND $agencies AS m
  MATCH (d:Document {key: m.doc})
  MERGE (e:Agency {key: m.key})
  ON CREATE SET e.name = m.name, e.name_folded = m.name_folded, e.abbreviation = m.abbreviation
  MERGE (d)-[r:MENTIONS]->(e)
  SET r += m.props
}
CALL () {
  UNWIND $provinces AS m
  MATCH (d:Document {key: m.doc})
  MERGE (e:Province {key: m.key})
  ON CREATE SET e.name = m.name, e.name_folded = m.name_folded
  MERGE (d)-[r:MENTIONS]->(e)
  SET r += m.props
}
CALL () {
  UNWIND $signed AS s
  MATCH (d:Document {key: s.doc})
  MERGE (p:Person {key: s.key})
  ON CREATE SET p.name = s.name, p.name_folded = s.name_folded
  MERGE (p)-[r:SIGNED]->(d)
  SET r += s.props
}
CALL () {
  UNWIND $issued AS s
  MATCH (d:Document {key: s.doc})
  MERGE (a:Agency {key: s.key})
  ON CREATE SET a.name = s.name, a.name_folded = s.name_folded
  MERGE (a)-[:ISSUED]->(d)
}
