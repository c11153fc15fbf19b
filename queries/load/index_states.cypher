// Every index and how far its population has come (graph/bulk.py waits on them after a bulk import).
SHOW INDEXES YIELD name, type, state, populationPercent
RETURN name, type, state, populationPercent
