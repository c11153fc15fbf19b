// Queue one file for the ingest workers (the API's upload does the same with api/job_create).
CREATE (j:IngestJob {id: $id, status: 'queued', path: $path, filename: $filename, attempts: 0, queue: $queue,
                     created_at: datetime(), updated_at: datetime()})
RETURN j.id AS id
