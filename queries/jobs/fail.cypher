// The attempt failed: back to the queue, or failed for good after $max_attempts (or when $permanent).
MATCH (j:IngestJob {id: $id})
WHERE j.status = 'running' AND j.worker = $worker
SET j.status = CASE WHEN $permanent OR j.attempts >= $max_attempts THEN 'failed' ELSE 'queued' END,
    j.error = $error, j.lease_until = null, j.updated_at = datetime()
RETURN j.id AS id, j.status AS status
