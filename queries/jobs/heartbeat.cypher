// Extend the lease of a job this worker still holds; no row means the job was taken away.
MATCH (j:IngestJob {id: $id})
WHERE j.status = 'running' AND j.worker = $worker
SET j.lease_until = datetime() + duration({seconds: $lease_s}), j.updated_at = datetime()
RETURN j.id AS id
