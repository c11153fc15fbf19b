// One ingest job by id, with its life-cycle fields.
MATCH (j:IngestJob {id: $id})
RETURN j.id AS id, j.status AS status, j.path AS path, j.filename AS filename, j.attempts AS attempts,
       j.worker AS worker, j.error AS error, j.document_key AS document_key,
       toString(j.lease_until) AS lease_until, toString(j.created_at) AS created_at,
       toString(j.updated_at) AS updated_at
