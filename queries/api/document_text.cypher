// A document's normalised text and the offsets of every entity, signer and citation in it.
MATCH (d:Document {key: $key})
CALL (d) {
  MATCH (d)-[m:MENTIONS]->(e)
  RETURN collect({key: e.key, label: e.name, starts: m.ev_start, ends: m.ev_end,
                  kind: CASE WHEN e:Person THEN 'person' WHEN e:Agency THEN 'agency' ELSE 'province' END}) AS mentions
}
CALL (d) {
  MATCH (d)-[c:CITES]->(t:Document)
  RETURN collect({key: t.key, label: t.name, kind: 'citation', starts: c.ev_start, ends: c.ev_end}) AS cites
}
CALL (d) {
  MATCH (p:Person)-[s:SIGNED]->(d)
  RETURN collect({key: p.key, label: p.name, kind: 'person', starts: s.ev_start, ends: s.ev_end}) AS signs
}
RETURN d.key AS key, d.text AS text, mentions + cites + signs AS groups
