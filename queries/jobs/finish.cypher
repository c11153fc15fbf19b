// The job's document is in the graph.
MATCH (j:IngestJob {id: $id})
WHERE j.status = 'running' AND j.worker = $worker
SET j.status = 'done', j.document_key = $document_key, j.note = $note, j.lease_until = null,
    j.updated_at = datetime()
RETURN j.id AS id
