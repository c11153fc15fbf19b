// Remove jobs by id (tests and housekeeping).
MATCH (j:IngestJob) WHERE j.id IN $ids
DELETE j
RETURN count(*) AS deleted
