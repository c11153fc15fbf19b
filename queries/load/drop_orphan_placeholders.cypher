// Placeholders that re-linking left without any edge: nothing cites them any more.
UNWIND $keys AS key
MATCH (o:Document {key: key})
WHERE coalesce(o.placeholder, false) AND NOT (o)--()
DELETE o
RETURN count(*) AS removed
