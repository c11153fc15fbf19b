// State of the indexes the API relies on.
SHOW INDEXES YIELD name, state
WHERE name IN $names
RETURN name, state
