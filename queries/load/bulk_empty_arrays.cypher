// After a bulk import (graph/bulk.py): the import tool reads an empty array field as null, but the
// loader always writes these list properties, [] when there is nothing — so null here means [].
// The outer MATCH only streams relationships (the properties are read and written inside the
// subquery): a filter out here would make the plan eager and hold every match in one transaction.
MATCH ()-[r:CITES|MENTIONS|SIGNED|ISSUED|ISSUED_AT|ASSIGNS]->()
CALL (r) {
  WITH r
  WHERE r.ev_start IS NULL OR r.ev_end IS NULL OR r.ev_text IS NULL OR r.ev_sentence IS NULL
     OR (r.pinpoints IS NULL AND type(r) = 'CITES') OR (r.titles IS NULL AND type(r) = 'MENTIONS')
  SET r.ev_start = coalesce(r.ev_start, []), r.ev_end = coalesce(r.ev_end, []),
      r.ev_text = coalesce(r.ev_text, []), r.ev_sentence = coalesce(r.ev_sentence, [])
  FOREACH (_ IN CASE WHEN type(r) = 'CITES' AND r.pinpoints IS NULL THEN [1] ELSE [] END | SET r.pinpoints = [])
  FOREACH (_ IN CASE WHEN type(r) = 'MENTIONS' AND r.titles IS NULL THEN [1] ELSE [] END | SET r.titles = [])
} IN TRANSACTIONS OF 10000 ROWS
