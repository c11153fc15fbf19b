// Jobs whose worker died $max_attempts times (lease expired each time) are failed, not retried again.
MATCH (j:IngestJob {status: 'running'})
WHERE j.lease_until < datetime() AND j.attempts >= $max_attempts AND coalesce(j.queue, 'default') = $queue
SET j.status = 'failed', j.updated_at = datetime(), j.lease_until = null,
    j.error = coalesce(j.error + '; ', '') + 'worker lost ' + toString(j.attempts) + ' time(s) (lease expired)'
RETURN count(j) AS failed
