"""Everything that talks to Neo4j: the local server, the driver, schema migrations, the loader,
ingest workers. No other package imports ``neo4j``."""
