// V001 — one node per real thing: uniqueness constraints on every node kind's key.
// Each constraint also gives the range index that MERGE and look-ups by key use.
CREATE CONSTRAINT document_key IF NOT EXISTS FOR (d:Document) REQUIRE d.key IS UNIQUE;
CREATE CONSTRAINT person_key IF NOT EXISTS FOR (p:Person) REQUIRE p.key IS UNIQUE;
CREATE CONSTRAINT agency_key IF NOT EXISTS FOR (a:Agency) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT province_key IF NOT EXISTS FOR (p:Province) REQUIRE p.key IS UNIQUE;
CREATE CONSTRAINT ingest_job_id IF NOT EXISTS FOR (j:IngestJob) REQUIRE j.id IS UNIQUE;
CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:__SchemaMigration) REQUIRE m.version IS UNIQUE;

// Look-ups that are not by key.
CREATE INDEX document_number IF NOT EXISTS FOR (d:Document) ON (d.number);
CREATE INDEX document_text_hash IF NOT EXISTS FOR (d:Document) ON (d.text_hash);
CREATE INDEX document_type_date IF NOT EXISTS FOR (d:Document) ON (d.type, d.date);
CREATE INDEX document_year IF NOT EXISTS FOR (d:Document) ON (d.year);
CREATE INDEX ingest_job_status IF NOT EXISTS FOR (j:IngestJob) ON (j.status, j.created_at);
