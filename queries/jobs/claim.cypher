// Claim the oldest queued job of $queue (uploads: "default"), or a running one whose lease expired.
// Atomic: the job node's write lock is taken first, then the condition is checked again, so two
// workers racing for the same job cannot both get it (the loser gets no row and tries again).
MATCH (j:IngestJob)
WHERE coalesce(j.queue, 'default') = $queue
  AND (j.status = 'queued' OR (j.status = 'running' AND j.lease_until < datetime()))
WITH j ORDER BY j.created_at LIMIT 1
SET j.`__lock` = true
REMOVE j.`__lock`
WITH j
WHERE coalesce(j.queue, 'default') = $queue
  AND (j.status = 'queued' OR (j.status = 'running' AND j.lease_until < datetime()))
SET j.status = 'running', j.worker = $worker, j.attempts = coalesce(j.attempts, 0) + 1,
    j.lease_until = datetime() + duration({seconds: $lease_s}), j.updated_at = datetime()
RETURN j.id AS id, j.path AS path, j.filename AS filename, j.attempts AS attempts
