// Before a bulk import (graph/bulk.py): nodes other than the migrations' bookkeeping. Any → refuse.
MATCH (n)
WHERE NOT n:`__SchemaMigration`
RETURN count(n) AS nodes
