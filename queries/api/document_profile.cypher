// Exact counts for a document's profile (the detail endpoint caps its lists): citations out and
// in, entities mentioned, tasks assigned, signers, news reports, copies; and where its date came
// from (`date_source`, null when the loader did not record it).
MATCH (d:Document {key: $key})
RETURN d.key AS key, d.date_source AS date_source,
       COUNT { (d)-[:CITES]->(:Document) } AS cites,
       COUNT { (:Document)-[:CITES]->(d) } AS cited_by,
       COUNT { (d)-[:MENTIONS]->() } AS mentions,
       COUNT { (d)-[:ASSIGNS]->() } AS assigns,
       COUNT { (:Person)-[:SIGNED]->(d) } AS signers,
       COUNT { (:Document)-[:REPORTS_ON]->(d) } AS reports,
       COUNT { ()-[:COPY_OF]-(d) } AS copies
