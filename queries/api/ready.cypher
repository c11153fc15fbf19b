// Is the schema applied? The migrations recorded and the full-text indexes online.
CALL () { MATCH (m:__SchemaMigration) RETURN collect(m.version) AS migrations }
RETURN migrations
